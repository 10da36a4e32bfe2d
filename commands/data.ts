// /data: moderators bring data live without a restart — status, reload, validate, import, draft, rollback, export.
import { ApplicationCommandOptionType, ApplicationIntegrationType, InteractionContextType } from 'discord-api-types/v10';
import type { Actor, DataAdmin } from '../src/admin/admin.ts';
import { formatBytes } from '../src/admin/download.ts';
import { renderApplied, renderCheck, renderImportNotice, renderPreview, renderProblems, renderStatus } from '../src/format/data-embeds.ts';
import { renderDraft } from '../src/format/draft-embeds.ts';
import { draftArticle, liveDataOf } from '../src/draft/draft.ts';
import { draftMessages } from '../src/draft/messages.ts';
import { AUTOCOMPLETE_LIMITS } from '../src/format/limits.ts';
import type { Reply } from '../src/format/reply.ts';
import { truncate } from '../src/format/text.ts';
import { UserError } from '../src/interaction/errors.ts';
import type { Command, CommandRequest, ComponentRequest } from '../src/interaction/types.ts';
import { adminMessages } from '../src/admin/admin.ts';
import { MANAGE_GUILD } from '../src/interaction/permissions.ts';
import { messages } from '../src/messages.ts';

/** Discord refuses messages over this; exports above it are refused with advice instead. */
const MAX_EXPORT_BYTES = 8 * 1024 * 1024;

function adminOf(request: CommandRequest | ComponentRequest): DataAdmin {
  const admin = request.services.dataAdmin;
  if (!admin) throw new UserError('data-unavailable', messages.dataUnavailable);
  return admin;
}

function actorOf(request: CommandRequest | ComponentRequest): Actor {
  return { id: request.user.id, name: request.user.username, guildId: request.guildId };
}

/** A reply that replaces the clicked message (an update keeps the message's own visibility). */
function asUpdate(reply: Reply): Reply {
  return { ...reply, ephemeral: false };
}

async function execute(request: CommandRequest): Promise<Reply> {
  const admin = adminOf(request);
  const actor = actorOf(request);
  switch (request.options.subcommand) {
    case 'status':
      return renderStatus(await admin.status());
    case 'reload': {
      const result = await admin.reload(actor);
      if (result.kind === 'invalid') return renderProblems('Reload refused: the data directory has problems', result.problems);
      if (result.kind === 'unchanged') return { content: messages.dataUnchanged(result.version), ephemeral: true };
      return renderApplied('Data reloaded', result);
    }
    case 'validate': {
      const result = await admin.check(requireFile(request), actor, request.trusted, request.options.attachment(SOURCE_TEXT));
      return result.kind === 'invalid' ? renderProblems('The file is not valid', result.problems) : renderCheck(result);
    }
    case 'import': {
      const result = await admin.prepareImport(requireFile(request), actor, request.trusted, request.options.attachment(SOURCE_TEXT));
      if (result.kind === 'invalid') return renderProblems('Import refused: the file is not valid', result.problems);
      return {
        ...renderPreview(result),
        expire: {
          afterMs: Math.max(0, result.expiresAt.getTime() - Date.now()),
          reply: async () => ((await admin.expireImport(result.token, actor)) ? renderImportNotice(messages.importExpired) : undefined),
        },
      };
    }
    case 'draft': {
      const file = requireFile(request);
      const text = await admin.downloadArticle(file, request.trusted);
      const url = request.options.string('url');
      const draft = draftArticle({
        upload: { name: file.filename, content: text },
        source: {
          publisher: request.options.string('publisher') ?? '',
          published: request.options.string('published') ?? '',
          authors: (request.options.string('authors') ?? '').split(',').map((author) => author.trim()).filter(Boolean),
          ...(url !== undefined ? { url } : {}),
        },
        live: liveDataOf(request.snapshot.dataset),
      });
      const json = `${JSON.stringify(draft.article, null, 2)}\n`;
      const flagged = draft.summary.quotes.filter((quote) => quote.flag).length;
      await admin.audit({ by: actor, action: 'draft', outcome: 'previewed', detail: `${file.filename}: ${String(draft.summary.quotes.length)} quotes, ${String(flagged)} flagged` });
      return renderDraft(draft, json, await admin.prepareImportFromText(json, actor, draft.text));
    }
    case 'rollback': {
      const result = await admin.rollback(actor, request.options.string('version'));
      if (result.kind === 'no-history') return { content: adminMessages.noHistory, ephemeral: true };
      if (result.kind === 'invalid') return renderProblems('Rollback refused: that version does not validate any more', result.problems);
      if (result.kind === 'unchanged') return { content: messages.dataUnchanged(result.version), ephemeral: true };
      return renderApplied(`Rolled back: ${result.after.version} is live now`, result);
    }
    case 'export': {
      const files = admin.exportFiles(request.options.string('article'));
      const size = files.reduce((sum, file) => sum + Buffer.byteLength(file.text), 0);
      if (size > MAX_EXPORT_BYTES) throw new UserError('export-too-large', adminMessages.tooLargeToAttach(formatBytes(size)));
      await admin.audit({ by: actor, action: 'export', outcome: 'exported', detail: `${String(files.length)} files` });
      const version = request.snapshot.dataset.version;
      // Discord takes at most 10 files per message: larger exports are bundled into one JSON file.
      const attachments =
        files.length <= 10
          ? files.map((file) => ({ name: file.file.replace(/^articles\//, ''), data: Buffer.from(file.text) }))
          : [{ name: `dataset-${version}.json`, data: Buffer.from(JSON.stringify({ version, articles: files.map((file) => JSON.parse(file.text) as unknown) }, null, 2)) }];
      return { content: messages.exported(files.length, version), files: attachments, ephemeral: true };
    }
    default:
      throw new UserError('unknown-subcommand', messages.unknownSubcommand('data', request.options.subcommand ?? ''));
  }
}

async function component(request: ComponentRequest): Promise<Reply> {
  const [, action, token = ''] = request.customId.split(':');
  const admin = adminOf(request);
  const actor = actorOf(request);
  if (action === 'cancel') {
    const outcome = await admin.cancelImport(token, actor);
    if (outcome === 'not-yours') return { content: messages.notYourImport, ephemeral: true };
    return asUpdate(renderImportNotice(outcome === 'cancelled' ? messages.importCancelled : messages.importExpired));
  }
  if (action === 'review') {
    const result = await admin.reviewImport(token, actor);
    if (result.kind === 'not-yours') return { content: draftMessages.notYourDraft, ephemeral: true };
    if (result.kind === 'expired') return { content: draftMessages.reviewExpired, ephemeral: true };
    if (result.kind === 'invalid') return renderProblems('Import refused: the draft no longer validates against the live data', result.problems);
    return renderPreview(result);
  }
  if (action !== 'confirm') return { content: messages.staleButton, ephemeral: true };
  const result = await admin.confirmImport(token, actor);
  switch (result.kind) {
    case 'not-yours':
      return { content: messages.notYourImport, ephemeral: true };
    case 'expired':
      return asUpdate(renderImportNotice(messages.importExpired));
    case 'stale':
      return asUpdate(renderImportNotice(messages.importStale(result.since)));
    case 'invalid':
      return asUpdate(renderProblems('Import refused: the file no longer validates against the live data', result.problems));
    case 'unchanged':
      return asUpdate(renderImportNotice(messages.dataUnchanged(result.version)));
    case 'applied':
      return asUpdate(renderApplied('Import applied', result));
  }
}

/** The optional upload of the article's own text, for the copy check. */
const SOURCE_TEXT = 'source_text';

/** A subcommand that takes one uploaded article, and optionally the text it was extracted from. */
function withFile(name: string, description: string) {
  return {
    type: ApplicationCommandOptionType.Subcommand as const,
    name,
    description,
    options: [
      { type: ApplicationCommandOptionType.Attachment as const, name: 'file', description: 'One article as JSON', required: true },
      {
        type: ApplicationCommandOptionType.Attachment as const,
        name: SOURCE_TEXT,
        description: 'The article’s text (.txt or .md): refuses wording copied from it and quotes it does not print',
      },
    ],
  };
}

function requireFile(request: CommandRequest) {
  const file = request.options.attachment('file');
  if (!file) throw new UserError('missing-file', messages.missingOption('file'));
  return file;
}

export default {
  data: {
    name: 'data',
    description: 'Manage the bot’s data (moderators): status, reload, validate, import, draft, rollback, export',
    default_member_permissions: String(MANAGE_GUILD),
    // Never through a user install: moderation belongs to the server that installed the bot.
    integration_types: [ApplicationIntegrationType.GuildInstall],
    contexts: [InteractionContextType.Guild],
    options: [
      { type: ApplicationCommandOptionType.Subcommand, name: 'status', description: 'The live data: version, counts, articles, last change, shards' },
      { type: ApplicationCommandOptionType.Subcommand, name: 'reload', description: 'Re-read the data directory and swap it in if it is valid' },
      withFile('validate', 'Check an article file and show what it would change, without applying it'),
      withFile('import', 'Add or replace an article; applied only after you confirm'),
      {
        type: ApplicationCommandOptionType.Subcommand,
        name: 'draft',
        description: 'Draft an article file from the article’s text, then preview it as an import',
        options: [
          { type: ApplicationCommandOptionType.Attachment, name: 'file', description: 'The article’s text: .txt, .md or .html', required: true },
          { type: ApplicationCommandOptionType.String, name: 'publisher', description: 'Who published it, e.g. The New York Times', required: true, max_length: 100 },
          { type: ApplicationCommandOptionType.String, name: 'published', description: 'Publication date, YYYY-MM-DD', required: true, min_length: 10, max_length: 10 },
          { type: ApplicationCommandOptionType.String, name: 'authors', description: 'Its authors, separated by commas', required: true, max_length: 500 },
          { type: ApplicationCommandOptionType.String, name: 'url', description: 'Its web address, when it has one', max_length: 500 },
        ],
      },
      {
        type: ApplicationCommandOptionType.Subcommand,
        name: 'rollback',
        description: 'Return to the previous version (or one you pick)',
        options: [{ type: ApplicationCommandOptionType.String, name: 'version', description: 'A kept version; default: the one before the live one', autocomplete: true }],
      },
      {
        type: ApplicationCommandOptionType.Subcommand,
        name: 'export',
        description: 'Attach the live data (or one article) as JSON',
        options: [{ type: ApplicationCommandOptionType.String, name: 'article', description: 'One article; default: all', autocomplete: true }],
      },
    ],
  },
  autocomplete: (request) => {
    const admin = request.services.dataAdmin;
    if (!admin) return [];
    const typed = request.focused.value.toLowerCase();
    const choices =
      request.focused.name === 'version'
        ? admin.versions.map((record) => ({ name: `${record.version} · ${record.action} by ${record.by.name} · ${record.at.slice(0, 16).replace('T', ' ')}`, value: record.version }))
        : request.snapshot.dataset.documents.map((document) => ({ name: `${document.article.source.id}: ${document.article.source.subject}`, value: document.article.source.id }));
    return choices
      .filter((choice) => choice.name.toLowerCase().includes(typed))
      .slice(0, AUTOCOMPLETE_LIMITS.choices)
      .map((choice) => ({ name: truncate(choice.name, AUTOCOMPLETE_LIMITS.choiceName), value: choice.value.slice(0, AUTOCOMPLETE_LIMITS.choiceValue) }));
  },
  execute,
  component,
  defer: 'ephemeral',
  guildOnly: true,
  moderatorOnly: true,
} satisfies Command;
