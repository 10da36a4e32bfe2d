// What a data change does, per kind: added, removed and changed entries, with a few names to show moderators.
import type { Dataset, Entry, EntryKind } from '../data/dataset.ts';
import { entryLabel } from '../format/embeds.ts';
import { truncate } from '../format/text.ts';
import type { Catalogue } from '../locale/locale.ts';

export interface KindDiff {
  readonly added: readonly Entry[];
  readonly removed: readonly Entry[];
  readonly changed: readonly Entry[];
}

export interface DatasetDiff {
  readonly from: string;
  readonly to: string;
  readonly byKind: Readonly<Record<EntryKind, KindDiff>>;
  /** Article files added, removed or replaced. */
  readonly files: { readonly added: readonly string[]; readonly removed: readonly string[]; readonly changed: readonly string[] };
}

const KINDS: readonly EntryKind[] = ['source', 'entity', 'quote', 'deal', 'fact'];

export const KIND_NAMES: Readonly<Record<EntryKind, { readonly one: string; readonly many: string }>> = Object.freeze({
  source: { one: 'article', many: 'articles' },
  entity: { one: 'person or organisation', many: 'people and organisations' },
  quote: { one: 'quote', many: 'quotes' },
  deal: { one: 'deal', many: 'deals' },
  fact: { one: 'fact', many: 'facts' },
});

/** Compares two datasets entry by entry (by id; "changed" means same id, different content). */
export function diffDatasets(before: Dataset, after: Dataset): DatasetDiff {
  const byKind = {} as Record<EntryKind, KindDiff>;
  for (const kind of KINDS) {
    const old = entriesOf(before, kind);
    const next = entriesOf(after, kind);
    const oldIds = new Map(old.map((entry) => [entry.id, entry]));
    const nextIds = new Map(next.map((entry) => [entry.id, entry]));
    byKind[kind] = {
      added: next.filter((entry) => !oldIds.has(entry.id)),
      removed: old.filter((entry) => !nextIds.has(entry.id)),
      changed: next.filter((entry) => {
        const previous = oldIds.get(entry.id);
        return previous !== undefined && previous !== entry && JSON.stringify(previous) !== JSON.stringify(entry);
      }),
    };
  }
  const oldFiles = new Map(before.documents.map((document) => [document.file, document.hash]));
  const newFiles = new Map(after.documents.map((document) => [document.file, document.hash]));
  return {
    from: before.version,
    to: after.version,
    byKind,
    files: {
      added: [...newFiles.keys()].filter((file) => !oldFiles.has(file)),
      removed: [...oldFiles.keys()].filter((file) => !newFiles.has(file)),
      changed: [...newFiles].filter(([file, hash]) => oldFiles.has(file) && oldFiles.get(file) !== hash).map(([file]) => file),
    },
  };
}

/** One line per kind that changed, in the reader's words: "quotes: +2 added (…), ~3 changed (…)". */
export function describeDiff(diff: DatasetDiff, after: Dataset, before: Dataset, words: Catalogue, examples = 3): string[] {
  const lines: string[] = [];
  const { data } = words;
  for (const kind of KINDS) {
    const { added, removed, changed } = diff.byKind[kind];
    if (added.length + removed.length + changed.length === 0) continue;
    const parts: string[] = [];
    const sample = (entries: readonly Entry[], dataset: Dataset): string =>
      entries
        .slice(0, examples)
        .map((entry) => truncate(entryLabel(entry, dataset, words), 60))
        .join('; ') + (entries.length > examples ? `; ${data.moreExamples(entries.length - examples)}` : '');
    if (added.length > 0) parts.push(data.added(added.length, sample(added, after)));
    if (removed.length > 0) parts.push(data.removed(removed.length, sample(removed, before)));
    if (changed.length > 0) parts.push(data.changed(changed.length, sample(changed, after)));
    lines.push(data.diffLine(kind, parts.join(', ')));
  }
  return lines;
}

/** A compact count summary for logs and the audit trail: "quotes +2/−1/~3, deals +1". */
export function summarizeDiff(diff: DatasetDiff): string {
  const parts = KINDS.flatMap((kind) => {
    const { added, removed, changed } = diff.byKind[kind];
    const counts = [added.length && `+${String(added.length)}`, removed.length && `−${String(removed.length)}`, changed.length && `~${String(changed.length)}`].filter(Boolean);
    return counts.length > 0 ? [`${KIND_NAMES[kind].many} ${counts.join('/')}`] : [];
  });
  return parts.length > 0 ? parts.join(', ') : 'no change';
}

function entriesOf(dataset: Dataset, kind: EntryKind): readonly Entry[] {
  switch (kind) {
    case 'source':
      return dataset.sources;
    case 'entity':
      return dataset.entities;
    case 'quote':
      return dataset.quotes;
    case 'deal':
      return dataset.deals;
    case 'fact':
      return dataset.facts;
  }
}
