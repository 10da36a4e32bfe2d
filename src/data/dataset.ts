// The validated, immutable dataset: every article merged into one set of entries, looked up by id.
import { createHash } from 'node:crypto';
import { runSteps, type Steps } from '../util/slices.ts';
import type { ArticleFile, Deal, Entity, Fact, Quote, Source } from './schema.ts';

export type QuoteEntry = Quote & { readonly kind: 'quote' };
export type DealEntry = Deal & { readonly kind: 'deal' };
export type FactEntry = Fact & { readonly kind: 'fact' };
export type EntityEntry = Entity & { readonly kind: 'entity' };
export type SourceEntry = Source & { readonly kind: 'source' };
export type Entry = QuoteEntry | DealEntry | FactEntry | EntityEntry | SourceEntry;
export type EntryKind = Entry['kind'];

/** An article file as it was read: its name inside the data directory, its parsed content and a hash of its text. */
export interface ArticleDocument {
  readonly file: string;
  readonly article: ArticleFile;
  /** sha256 of the file's text: the dataset version is derived from these, without re-serialising anything. */
  readonly hash: string;
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

/** sha256 of a file's text, as stored in ArticleDocument.hash. */
export function hashText(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** Content hash of a set of article documents, independent of the order they were read in. */
export function datasetVersion(documents: readonly ArticleDocument[]): string {
  const hash = createHash('sha256');
  for (const document of [...documents].sort((a, b) => a.file.localeCompare(b.file))) {
    hash.update(document.file).update('\0').update(document.hash).update('\0');
  }
  return hash.digest('hex').slice(0, 12);
}

/**
 * Merges validated article documents into one dataset. Callers validate first (see validate.ts);
 * duplicate ids keep the first entry seen.
 */
export function buildDataset(documents: readonly ArticleDocument[]): Dataset {
  return runSteps(buildDatasetSteps(documents));
}

/** buildDataset as steps that pause every few thousand entries (see util/slices.ts). */
export function* buildDatasetSteps(documents: readonly ArticleDocument[]): Steps<Dataset> {
  const sorted = [...documents].sort((a, b) => a.file.localeCompare(b.file));
  const sources: Entry[] = [];
  const entities: Entry[] = [];
  const quotes: Entry[] = [];
  const deals: Entry[] = [];
  const facts: Entry[] = [];
  const byId = new Map<string, Entry>();
  const add = (list: Entry[], value: object, kind: EntryKind): void => {
    const entry = tagEntry(value, kind);
    if (byId.has(entry.id)) return;
    byId.set(entry.id, entry);
    list.push(entry);
  };

  for (const { article } of sorted) {
    add(sources, article.source, 'source');
    for (const entity of article.entities) add(entities, entity, 'entity');
    for (const quote of article.quotes) add(quotes, quote, 'quote');
    for (const deal of article.deals) add(deals, deal, 'deal');
    for (const fact of article.facts) add(facts, fact, 'fact');
    yield;
  }

  return Object.freeze({
    version: datasetVersion(sorted),
    documents: Object.freeze(sorted),
    sources: Object.freeze(sources as SourceEntry[]),
    entities: Object.freeze(entities as EntityEntry[]),
    quotes: Object.freeze(quotes as QuoteEntry[]),
    deals: Object.freeze(deals as DealEntry[]),
    facts: Object.freeze(facts as FactEntry[]),
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

/**
 * Makes a parsed article object an entry of the dataset in place: a non-enumerable `kind` tag and a freeze. Entries
 * and articles then share one copy in memory (which matters at 100,000 entries), the JSON of an article never shows
 * the tag, and no lookup can change what another lookup sees. Objects reused by a later snapshot are already tagged.
 */
function tagEntry(value: object, kind: EntryKind): Entry {
  if (!Object.hasOwn(value, 'kind')) {
    Object.defineProperty(value, 'kind', { value: kind, enumerable: false });
    Object.freeze(value);
  }
  return value as Entry;
}
