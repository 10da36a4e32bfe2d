// /data's whole-dataset changes: status, reload, validate, import, draft, rollback, export, and the preview buttons.
import type { Actor, DataAdmin, Preview } from '../../src/admin/admin.ts';
import { formatBytes } from '../../src/admin/download.ts';
import { historyMessages } from '../../src/admin/history.ts';
import { draftArticle, liveDataOf } from '../../src/draft/draft.ts';
import { draftMessages } from '../../src/draft/messages.ts';
import { renderApplied, renderCheck, renderImportNotice, renderPreview, renderProblems, renderStatus } from '../../src/format/data-embeds.ts';
import { renderDraft } from '../../src/format/draft-embeds.ts';
import type { Reply } from '../../src/format/reply.ts';
import { UserError } from '../../src/interaction/errors.ts';
import type { CommandRequest, ComponentRequest } from '../../src/interaction/types.ts';
import type { Catalogue } from '../../src/messages.ts';
import { actorOf, adminOf, asUpdate, requireFile, SOURCE_TEXT, wordsOf } from './shared.ts';

/** Discord refuses messages over this; exports above it are refused with advice instead. */
const MAX_EXPORT_BYTES = 8 * 1024 * 1024;

export async function status(request: CommandRequest): Promise<Reply> {
  return renderStatus(await adminOf(request).status(), wordsOf(request));
}

export async function reload(request: CommandRequest): Promise<Reply> {
  const { data, messages } = wordsOf(request);
  const result = await adminOf(request).reload(actorOf(request));
  if (result.kind === 'invalid') return renderProblems(data.reloadRefused, result.problems, wordsOf(request));
  if (result.kind === 'unchanged') return { content: messages.dataUnchanged(result.version), ephemeral: true };
  return renderApplied(data.reloaded, result, wordsOf(request));
}

export async function validate(request: CommandRequest): Promise<Reply> {
  const words = wordsOf(request);
  const result = await adminOf(request).check(requireFile(request), actorOf(request), request.trusted, request.options.attachment(SOURCE_TEXT));
  return result.kind === 'invalid' ? renderProblems(words.data.fileNotValid, result.problems, words) : renderCheck(result, words);
}

export async function importUpload(request: CommandRequest): Promise<Reply> {
  const words = wordsOf(request);
  const admin = adminOf(request);
  const actor = actorOf(request);
  const result = await admin.prepareImport(requireFile(request), actor, request.trusted, request.options.attachment(SOURCE_TEXT));
  if (result.kind === 'invalid') return renderProblems(words.data.importRefused, result.problems, words);
  return withExpiry(renderPreview(result, words), admin, result, actorOf(request), words);
}

/** A preview that replaces itself with "expired" when its time is up and it is still waiting. */
export function withExpiry(reply: Reply, admin: DataAdmin, preview: Preview, actor: Actor, words: Catalogue): Reply {
  return {
    ...reply,
    expire: {
      afterMs: Math.max(0, preview.expiresAt.getTime() - Date.now()),
      reply: async () => ((await admin.expireImport(preview.token, actor)) ? renderImportNotice(words.messages.importExpired) : undefined),
    },
  };
}

export async function draft(request: CommandRequest): Promise<Reply> {
  const admin = adminOf(request);
  const actor = actorOf(request);
  const file = requireFile(request);
  const text = await admin.downloadArticle(file, request.trusted);
  const url = request.options.string('url');
  const drafted = draftArticle({
    upload: { name: file.filename, content: text },
    source: {
      publisher: request.options.string('publisher') ?? '',
      published: request.options.string('published') ?? '',
      authors: (request.options.string('authors') ?? '').split(',').map((author) => author.trim()).filter(Boolean),
      ...(url !== undefined ? { url } : {}),
    },
    live: liveDataOf(request.snapshot.dataset),
  });
  const json = `${JSON.stringify(drafted.article, null, 2)}\n`;
  const flagged = drafted.summary.quotes.filter((quote) => quote.flag).length;
  await admin.audit({ by: actor, action: 'draft', outcome: 'previewed', detail: `${file.filename}: ${String(drafted.summary.quotes.length)} quotes, ${String(flagged)} flagged` });
  return renderDraft(drafted, json, await admin.prepareImportFromText(json, actor, drafted.text));
}

export async function rollback(request: CommandRequest): Promise<Reply> {
  const words = wordsOf(request);
  const { data, messages } = words;
  const admin = adminOf(request);
  const target = request.options.string('version');
  // Checked here, from memory, so that the answer is in the moderator's language.
  if (target !== undefined && !admin.versions.some((record) => record.version === target)) throw new UserError('unknown-version', data.unknownVersion(target));
  const result = await admin.rollback(actorOf(request), target);
  if (result.kind === 'no-history') {
    return { content: result.setAsideAs === undefined ? data.noHistory : historyMessages.noEarlierAfterSetAside(result.setAsideAs), ephemeral: true };
  }
  if (result.kind === 'invalid') return renderProblems(data.rollbackRefused, result.problems, words);
  if (result.kind === 'unchanged') return { content: messages.dataUnchanged(result.version), ephemeral: true };
  return renderApplied(data.rolledBack(result.after.version), result, words);
}

export async function exportData(request: CommandRequest): Promise<Reply> {
  const { data, messages } = wordsOf(request);
  const admin = adminOf(request);
  const article = request.options.string('article');
  const { documents } = request.snapshot.dataset;
  if (article !== undefined && !documents.some((document) => document.article.source.id === article || document.file === article)) {
    throw new UserError('unknown-article', data.unknownArticle(article));
  }
  const files = admin.exportFiles(article);
  const size = files.reduce((sum, file) => sum + Buffer.byteLength(file.text), 0);
  if (size > MAX_EXPORT_BYTES) throw new UserError('export-too-large', data.tooLargeToAttach(formatBytes(size)));
  await admin.audit({ by: actorOf(request), action: 'export', outcome: 'exported', detail: `${String(files.length)} files` });
  const version = request.snapshot.dataset.version;
  // Discord takes at most 10 files per message: larger exports are bundled into one JSON file.
  const attachments =
    files.length <= 10
      ? files.map((file) => ({ name: file.file.replace(/^articles\//, ''), data: Buffer.from(file.text) }))
      : [{ name: `dataset-${version}.json`, data: Buffer.from(JSON.stringify({ version, articles: files.map((file) => JSON.parse(file.text) as unknown) }, null, 2)) }];
  return { content: messages.exported(files.length, version), files: attachments, ephemeral: true };
}

/** Confirm, Cancel and Continue on a preview (an upload's, a draft's, or one entry's change). */
export async function previewButton(request: ComponentRequest, action: string, token: string): Promise<Reply> {
  const words = wordsOf(request);
  const { data, messages } = words;
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
    if (result.kind === 'invalid') return renderProblems(data.draftNoLongerValid, result.problems, words);
    return renderPreview(result, words);
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
      return asUpdate(renderProblems(data.importNoLongerValid, result.problems, words));
    case 'unchanged':
      return asUpdate(renderImportNotice(messages.dataUnchanged(result.version)));
    case 'applied': {
      const { action: change, entry } = result.change;
      return asUpdate(renderApplied(change === 'import' || entry === undefined ? data.importApplied : data.changeApplied(change, entry), result, words));
    }
  }
}

