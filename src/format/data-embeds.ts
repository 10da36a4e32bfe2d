// Replies of /data: status, diffs, problems, import previews. Moderators read them; the audit log keeps them.
import { ButtonStyle, ComponentType, type APIEmbed, type APIEmbedField } from 'discord-api-types/v10';
import type { Applied, AuditEntry, DataStatus, Preview, ShardVersion } from '../admin/admin.ts';
import { describeDiff } from '../admin/diff.ts';
import type { DataProblem } from '../data/validate.ts';
import { formatProblem } from '../data/validate.ts';
import { KIND_COLOURS } from './embeds.ts';
import type { ActionRow, Reply } from './reply.ts';
import type { Catalogue } from '../locale/locale.ts';
import { escapeMarkdown, truncate } from './text.ts';

const SHOWN_PROBLEMS = 10;

/** A timestamp Discord shows in each reader's time zone (and the terminal shows as is). */
function when(date: Date, style: 'R' | 'f' = 'f'): string {
  return `<t:${String(Math.floor(date.getTime() / 1000))}:${style}>`;
}

function code(text: string): string {
  return `\`${text.replace(/`/g, "'")}\``;
}

export function renderStatus(status: DataStatus, words: Catalogue): Reply {
  const { counts, data } = words;
  const { counts: count } = status;
  const fields: APIEmbedField[] = [
    { name: data.version, value: code(status.version), inline: true },
    { name: data.liveSince, value: when(status.loadedAt), inline: true },
    { name: data.entries, value: [counts.quotes(count.quotes), counts.deals(count.deals), counts.facts(count.facts), counts.entities(count.entities)].join(' · ') },
    {
      name: data.articles(status.articles.length),
      value:
        status.articles
          .slice(0, 10)
          .map((article) => data.articleLine(code(article.file), escapeMarkdown(truncate(article.subject, 80)), article.entries))
          .join('\n') + (status.articles.length > 10 ? `\n${data.andMore(status.articles.length - 10)}` : ''),
    },
    {
      name: data.lastChange,
      value: status.lastChange
        ? `${data.changeBy(status.lastChange.action, escapeMarkdown(status.lastChange.by.name), when(new Date(status.lastChange.at), 'R'))}${status.lastChange.summary ? `: ${escapeMarkdown(status.lastChange.summary)}` : ''}`
        : data.noChangeYet,
    },
    { name: data.readFrom, value: code(status.storage) },
  ];
  if (status.shards) fields.push({ name: data.shards, value: describeShards(status.shards, status.version, words) });
  if (status.attention.length > 0) fields.push({ name: data.attention, value: bullets(status.attention, '⚠️') });
  return { embeds: [{ color: KIND_COLOURS.source, title: data.liveData, fields }], ephemeral: true };
}

/** Sentences as a list, each escaped and the whole within a field's limit. */
function bullets(sentences: readonly string[], mark = '•'): string {
  return truncate(sentences.map((sentence) => `${mark} ${escapeMarkdown(sentence)}`).join('\n'), 1024);
}

export function describeShards(shards: readonly ShardVersion[], expected: string, words: Catalogue): string {
  const { data } = words;
  const lines = shards.map((shard) => `${data.shardLine(shard.shard)}: ${code(shard.version)} ${shard.version === expected ? '✅' : '⚠️'}`);
  const same = shards.every((shard) => shard.version === expected);
  return `${lines.join('\n')}\n${same ? data.allShardsSame(shards.length) : data.notAllShards}`;
}

function diffList(lines: readonly string[], empty: string): string {
  return lines.length > 0 ? lines.map((line) => `• ${escapeMarkdown(line)}`).join('\n') : empty;
}

export function renderApplied(title: string, result: Applied, words: Catalogue): Reply {
  const { data } = words;
  const embed: APIEmbed = {
    color: KIND_COLOURS.deal,
    title,
    description: data.versionLive(result.before.version, result.after.version),
    fields: [{ name: data.whatChanged, value: diffList(describeDiff(result.diff, result.after, result.before, words), data.noEntriesChanged) }],
  };
  if (result.shards.length > 0) embed.fields?.push({ name: data.shards, value: describeShards(result.shards, result.after.version, words) });
  // The change is live whatever the notes say: they tell what could not be recorded beside it.
  if (result.notes.length > 0) embed.fields?.push({ name: data.note, value: bullets(result.notes, '⚠️') });
  return { embeds: [embed], components: [], ephemeral: true };
}

export function renderProblems(title: string, problems: readonly DataProblem[], words: Catalogue): Reply {
  const shown = problems.slice(0, SHOWN_PROBLEMS).map((problem) => `• ${escapeMarkdown(formatProblem(problem))}`);
  if (problems.length > SHOWN_PROBLEMS) shown.push(words.data.andMore(problems.length - SHOWN_PROBLEMS));
  return {
    embeds: [{ color: KIND_COLOURS.notice, title, description: `${words.data.nothingChanged(problems.length)}\n${shown.join('\n')}` }],
    components: [],
    ephemeral: true,
  };
}

/** The outcome of /data validate: what the upload would change, applied nowhere. */
export function renderCheck(preview: Omit<Preview, 'token' | 'expiresAt'>, words: Catalogue): Reply {
  const { data } = words;
  return {
    embeds: [
      {
        color: KIND_COLOURS.deal,
        title: data.fileValid,
        description: data.wouldChangeFile(preview.replaces, preview.file, preview.before.version, preview.after.version),
        fields: [{ name: data.itWouldChange, value: diffList(describeDiff(preview.diff, preview.after, preview.before, words), data.noEntriesSame) }],
      },
    ],
    ephemeral: true,
  };
}

/** How a preview is introduced: an upload (replacing or adding its file), or one entry edited, added or removed. */
export type PreviewOf = { readonly action: 'import' } | { readonly action: 'edit' | 'add' | 'remove'; readonly kind: string; readonly id: string };

/** A change preview: the diff, and Confirm / Cancel until it expires. */
export function renderPreview(preview: Preview, words: Catalogue, of: PreviewOf = { action: 'import' }): Reply {
  const { data } = words;
  const buttons: ActionRow = {
    type: ComponentType.ActionRow,
    components: [
      { type: ComponentType.Button, style: ButtonStyle.Success, custom_id: `data:confirm:${preview.token}`, label: of.action === 'import' ? data.confirmImport : data.confirmChange },
      { type: ComponentType.Button, style: ButtonStyle.Secondary, custom_id: `data:cancel:${preview.token}`, label: data.cancel },
    ],
  };
  return {
    embeds: [
      {
        color: KIND_COLOURS.quote,
        title: of.action === 'import' ? data.importPreview(preview.replaces, preview.file) : data.changePreview(of.action, of.kind, of.id),
        description: data.previewDescription(preview.before.version, preview.after.version, when(preview.expiresAt, 'R')),
        fields: [{ name: data.itWillChange, value: diffList(describeDiff(preview.diff, preview.after, preview.before, words), data.noEntriesSame) }],
      },
    ],
    components: [buttons],
    ephemeral: true,
  };
}

/** A short notice that replaces a preview (cancelled, expired, stale). */
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
