// Fuzzy search over one dataset: an inverted index finds the candidates, fuse.js scores the words, fields decide rank.
import type { Dataset, Entry, EntryKind } from '../data/dataset.ts';
import { runSteps, runStepsInSlices, type Steps } from '../util/slices.ts';
import { emitSearchTexts, entityNames, FIELDS, searchableEntries, type FieldCode } from './documents.ts';
import { normalizeForSearch, searchTokens } from './normalize.ts';
import { TermIndexBuilder, type TermIndex, type TermMatchOptions } from './term-index.ts';

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

/**
 * How each field's fuse.js score becomes an entry score. A name match outranks a title match, which outranks body text,
 * and long body text only counts when it is close: fuse.js with `ignoreLocation` finds loose matches anywhere.
 */
export const FIELD_RULES: Readonly<Record<(typeof FIELDS)[number], { readonly penalty: number; readonly maxScore: number }>> = Object.freeze({
  names: { penalty: 0, maxScore: 0.4 },
  title: { penalty: 0.1, maxScore: 0.35 },
  body: { penalty: 0.2, maxScore: 0.25 },
});
type FieldRule = (typeof FIELD_RULES)[keyof typeof FIELD_RULES];
const FIELD_CODES: readonly FieldCode[] = [0, 1, 2];
const RULES_BY_CODE: readonly FieldRule[] = FIELDS.map((field) => FIELD_RULES[field]);

/** fuse.js options shared by every search in the bot (and by the plain-fuse.js baseline of the benchmark). */
export const FUSE_OPTIONS = Object.freeze({
  includeScore: true,
  ignoreLocation: true,
  threshold: 0.4,
  minMatchCharLength: 2,
});

const TERM_OPTIONS: TermMatchOptions = Object.freeze({
  threshold: FUSE_OPTIONS.threshold,
  maxFuzzyCandidates: 300,
  maxPrefixWords: 200,
});

/** "Did you mean" may reach further than search itself: it only proposes, the user decides. */
const DID_YOU_MEAN_THRESHOLD = 0.6;

/**
 * Hits scoring this much worse than the best hit are noise: a loose fuzzy match of one word in long text, or a
 * multi-word query matching on a single common word while other entries match them all.
 */
export const RELEVANCE_MARGIN = 0.35;

/** Words that carry no meaning for the search when a query has other words. */
const STOPWORDS = new Set(['a', 'an', 'and', 'the', 'of', 'on', 'in', 'to', 'for', 'by', 'with', 'about', 'from', 'at', 'is']);

/** Search queries are capped: longer input adds nothing to a fuzzy match and must fit into a button's custom_id. */
export const MAX_QUERY_LENGTH = 50;

/** An entry absent from some query words gets this score for them: it can still rank, below entries that match all. */
const MISSING_WORD_SCORE = 1;

/** Postings scored per query at most: a query of only very common words stops here instead of scoring everything. */
const POSTING_BUDGET = 400_000;

/** Autocomplete answers kept per snapshot: typing the same prefixes again costs nothing. */
const SUGGESTION_CACHE_SIZE = 5000;

const KIND_ORDER: Readonly<Record<EntryKind, number>> = Object.freeze({ entity: 0, quote: 1, deal: 2, fact: 3, source: 4 });

/** Builds the search for one dataset snapshot. The result is immutable to its users and safe to share. */
export function buildEntrySearch(dataset: Dataset): EntrySearch {
  return runSteps(entrySearchSteps(dataset));
}

/** Builds the search in slices that leave the event loop free (for reloads while the bot serves). */
export function buildEntrySearchInSlices(dataset: Dataset): Promise<EntrySearch> {
  return runStepsInSlices(entrySearchSteps(dataset));
}

/** The build as steps, for callers that drive it themselves. */
export function entrySearchSteps(dataset: Dataset): Steps<EntrySearch> {
  return IndexedEntrySearch.build(dataset);
}

/** Shortens and normalises a user's query the way every search sees it. */
export function prepareQuery(query: string): string {
  return normalizeForSearch(query).slice(0, MAX_QUERY_LENGTH).trim();
}

/** The words of a prepared query that are searched: stopwords drop out unless nothing else is left. */
function queryTerms(prepared: string): string[] {
  const words = [...new Set(searchTokens(prepared).filter((word) => word.length >= 2))];
  const meaningful = words.filter((word) => !STOPWORDS.has(word));
  return meaningful.length > 0 ? meaningful : words;
}

class IndexedEntrySearch implements EntrySearch {
  private readonly suggestions = new Map<string, Entry[]>();
  private readonly scorer: DocumentScorer;
  private readonly kindCodes: Uint8Array;

  private constructor(
    private readonly dataset: Dataset,
    private readonly entries: readonly Entry[],
    index: TermIndex,
    private readonly defaults: ReadonlyMap<EntryKind, readonly Entry[]>,
    private readonly vocabulary: Vocabulary,
    kindCodes: Uint8Array,
  ) {
    this.scorer = new DocumentScorer(index, entries.length, TERM_OPTIONS, RULES_BY_CODE);
    this.kindCodes = kindCodes;
  }

  static *build(dataset: Dataset): Steps<IndexedEntrySearch> {
    const entries = searchableEntries(dataset);
    // About 40 postings per entry (its words in three fields); the builder grows past that if needed.
    const builder = new TermIndexBuilder(entries.length * 40);
    yield* emitSearchTexts(dataset, entries, {
      text: (entry, field, text) => {
        builder.add(entry, field, text);
      },
      names: (entry, entity, names) => {
        builder.addNames(entry, entity, names);
      },
    });
    const index = yield* builder.finish();
    const vocabulary = yield* Vocabulary.build(dataset);
    const defaults = yield* defaultSuggestions(dataset);
    const kindCodes = new Uint8Array(entries.length);
    for (let i = 0; i < entries.length; i++) {
      kindCodes[i] = KIND_ORDER[entries[i]?.kind ?? 'source'];
      if (i % 20_000 === 19_999) yield;
    }
    return new IndexedEntrySearch(dataset, entries, index, defaults, vocabulary, kindCodes);
  }

  search(query: string, options: SearchOptions = {}): SearchHit[] {
    const prepared = prepareQuery(query);
    if (!prepared) return [];
    const mask = (options.kinds ?? []).reduce((bits, kind) => bits | (1 << KIND_ORDER[kind]), 0);
    const exact = this.dataset.byId.get(prepared);
    if (exact && (mask === 0 || (mask & (1 << KIND_ORDER[exact.kind])) !== 0)) return [{ entry: exact, score: 0 }];

    const scored = this.scorer.score(queryTerms(prepared), mask === 0 ? undefined : { codes: this.kindCodes, mask });
    if (scored.length === 0) return [];
    let best = Infinity;
    for (const { score } of scored) best = Math.min(best, score);
    const cutoff = best + RELEVANCE_MARGIN;
    const relevant = scored.filter((hit) => hit.score <= cutoff);
    const order = (a: ScoredDocument, b: ScoredDocument): number =>
      a.score - b.score || (this.kindCodes[a.doc] ?? 0) - (this.kindCodes[b.doc] ?? 0) || a.doc - b.doc;
    const limited = options.limit === undefined ? relevant.sort(order) : smallest(relevant, options.limit, order);
    return limited.flatMap(({ doc, score }) => {
      const entry = this.entries[doc];
      return entry ? [{ entry, score }] : [];
    });
  }

  suggest(query: string, kinds: readonly EntryKind[], limit: number): Entry[] {
    const prepared = prepareQuery(query);
    if (!prepared) return kinds.flatMap((kind) => this.defaults.get(kind) ?? []).slice(0, limit);
    const key = `${kinds.join(',')}\u0000${String(limit)}\u0000${prepared}`;
    const cached = this.suggestions.get(key);
    if (cached) return cached;
    const found = this.search(prepared, { kinds, limit }).map((hit) => hit.entry);
    if (this.suggestions.size >= SUGGESTION_CACHE_SIZE) {
      const oldest = this.suggestions.keys().next().value;
      if (oldest !== undefined) this.suggestions.delete(oldest);
    }
    this.suggestions.set(key, found);
    return found;
  }

  didYouMean(query: string, kinds: readonly EntryKind[], limit = 3): string[] {
    const prepared = prepareQuery(query);
    if (!prepared) return [];
    const names: string[] = [];
    for (const name of this.vocabulary.closest(prepared)) {
      // Only suggest what the command can find.
      if (kinds.length > 0 && this.search(name, { kinds, limit: 1 }).length === 0) continue;
      names.push(name);
      if (names.length >= limit) break;
    }
    return names;
  }
}

interface ScoredDocument {
  readonly doc: number;
  readonly score: number;
}

/**
 * Scores documents for a list of query words with scratch arrays reused across queries (one search runs at a time
 * on a thread). A document's score for a word is its best field-adjusted word score; over words, the mean.
 */
class DocumentScorer {
  private readonly wordBest: Float64Array;
  private readonly wordStamp: Int32Array;
  private readonly sum: Float64Array;
  private readonly matched: Uint16Array;
  private readonly queryStamp: Int32Array;
  private stamp = 0;

  constructor(
    private readonly index: TermIndex,
    size: number,
    private readonly termOptions: TermMatchOptions,
    private readonly rules: readonly FieldRule[],
  ) {
    this.wordBest = new Float64Array(size);
    this.wordStamp = new Int32Array(size);
    this.sum = new Float64Array(size);
    this.matched = new Uint16Array(size);
    this.queryStamp = new Int32Array(size);
  }

  /** Scores every document matching any term; `kinds` (per-document codes and a bit mask of wanted codes) filters. */
  score(terms: readonly string[], kinds?: { readonly codes: Uint8Array; readonly mask: number }): ScoredDocument[] {
    if (terms.length === 0) return [];
    const queryStamp = this.nextStamp();
    const touched: number[] = [];
    let budget = POSTING_BUDGET;
    for (const term of terms) {
      const wordStamp = this.nextStamp();
      const termDocs: number[] = [];
      // Best and rarest words first, so a spent budget drops only the weakest, most common matches.
      const matches = this.index.matchWord(term, this.termOptions).sort((a, b) => a.score - b.score || this.index.postingCount(a.word) - this.index.postingCount(b.word));
      for (const { word, score } of matches) {
        if (budget <= 0) break;
        for (const field of FIELD_CODES) {
          const rule = this.rules[field];
          // A loose match only counts in the fields that allow it: its body-text postings are never even read.
          if (!rule || score > rule.maxScore) continue;
          const value = score + rule.penalty;
          const documents = this.index.documentsOf(word, field);
          budget -= documents.length;
          for (let i = 0; i < documents.length; i++) {
            const doc = documents[i] ?? 0;
            if (kinds && ((1 << (kinds.codes[doc] ?? 0)) & kinds.mask) === 0) continue;
            if (this.wordStamp[doc] !== wordStamp) {
              this.wordStamp[doc] = wordStamp;
              this.wordBest[doc] = value;
              termDocs.push(doc);
            } else if (value < (this.wordBest[doc] ?? 1)) {
              this.wordBest[doc] = value;
            }
          }
        }
      }
      for (const doc of termDocs) {
        if (this.queryStamp[doc] !== queryStamp) {
          this.queryStamp[doc] = queryStamp;
          this.sum[doc] = 0;
          this.matched[doc] = 0;
          touched.push(doc);
        }
        this.sum[doc] = (this.sum[doc] ?? 0) + (this.wordBest[doc] ?? 0);
        this.matched[doc] = (this.matched[doc] ?? 0) + 1;
      }
    }
    const count = terms.length;
    return touched.map((doc) => ({
      doc,
      score: ((this.sum[doc] ?? 0) + (count - (this.matched[doc] ?? 0)) * MISSING_WORD_SCORE) / count,
    }));
  }

  private nextStamp(): number {
    this.stamp = this.stamp >= 0x7ffffff0 ? 1 : this.stamp + 1;
    if (this.stamp === 1) {
      this.wordStamp.fill(0);
      this.queryStamp.fill(0);
    }
    return this.stamp;
  }
}

/** Display names (people, organisations, countries, deal categories) searched for "did you mean". */
class Vocabulary {
  private readonly scorer: DocumentScorer;

  private constructor(
    private readonly words: readonly { readonly display: string; readonly owner: string }[],
    index: TermIndex,
  ) {
    const rule = { penalty: 0, maxScore: DID_YOU_MEAN_THRESHOLD };
    this.scorer = new DocumentScorer(index, words.length, { ...TERM_OPTIONS, threshold: DID_YOU_MEAN_THRESHOLD }, [rule, rule, rule]);
  }

  static *build(dataset: Dataset): Steps<Vocabulary> {
    const byDisplay = new Map<string, { display: string; owner: string }>();
    const add = (display: string, owner: string): void => {
      if (!byDisplay.has(display)) byDisplay.set(display, { display, owner });
    };
    for (const entity of dataset.entities) for (const name of entityNames(entity)) add(name, entity.id);
    for (const deal of dataset.deals) add(deal.category, deal.category);
    const words = [...byDisplay.values()];
    yield;
    const builder = new TermIndexBuilder();
    for (let index = 0; index < words.length; index++) {
      builder.add(index, 0, words[index]?.display ?? '');
      if (index % 2000 === 1999) yield;
    }
    return new Vocabulary(words, yield* builder.finish());
  }

  /** Close names, best first, one per person or thing ("Tokayev", not also "Tokaev" and "Токаев"). */
  closest(prepared: string): string[] {
    const scored = this.scorer.score(queryTerms(prepared)).sort((a, b) => a.score - b.score || a.doc - b.doc);
    const best = scored[0]?.score ?? 0;
    const owners = new Set<string>();
    const names: string[] = [];
    for (const { doc, score } of scored) {
      // Far worse than the best guess is a guess nobody would recognise.
      if (score > best + 0.2 || score >= MISSING_WORD_SCORE) break;
      const word = this.words[doc];
      if (!word || owners.has(word.owner)) continue;
      owners.add(word.owner);
      names.push(word.display);
      if (names.length >= 20) break;
    }
    return names;
  }
}

/** The `limit` smallest items in order, without sorting everything (autocomplete needs 25 of maybe 20,000). */
function smallest<T>(items: T[], limit: number, order: (a: T, b: T) => number): T[] {
  if (items.length <= limit * 8) return items.sort(order).slice(0, limit);
  const kept: T[] = [];
  for (const item of items) {
    if (kept.length === limit) {
      const worst = kept[limit - 1];
      if (worst === undefined || order(item, worst) >= 0) continue;
      kept.pop();
    }
    let at = kept.length;
    while (at > 0 && order(item, kept[at - 1] as T) < 0) at--;
    kept.splice(at, 0, item);
  }
  return kept;
}

/**
 * For an empty query: the newest article first, each in the article's own order. Entries arrive grouped by article,
 * so ordering the articles and concatenating their groups is linear: no sort over 100,000 entries during a build.
 */
function* defaultSuggestions(dataset: Dataset): Steps<Map<EntryKind, Entry[]>> {
  const newestSources = [...dataset.sources].sort((a, b) => compareDesc(a.published, b.published));
  function* newestFirst<T extends Entry & { source: string }>(entries: readonly T[]): Steps<T[]> {
    const bySource = new Map<string, T[]>();
    for (let i = 0; i < entries.length; i++) {
      const entry = entries[i];
      if (!entry) continue;
      let group = bySource.get(entry.source);
      if (!group) bySource.set(entry.source, (group = []));
      group.push(entry);
      if (i % 20_000 === 19_999) yield;
    }
    const ordered: T[] = [];
    for (const source of newestSources) for (const entry of bySource.get(source.id) ?? []) ordered.push(entry);
    yield;
    return ordered;
  }
  const quotes = yield* newestFirst(dataset.quotes);
  const deals = yield* newestFirst(dataset.deals);
  const facts = yield* newestFirst(dataset.facts);
  const people = [...dataset.entities].sort((a, b) => Number(b.type === 'person') - Number(a.type === 'person'));
  return new Map<EntryKind, Entry[]>([
    ['quote', quotes],
    ['deal', deals],
    ['fact', facts],
    ['entity', people],
    ['source', newestSources],
  ]);
}

function compareDesc(a: string, b: string): number {
  return a < b ? 1 : a > b ? -1 : 0;
}
