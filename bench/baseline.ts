// The naive baseline: plain fuse.js over every entry (keys speaker and text), as measured in the scale issue.
import Fuse from 'fuse.js';
import type { Dataset, Entry, EntryKind } from '../src/data/dataset.ts';

/** The options the bot used for every fuse.js search before its own index: the baseline keeps them. */
const FUSE_OPTIONS = Object.freeze({ includeScore: true, ignoreLocation: true, threshold: 0.4, minMatchCharLength: 2 });

interface BaselineRecord {
  readonly entry: Entry;
  readonly speaker: string;
  readonly text: string;
}

/** One record per entry: who (speaker, companies, subjects, the entity's names) and what (quote, title, fact). */
function record(entry: Entry, dataset: Dataset): BaselineRecord {
  const name = (id: string): string => {
    const found = dataset.byId.get(id);
    return found?.kind === 'entity' ? [found.name, ...found.aliases].join(' ') : id;
  };
  switch (entry.kind) {
    case 'quote':
      return { entry, speaker: name(entry.speaker), text: entry.text };
    case 'deal':
      return { entry, speaker: [...entry.counterparties, ...entry.parties].map(name).join(' '), text: entry.title };
    case 'fact':
      return { entry, speaker: entry.subjects.map(name).join(' '), text: entry.text };
    case 'entity':
      return { entry, speaker: name(entry.id), text: entry.role ?? '' };
    case 'source':
      return { entry, speaker: entry.publisher, text: entry.subject };
  }
}

/** Plain fuse.js: one Fuse over all entries, scanned in full on every query. */
export class PlainFuseSearch {
  private readonly fuse: Fuse<BaselineRecord>;

  constructor(dataset: Dataset) {
    const records = [...dataset.quotes, ...dataset.deals, ...dataset.facts, ...dataset.entities, ...dataset.sources].map((entry) => record(entry, dataset));
    this.fuse = new Fuse(records, { ...FUSE_OPTIONS, keys: ['speaker', 'text'] });
  }

  /** Entry ids, best first, of the given kinds (fuse.js filters nothing by kind, so we filter its results). */
  search(query: string, kinds: readonly EntryKind[] | undefined, limit?: number): string[] {
    const wanted = kinds && kinds.length > 0 ? new Set(kinds) : undefined;
    const results = this.fuse.search(query);
    const ids: string[] = [];
    for (const result of results) {
      if (wanted && !wanted.has(result.item.entry.kind)) continue;
      ids.push(result.item.entry.id);
      if (limit !== undefined && ids.length >= limit) break;
    }
    return ids;
  }
}
