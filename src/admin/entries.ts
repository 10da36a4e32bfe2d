// One entry changed inside its article: find it, what refers to it, and the article with it edited, added or removed.
// Pure functions on the dataset: the result is an article file's text that goes through the import path like any upload.
import { createHash } from 'node:crypto';
import type { ArticleDocument, Dataset, Entry } from '../data/dataset.ts';
import type { ArticleFile, Deal, Entity, Fact, Quote } from '../data/schema.ts';

/** The kinds a moderator edits one at a time (a source is the article itself: it is imported whole). */
export type EditableKind = 'quote' | 'deal' | 'fact' | 'entity';
export const EDITABLE_KINDS: readonly EditableKind[] = ['quote', 'deal', 'fact', 'entity'];

type EditableEntry = Quote | Deal | Fact | Entity;

/** Where an entry lives: its article document, and the list it is in. */
export interface LocatedEntry {
  readonly kind: EditableKind;
  readonly entry: EditableEntry;
  readonly document: ArticleDocument;
}

const LISTS: Readonly<Record<EditableKind, 'quotes' | 'deals' | 'facts' | 'entities'>> = Object.freeze({
  quote: 'quotes',
  deal: 'deals',
  fact: 'facts',
  entity: 'entities',
});

/** The entry with this id and the article holding it; undefined for unknown ids and for sources. */
export function locateEntry(dataset: Dataset, id: string): LocatedEntry | undefined {
  const found = dataset.byId.get(id);
  if (!found || found.kind === 'source') return undefined;
  const list = LISTS[found.kind];
  for (const document of dataset.documents) {
    const entry = (document.article[list] as readonly EditableEntry[]).find((candidate) => candidate.id === id);
    if (entry) return { kind: found.kind, entry, document };
  }
  return undefined;
}

/** A short fingerprint of an entry as it is: a form compares it on submission to tell that someone changed it since. */
export function fingerprintOf(entry: EditableEntry): string {
  return createHash('sha256').update(JSON.stringify(entry)).digest('hex').slice(0, 16);
}

/** Every entry that names this entity (as speaker, party, subject or country): it cannot go while they stay. */
export function referencesTo(dataset: Dataset, id: string): Entry[] {
  return [
    ...dataset.quotes.filter((quote) => quote.speaker === id),
    ...dataset.deals.filter((deal) => deal.parties.includes(id) || deal.counterparties.includes(id)),
    ...dataset.facts.filter((fact) => fact.subjects.includes(id)),
    ...dataset.entities.filter((entity) => entity.country === id),
  ];
}

/** The article with one entry replaced (same id, same list). */
export function withEntryReplaced(article: ArticleFile, kind: EditableKind, entry: EditableEntry): ArticleFile {
  const list = LISTS[kind];
  return { ...article, [list]: (article[list] as readonly EditableEntry[]).map((candidate) => (candidate.id === entry.id ? entry : candidate)) };
}

/** The article with one more entry at the end of its list. */
export function withEntryAdded(article: ArticleFile, kind: EditableKind, entry: EditableEntry): ArticleFile {
  const list = LISTS[kind];
  return { ...article, [list]: [...(article[list] as readonly EditableEntry[]), entry] };
}

/** The article without one entry. */
export function withEntryRemoved(article: ArticleFile, kind: EditableKind, id: string): ArticleFile {
  const list = LISTS[kind];
  return { ...article, [list]: (article[list] as readonly EditableEntry[]).filter((candidate) => candidate.id !== id) };
}

/** An article as the text of its file, the way exports write it. */
export function articleText(article: ArticleFile): string {
  return `${JSON.stringify(article, null, 2)}\n`;
}

const ID_PREFIXES: Readonly<Record<EditableKind, string>> = Object.freeze({ quote: 'q-', deal: 'd-', fact: 'f-', entity: '' });
const MAX_ID_LENGTH = 64;

/** A new id in the data's style ("q-tokayev-right-to-be-present"), unique across the dataset. */
export function newEntryId(dataset: Dataset, kind: EditableKind, words: string): string {
  const slug = words
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean)
    .slice(0, 6)
    .join('-');
  const base = `${ID_PREFIXES[kind]}${slug || kind}`.slice(0, MAX_ID_LENGTH - 3).replace(/-+$/, '');
  let id = base;
  for (let n = 2; dataset.byId.has(id); n++) id = `${base}-${String(n)}`;
  return id;
}
