// Fuzzy search over one dataset: fuse.js scores every name, title and body string; we rank entries from those scores.
import Fuse from 'fuse.js';
import type { Dataset, Entry, EntryKind } from '../data/dataset.ts';
import { buildSearchDocuments, type SearchDocument } from './documents.ts';
import { normalizeForSearch, searchTokens } from './normalize.ts';

export interface SearchOptions {
  /** Only entries of these kinds; all kinds when absent or empty. */
  readonly kinds?: readonly EntryKind[];
  /** At most this many hits (default: all). */
  readonly limit?: number;
}

export interface SearchHit {
  readonly entry: Entry;
  /** 0 is a perfect match, 1 no match at all. */
  readonly score: number;
}

/** The search operations the bot needs; knows nothing of Discord. */
export interface EntrySearch {
  /** Every matching entry, best first. A query naming a speaker or company finds all of their entries. */
  search(query: string, options?: SearchOptions): SearchHit[];
  /** Up to `limit` entries for autocomplete: sensible defaults for an empty query, else the best matches. */
  suggest(query: string, kinds: readonly EntryKind[], limit: number): Entry[];
  /** Names and titles close to a query that found nothing, for a "did you mean" hint. */
  didYouMean(query: string, kinds: readonly EntryKind[], limit?: number): string[];
}

type Field = 'names' | 'title' | 'body';

/**
 * How each field's fuse.js score becomes an entry score. A name match outranks a title match, which outranks body text,
 * and long body text only counts when it is close: bitap with `ignoreLocation` finds loose matches in any long string.
 */
export const FIELD_RULES: Readonly<Record<Field, { readonly penalty: number; readonly maxScore: number }>> = Object.freeze({
  names: { penalty: 0, maxScore: 0.4 },
  title: { penalty: 0.1, maxScore: 0.35 },
  body: { penalty: 0.2, maxScore: 0.25 },
});

/** fuse.js options shared by every search in the bot (and by the plain-fuse.js baseline of the benchmark). */
export const FUSE_OPTIONS = Object.freeze({
  includeScore: true,
  ignoreLocation: true,
  threshold: 0.4,
  minMatchCharLength: 2,
});

/** Words that carry no meaning for the search when a query has other words. */
const STOPWORDS = new Set(['a', 'an', 'and', 'the', 'of', 'on', 'in', 'to', 'for', 'by', 'with', 'about', 'from', 'at', 'is']);

/** Search queries are capped: longer input adds nothing to a fuzzy match and must fit into a button's custom_id. */
export const MAX_QUERY_LENGTH = 50;

/**
 * Hits scoring this much worse than the best hit are noise: a loose fuzzy match of one word in long text, or a
 * multi-word query matching on a single common word while other entries match them all.
 */
export const RELEVANCE_MARGIN = 0.35;

/** An entry absent from some query words gets this score for them: it can still rank, below entries that match all. */
const MISSING_WORD_SCORE = 1;

const KIND_ORDER: Readonly<Record<EntryKind, number>> = Object.freeze({ entity: 0, quote: 1, deal: 2, fact: 3, source: 4 });

interface FieldRecord {
  readonly document: number;
  readonly field: Field;
}

/** Builds the search for one dataset snapshot. The result is immutable and safe to share. */
export function buildEntrySearch(dataset: Dataset): EntrySearch {
  return new FuseEntrySearch(dataset);
}

/** Shortens and normalises a user's query the way every search sees it. */
export function prepareQuery(query: string): string {
  return normalizeForSearch(query).slice(0, MAX_QUERY_LENGTH).trim();
}

class FuseEntrySearch implements EntrySearch {
  private readonly documents: readonly SearchDocument[];
  private readonly entries: readonly Entry[];
  private readonly records: readonly FieldRecord[];
  private readonly fuse: Fuse<string>;
  private readonly defaults: ReadonlyMap<EntryKind, readonly Entry[]>;
  private readonly vocabulary: Fuse<VocabularyWord>;

  constructor(private readonly dataset: Dataset) {
    this.documents = buildSearchDocuments(dataset);
    this.entries = this.documents.map((document) => {
      const entry = dataset.byId.get(document.id);
      if (!entry) throw new Error(`search document ${document.id} has no entry`);
      return entry;
    });
    const records: FieldRecord[] = [];
    const texts: string[] = [];
    this.documents.forEach((document, index) => {
      for (const field of ['names', 'title', 'body'] as const) {
        for (const text of document[field]) {
          records.push({ document: index, field });
          texts.push(text);
        }
      }
    });
    this.records = records;
    // Field length is already weighed by FIELD_RULES; fuse.js's own length norm would push exact matches in long text
    // above the body threshold.
    this.fuse = new Fuse(texts, { ...FUSE_OPTIONS, ignoreFieldNorm: true });
    this.defaults = defaultSuggestions(dataset);
    this.vocabulary = new Fuse(displayVocabulary(dataset), { ...FUSE_OPTIONS, threshold: 0.6, keys: ['normalized'] });
  }

  search(query: string, options: SearchOptions = {}): SearchHit[] {
    const prepared = prepareQuery(query);
    if (!prepared) return [];
    const exact = this.dataset.byId.get(prepared);
    const kinds = options.kinds && options.kinds.length > 0 ? new Set(options.kinds) : undefined;
    if (exact && (!kinds || kinds.has(exact.kind))) return [{ entry: exact, score: 0 }];

    const scores = this.scoreQuery(prepared);
    const hits: { entry: Entry; score: number; index: number }[] = [];
    for (const [index, score] of scores) {
      const entry = this.entries[index];
      if (entry && (!kinds || kinds.has(entry.kind))) hits.push({ entry, score, index });
    }
    hits.sort((a, b) => a.score - b.score || KIND_ORDER[a.entry.kind] - KIND_ORDER[b.entry.kind] || a.index - b.index);
    const cutoff = (hits[0]?.score ?? 0) + RELEVANCE_MARGIN;
    const relevant = hits.filter((hit) => hit.score <= cutoff);
    const limited = options.limit === undefined ? relevant : relevant.slice(0, options.limit);
    return limited.map(({ entry, score }) => ({ entry, score }));
  }

  suggest(query: string, kinds: readonly EntryKind[], limit: number): Entry[] {
    if (!prepareQuery(query)) {
      return kinds.flatMap((kind) => this.defaults.get(kind) ?? []).slice(0, limit);
    }
    return this.search(query, { kinds, limit }).map((hit) => hit.entry);
  }

  didYouMean(query: string, kinds: readonly EntryKind[], limit = 3): string[] {
    const prepared = prepareQuery(query);
    if (!prepared) return [];
    const wanted = new Set(kinds);
    const names: string[] = [];
    const owners = new Set<string>();
    const results = this.vocabulary.search(prepared, { limit: 20 });
    const best = results[0]?.score ?? 0;
    for (const result of results) {
      // Far worse than the best guess is a guess nobody would recognise.
      if ((result.score ?? 1) > best + 0.2) break;
      const { display: name, owner } = result.item;
      // One suggestion per person or thing: "Tokayev", not also "Tokaev" and "Токаев".
      if (owners.has(owner)) continue;
      owners.add(owner);
      // Only suggest what the command can find: a name that occurs in entries of the wanted kinds.
      if (wanted.size > 0 && !this.search(name, { kinds, limit: 1 }).length) continue;
      names.push(name);
      if (names.length >= limit) break;
    }
    return names;
  }

  /** Entry index → score, for the whole query as a phrase and word by word; the better of the two wins. */
  private scoreQuery(query: string): Map<number, number> {
    const phrase = this.scoreText(query);
    const words = searchTokens(query).filter((word) => word.length >= 2);
    const meaningful = words.filter((word) => !STOPWORDS.has(word));
    const terms = meaningful.length > 0 ? meaningful : words;
    if (terms.length <= 1 && terms[0] === query) return phrase;

    const perWord = terms.map((word) => this.scoreText(word));
    const combined = new Map(phrase);
    const candidates = new Set<number>(perWord.flatMap((scores) => [...scores.keys()]));
    for (const index of candidates) {
      const sum = perWord.reduce((total, scores) => total + (scores.get(index) ?? MISSING_WORD_SCORE), 0);
      const mean = sum / perWord.length;
      const previous = combined.get(index);
      if (previous === undefined || mean < previous) combined.set(index, mean);
    }
    return combined;
  }

  /** Entry index → best field-adjusted score of one text against every name, title and body string. */
  private scoreText(text: string): Map<number, number> {
    const scores = new Map<number, number>();
    for (const result of this.fuse.search(text)) {
      const record = this.records[result.refIndex];
      if (!record) continue;
      const rule = FIELD_RULES[record.field];
      const raw = result.score ?? 1;
      if (raw > rule.maxScore) continue;
      const score = raw + rule.penalty;
      const previous = scores.get(record.document);
      if (previous === undefined || score < previous) scores.set(record.document, score);
    }
    return scores;
  }
}

/** For an empty query: the newest article first, each in the article's own order. */
function defaultSuggestions(dataset: Dataset): Map<EntryKind, Entry[]> {
  const published = new Map(dataset.sources.map((source) => [source.id, source.published]));
  const newestFirst = <T extends Entry & { source: string }>(entries: readonly T[]): T[] =>
    [...entries].sort((a, b) => (published.get(b.source) ?? '').localeCompare(published.get(a.source) ?? ''));
  const people = [...dataset.entities].sort((a, b) => Number(b.type === 'person') - Number(a.type === 'person'));
  return new Map<EntryKind, Entry[]>([
    ['quote', newestFirst(dataset.quotes)],
    ['deal', newestFirst(dataset.deals)],
    ['fact', newestFirst(dataset.facts)],
    ['entity', people],
    ['source', [...dataset.sources].sort((a, b) => b.published.localeCompare(a.published))],
  ]);
}

interface VocabularyWord {
  readonly display: string;
  readonly normalized: string;
  /** What the word names (an entity id, or the word itself), so each thing is suggested once. */
  readonly owner: string;
}

/** Names people search for, in their display spelling, for "did you mean". */
function displayVocabulary(dataset: Dataset): VocabularyWord[] {
  const words = new Map<string, VocabularyWord>();
  const add = (display: string, owner: string): void => {
    if (!words.has(display)) words.set(display, { display, normalized: normalizeForSearch(display), owner });
  };
  for (const entity of dataset.entities) {
    add(entity.name, entity.id);
    for (const alias of entity.aliases) add(alias, entity.id);
  }
  for (const deal of dataset.deals) add(deal.category, deal.category);
  return [...words.values()];
}
