// Replies of /data: status, diffs, problems, import previews. Moderators read them; the audit log keeps them.
import { ButtonStyle, ComponentType, type APIEmbed, type APIEmbedField } from 'discord-api-types/v10';
import type { Applied, AuditEntry, DataStatus, Preview, ShardVersion } from '../admin/admin.ts';
import { describeDiff } from '../admin/diff.ts';
import type { DataProblem } from '../data/validate.ts';
import { formatProblem } from '../data/validate.ts';
import { KIND_COLOURS } from './embeds.ts';
import type { ActionRow, Reply } from './reply.ts';
import { escapeMarkdown, truncate } from './text.ts';

const SHOWN_PROBLEMS = 10;

/** A timestamp Discord shows in each reader's time zone (and the terminal shows as is). */
function when(date: Date, style: 'R' | 'f' = 'f'): string {
  return `<t:${String(Math.floor(date.getTime() / 1000))}:${style}>`;
}

function code(text: string): string {
  return `\`${text.replace(/`/g, "'")}\``;
}

export function renderStatus(status: DataStatus): Reply {
  const { counts } = status;
  const fields: APIEmbedField[] = [
    { name: 'Version', value: code(status.version), inline: true },
    { name: 'Live since', value: when(status.loadedAt), inline: true },
    {
      name: 'Entries',
      value: `${String(counts.quotes)} quotes · ${String(counts.deals)} deals · ${String(counts.facts)} facts · ${String(counts.entities)} people and organisations`,
    },
    {
      name: `Articles (${String(status.articles.length)})`,
      value:
        status.articles
          .slice(0, 10)
          .map((article) => `• ${code(article.file)}: ${escapeMarkdown(truncate(article.subject, 80))} (${String(article.entries)} entries)`)
          .join('\n') + (status.articles.length > 10 ? `\n… and ${String(status.articles.length - 10)} more` : ''),
    },
    {
      name: 'Last change',
      value: status.lastChange
        ? `${status.lastChange.action} by ${escapeMarkdown(status.lastChange.by.name)}, ${when(new Date(status.lastChange.at), 'R')}${status.lastChange.summary ? `: ${escapeMarkdown(status.lastChange.summary)}` : ''}`
        : 'No change recorded yet.',
    },
    { name: 'Read from', value: code(status.storage) },
  ];
  if (status.shards) fields.push({ name: 'Shards', value: describeShards(status.shards, status.version) });
  if (status.attention.length > 0) fields.push({ name: 'Needs attention', value: bullets(status.attention, '⚠️') });
  return { embeds: [{ color: KIND_COLOURS.source, title: 'Live data', fields }], ephemeral: true };
}

/** Sentences as a list, each escaped and the whole within a field's limit. */
function bullets(sentences: readonly string[], mark = '•'): string {
  return truncate(sentences.map((sentence) => `${mark} ${escapeMarkdown(sentence)}`).join('\n'), 1024);
}

export function describeShards(shards: readonly ShardVersion[], expected: string): string {
  const lines = shards.map((shard) => `shard ${String(shard.shard)}: ${code(shard.version)} ${shard.version === expected ? '✅' : '⚠️'}`);
  const same = shards.every((shard) => shard.version === expected);
  return `${lines.join('\n')}\n${same ? `All ${String(shards.length)} shards serve the same version.` : 'Not every shard serves the live version yet.'}`;
}

export function renderApplied(title: string, result: Applied): Reply {
  const lines = describeDiff(result.diff, result.after, result.before);
  const embed: APIEmbed = {
    color: KIND_COLOURS.deal,
    title,
    description: `Version ${code(result.before.version)} → ${code(result.after.version)} is live now.`,
    fields: [{ name: 'What changed', value: lines.length > 0 ? lines.map((line) => `• ${escapeMarkdown(line)}`).join('\n') : 'No entries changed.' }],
  };
  if (result.shards.length > 0) embed.fields?.push({ name: 'Shards', value: describeShards(result.shards, result.after.version) });
  // The change is live whatever the notes say: they tell what could not be recorded beside it.
  if (result.notes.length > 0) embed.fields?.push({ name: 'Note', value: bullets(result.notes, '⚠️') });
  return { embeds: [embed], components: [], ephemeral: true };
}

export function renderProblems(title: string, problems: readonly DataProblem[]): Reply {
  const shown = problems.slice(0, SHOWN_PROBLEMS).map((problem) => `• ${escapeMarkdown(formatProblem(problem))}`);
  if (problems.length > SHOWN_PROBLEMS) shown.push(`… and ${String(problems.length - SHOWN_PROBLEMS)} more`);
  return {
    embeds: [{ color: KIND_COLOURS.notice, title, description: `Nothing was changed. ${String(problems.length)} problem${problems.length === 1 ? '' : 's'}:\n${shown.join('\n')}` }],
    components: [],
    ephemeral: true,
  };
}

/** The outcome of /data validate: what the upload would change, applied nowhere. */
export function renderCheck(preview: Omit<Preview, 'token' | 'expiresAt'>): Reply {
  const lines = describeDiff(preview.diff, preview.after, preview.before);
  return {
    embeds: [
      {
        color: KIND_COLOURS.deal,
        title: `The file is valid: nothing was applied`,
        description: `It would ${preview.replaces ? 'replace' : 'add'} ${code(preview.file)}; the data would go from ${code(preview.before.version)} to ${code(preview.after.version)}.`,
        fields: [{ name: 'It would change', value: lines.length > 0 ? lines.map((line) => `• ${escapeMarkdown(line)}`).join('\n') : 'No entries (the file matches the live data).' }],
      },
    ],
    ephemeral: true,
  };
}

/** The import preview: the diff, and Confirm / Cancel until it expires. */
export function renderPreview(preview: Preview): Reply {
  const lines = describeDiff(preview.diff, preview.after, preview.before);
  const buttons: ActionRow = {
    type: ComponentType.ActionRow,
    components: [
      { type: ComponentType.Button, style: ButtonStyle.Success, custom_id: `data:confirm:${preview.token}`, label: 'Confirm import' },
      { type: ComponentType.Button, style: ButtonStyle.Secondary, custom_id: `data:cancel:${preview.token}`, label: 'Cancel' },
    ],
  };
  return {
    embeds: [
      {
        color: KIND_COLOURS.quote,
        title: `Import preview: ${preview.replaces ? 'replaces' : 'adds'} ${preview.file}`,
        description: `From version ${code(preview.before.version)} to ${code(preview.after.version)}. Nothing is applied until you confirm; this preview expires ${when(preview.expiresAt, 'R')}.`,
        fields: [{ name: 'It will change', value: lines.length > 0 ? lines.map((line) => `• ${escapeMarkdown(line)}`).join('\n') : 'No entries (the file matches the live data).' }],
      },
    ],
    components: [buttons],
    ephemeral: true,
  };
}

/** A short notice that replaces an import preview (cancelled, expired, stale). */
export function renderImportNotice(text: string): Reply {
  return { embeds: [{ color: KIND_COLOURS.source, description: text }], components: [], ephemeral: true };
}

/** An audit entry as posted to the moderators' channel (MOD_LOG_CHANNEL_ID); a summary of refusals has its own title. */
export function renderAuditEntry(entry: AuditEntry): APIEmbed {
  if (entry.attempts !== undefined) {
    return {
      color: KIND_COLOURS.notice,
      title: 'Refused /data attempts',
      description: [entry.summary, entry.detail].filter((part) => part !== undefined).map(escapeMarkdown).join('\n'),
      timestamp: entry.at,
    };
  }
  const ok = entry.outcome === 'applied' || entry.outcome === 'exported' || entry.outcome === 'previewed';
  const parts = [
    entry.from && entry.to && entry.from !== entry.to ? `Version ${code(entry.from)} → ${code(entry.to)}` : undefined,
    entry.summary ? escapeMarkdown(entry.summary) : undefined,
    entry.problems !== undefined ? `${String(entry.problems)} problem(s)` : undefined,
    entry.detail ? escapeMarkdown(entry.detail) : undefined,
  ].filter((part): part is string => part !== undefined);
  return {
    color: ok ? KIND_COLOURS.deal : KIND_COLOURS.notice,
    title: `/data ${entry.action}: ${entry.outcome}`,
    description: parts.length > 0 ? parts.join('\n') : undefined,
    footer: { text: `${entry.by.name} (${entry.by.id})` },
    timestamp: entry.at,
  };
}
