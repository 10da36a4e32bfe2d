// The validated, immutable dataset: every article merged into one set of entries, looked up by id.
import { createHash } from 'node:crypto';
import type { ArticleFile, Deal, Entity, Fact, Quote, Source } from './schema.ts';

export type QuoteEntry = Quote & { readonly kind: 'quote' };
export type DealEntry = Deal & { readonly kind: 'deal' };
export type FactEntry = Fact & { readonly kind: 'fact' };
export type EntityEntry = Entity & { readonly kind: 'entity' };
export type SourceEntry = Source & { readonly kind: 'source' };
export type Entry = QuoteEntry | DealEntry | FactEntry | EntityEntry | SourceEntry;
export type EntryKind = Entry['kind'];

/** An article file as it was read: its name inside the data directory and its parsed content. */
export interface ArticleDocument {
  readonly file: string;
  readonly article: ArticleFile;
}

export interface Dataset {
  /** A short content hash: equal data gives an equal version on every shard and after every restart. */
  readonly version: string;
  readonly documents: readonly ArticleDocument[];
  readonly sources: readonly SourceEntry[];
  readonly entities: readonly EntityEntry[];
  readonly quotes: readonly QuoteEntry[];
  readonly deals: readonly DealEntry[];
  readonly facts: readonly FactEntry[];
  readonly byId: ReadonlyMap<string, Entry>;
}

export interface EntryCounts {
  readonly sources: number;
  readonly entities: number;
  readonly quotes: number;
  readonly deals: number;
  readonly facts: number;
}

/** Content hash of a set of article documents, independent of the order they were read in. */
export function datasetVersion(documents: readonly ArticleDocument[]): string {
  const hash = createHash('sha256');
  for (const document of [...documents].sort((a, b) => a.file.localeCompare(b.file))) {
    hash.update(document.file).update('\0').update(JSON.stringify(document.article)).update('\0');
  }
  return hash.digest('hex').slice(0, 12);
}

/**
 * Merges validated article documents into one dataset. Callers validate first (see validate.ts);
 * duplicate ids keep the first entry seen.
 */
export function buildDataset(documents: readonly ArticleDocument[]): Dataset {
  const sorted = [...documents].sort((a, b) => a.file.localeCompare(b.file));
  const sources: SourceEntry[] = [];
  const entities: EntityEntry[] = [];
  const quotes: QuoteEntry[] = [];
  const deals: DealEntry[] = [];
  const facts: FactEntry[] = [];
  const byId = new Map<string, Entry>();
  const add = <T extends Entry>(list: T[], entry: T): void => {
    if (byId.has(entry.id)) return;
    byId.set(entry.id, entry);
    list.push(entry);
  };

  for (const { article } of sorted) {
    add(sources, { ...article.source, kind: 'source' });
    for (const entity of article.entities) add(entities, { ...entity, kind: 'entity' });
    for (const quote of article.quotes) add(quotes, { ...quote, kind: 'quote' });
    for (const deal of article.deals) add(deals, { ...deal, kind: 'deal' });
    for (const fact of article.facts) add(facts, { ...fact, kind: 'fact' });
  }

  return deepFreeze({
    version: datasetVersion(sorted),
    documents: sorted,
    sources,
    entities,
    quotes,
    deals,
    facts,
    byId,
  });
}

export function countEntries(dataset: Dataset): EntryCounts {
  return {
    sources: dataset.sources.length,
    entities: dataset.entities.length,
    quotes: dataset.quotes.length,
    deals: dataset.deals.length,
    facts: dataset.facts.length,
  };
}

/** Looks up an entry of one kind by id. */
export function entryOfKind<K extends EntryKind>(dataset: Dataset, id: string, kind: K): Extract<Entry, { kind: K }> | undefined {
  const entry = dataset.byId.get(id);
  return entry?.kind === kind ? (entry as Extract<Entry, { kind: K }>) : undefined;
}

// A snapshot is shared by every lookup that runs while it is live; freezing it makes "never a mix" a
// property of the type system's promise and the runtime alike.
function deepFreeze<T>(value: T): T {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return value;
  if (value instanceof Map) {
    for (const item of value.values()) deepFreeze(item);
  } else {
    for (const item of Object.values(value)) deepFreeze(item);
  }
  return Object.freeze(value);
}
