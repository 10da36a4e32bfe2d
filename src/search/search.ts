// Search over one dataset: an inverted index finds the candidates, word scores weighted by rarity rank them.
import type { Dataset, Entry, EntryKind } from '../data/dataset.ts';
import { runSteps, runStepsInSlices, type Steps } from '../util/slices.ts';
import { IntList } from '../util/typed-arrays.ts';
import { describeEntry, emitSearchTexts, entityWordsOf, entryCount, FIELDS, searchableEntries, type EntityWords, type EntryTextSink, type FieldCode } from './documents.ts';
import { normalizeForSearch, searchTokens, tokenize } from './normalize.ts';
import type { PackedPostings } from './packed-postings.ts';
import { TermIndexBuilder, type TermIndex, type TermMatchOptions, type WordMatch } from './term-index.ts';
import { TextThread, TextThreadError } from './text-thread.ts';

export interface SearchOptions {
  /** Only entries of these kinds; all kinds when absent or empty. */
  readonly kinds?: readonly EntryKind[];
  /** At most this many hits (default and upper bound: MAX_HITS). */
  readonly limit?: number;
}

export interface SearchHit {
  readonly entry: Entry;
  /** 0 is a perfect match; hits score at most RELEVANCE_FLOOR. */
  readonly score: number;
}

/** The search operations the bot needs; knows nothing of Discord. */
export interface EntrySearch {
  /** The matching entries, best first, at most MAX_HITS. A query naming a speaker or company finds all of their entries. */
  search(query: string, options?: SearchOptions): SearchHit[];
  /** Up to `limit` entries for autocomplete: sensible defaults for an empty query, else the best matches. */
  suggest(query: string, kinds: readonly EntryKind[], limit: number): Entry[];
  /** Names and titles close to a query that found nothing, for a "did you mean" hint. */
  didYouMean(query: string, kinds: readonly EntryKind[], limit?: number): string[];
}

/**
 * How a word's score in a field becomes the entry's score for that word: plus the field's penalty (names outrank
 * titles, which outrank body text, subjects and context), plus up to `lengthWeight` for a long field (a word is more
 * what a short title is about than what a long paragraph is about). A loose match counts only in the fields whose
 * `maxScore` allows it: a typo of a name finds the name, a typo of a common word does not find every paragraph.
 */
export interface FieldRule {
  readonly penalty: number;
  readonly maxScore: number;
  readonly lengthWeight: number;
}
export const FIELD_RULES: Readonly<Record<(typeof FIELDS)[number], FieldRule>> = Object.freeze({
  names: { penalty: 0, maxScore: 0.3, lengthWeight: 0.06 },
  title: { penalty: 0.08, maxScore: 0.3, lengthWeight: 0.06 },
  body: { penalty: 0.16, maxScore: 0.15, lengthWeight: 0.08 },
  subjects: { penalty: 0.18, maxScore: 0.3, lengthWeight: 0.04 },
  context: { penalty: 0.22, maxScore: 0.2, lengthWeight: 0.04 },
});
const RULES_BY_CODE: readonly FieldRule[] = FIELDS.map((field) => FIELD_RULES[field]);

/** The ranking rules beyond a single word's score (shown by example in test/search/ranking.test.ts). */
export const RANKING = Object.freeze({
  /**
   * A hit may score at most this, whatever the other hits: a query matched only loosely (typos of common words in
   * body text, or most of its words missing) is answered "no match" with "did you mean".
   */
  floor: 0.45,
  /** Hits scoring this much worse than the best hit are noise: a query matched on a single common word while others match them all. */
  margin: 0.35,
  /** A query word an entry lacks costs its full weight (an entry's score is the weighted mean of its word scores). */
  missingWord: 1,
  /**
   * A query word that matches nothing anywhere weighs this share of the mean weight of the words that do match: it
   * cannot tell entries apart, but it makes the others' matches count less. A query with more such words than
   * matching ones is not answered.
   */
  unknownWordShare: 0.3,
  /** The query is exactly the name of the entry's speaker, party or entity ("Astra Mining", not "Astra Mining Group"). */
  exactName: 0.04,
  /** The query's words stand next to each other in the entry, in this order, share of pairs × this. */
  phrase: 0.08,
});

const TERM_OPTIONS: TermMatchOptions = Object.freeze({ maxFuzzyCandidates: 300, maxPrefixWords: 200, extraEdits: 0 });

/** "Did you mean" may reach an edit further than search itself: it only proposes, the user decides. */
const DID_YOU_MEAN_OPTIONS: TermMatchOptions = Object.freeze({ ...TERM_OPTIONS, extraEdits: 1 });
const DID_YOU_MEAN_RULE: FieldRule = Object.freeze({ penalty: 0, maxScore: 0.5, lengthWeight: 0 });

/** Words that carry no meaning for the search when a query has other words. */
const STOPWORDS = new Set([
  'a', 'an', 'and', 'the', 'of', 'on', 'in', 'to', 'for', 'by', 'with', 'about', 'from', 'at', 'is', 'are', 'was', 'were',
  'be', 'it', 'its', 'as', 'or', 'that', 'this', 'what', 'which', 'who', 'into', 'than',
]);
/**
 * Function words and verbs of saying: they never select an entry (in a small archive they are rare, so rarity would
 * make them weigh most), but they count in phrases: "only business", "you can feel it".
 */
const LIGHT_WORDS = new Set([
  'should', 'would', 'could', 'can', 'will', 'may', 'might', 'must', 'shall', 'get', 'got', 'do', 'does', 'did', 'done',
  'has', 'have', 'had', 'not', 'no', 'he', 'she', 'they', 'them', 'his', 'her', 'their', 'we', 'our', 'you', 'your', 'i',
  'me', 'my', 'there', 'then', 'so', 'but', 'if', 'also', 'just', 'very', 'more', 'most', 'some', 'any', 'all', 'how',
  'why', 'when', 'where', 'been', 'being', 'up', 'out', 'over', 'only', 'both', 'each', 'other', 'these', 'those', 'here',
  'now', 'said', 'says', 'say', 'told', 'tell', 'make', 'made', 'much', 'many', 'way', 'like', 'him', 'one',
]);
const CURRENCIES = new Set(['usd', 'eur', 'gbp', 'rub']);

/** Search queries are capped: longer input adds nothing to a fuzzy match and must fit into a button's custom_id. */
export const MAX_QUERY_LENGTH = 50;

/** A command lists at most this many hits: nobody pages further, and a query naming half the archive stays cheap. */
export const MAX_HITS = 250;

/** The best hits whose text is read again for the phrase bonus. */
const RERANKED_HITS = 50;

/** Postings scored per query at most: a query of only very common words stops here instead of scoring everything. */
const POSTING_BUDGET = 400_000;

/** Autocomplete answers kept per snapshot: typing the same prefixes again costs nothing. */
const SUGGESTION_CACHE_SIZE = 5000;

/** Postings per entry, about: its words in four fields (the builder grows past the estimate if needed). */
const POSTINGS_PER_ENTRY = 45;
/** Of which the entry's texts make most, and its names and amounts the rest. */
const TEXT_POSTINGS_PER_ENTRY = 38;
const SHARED_POSTINGS_PER_ENTRY = POSTINGS_PER_ENTRY - TEXT_POSTINGS_PER_ENTRY;

const KIND_ORDER: Readonly<Record<EntryKind, number>> = Object.freeze({ entity: 0, quote: 1, deal: 2, fact: 3, source: 4 });

/** Builds the search for one dataset snapshot. The result is immutable to its users and safe to share. */
export function buildEntrySearch(dataset: Dataset): EntrySearch {
  return runSteps(entrySearchSteps(dataset));
}

export interface SliceBuildOptions {
  /**
   * Whether the entries' texts are read on a second thread: "auto" (the default) does so from THREAD_MIN_ENTRIES
   * entries.
   */
  readonly thread?: 'auto' | 'always' | 'never';
  /** Told why the text thread failed (the build then runs again on one thread). */
  readonly onThreadFailure?: (reason: string) => void;
  /** The text thread's module (for tests). */
  readonly threadEntry?: URL;
}

/**
 * From this many entries, a slice build reads the texts on a second thread: measured here, the thread costs as much
 * as it saves at 50,000 entries and saves 15% at 100,000, 25–30% at a million.
 */
export const THREAD_MIN_ENTRIES = 100_000;

/**
 * Builds the search in slices that leave the event loop free (for start-up and for reloads while the bot serves), the
 * texts read on a second thread for a large archive. Builds the same search as buildEntrySearch.
 */
export async function buildEntrySearchInSlices(dataset: Dataset, options: SliceBuildOptions = {}): Promise<EntrySearch> {
  const entries = entryCount(dataset);
  const wanted = options.thread ?? 'auto';
  if (wanted === 'never' || (wanted === 'auto' && entries < THREAD_MIN_ENTRIES)) return runStepsInSlices(entrySearchSteps(dataset));
  let thread: TextThread | undefined;
  try {
    thread = new TextThread({ documents: entries, expectedPostings: entries * TEXT_POSTINGS_PER_ENTRY }, options.threadEntry);
    const prepared = await runStepsInSlices(IndexedEntrySearch.prepare(dataset, thread));
    const read = await thread.result();
    return await runStepsInSlices(IndexedEntrySearch.complete(prepared, read));
  } catch (error) {
    if (!(error instanceof TextThreadError)) throw error;
    options.onThreadFailure?.(error.message);
    return await runStepsInSlices(entrySearchSteps(dataset));
  } finally {
    await thread?.close();
  }
}

/** The build as steps, for callers that drive it themselves. */
export function entrySearchSteps(dataset: Dataset): Steps<EntrySearch> {
  return IndexedEntrySearch.build(dataset);
}

/** Shortens and normalises a user's query the way every search sees it. */
export function prepareQuery(query: string): string {
  return normalizeForSearch(query).slice(0, MAX_QUERY_LENGTH).trim();
}

/** A prepared query as search reads it. */
export interface ParsedQuery {
  /** Every word, in order: what an entity's name is compared with. */
  readonly words: readonly string[];
  /** The words that count (no stopwords), in order, repeats kept: what the phrase bonus looks for. */
  readonly phrase: readonly string[];
  /** The distinct words that are scored (no light words either, unless nothing else is left). */
  readonly terms: readonly string[];
}

/**
 * The words of a prepared query: stopwords drop out unless nothing else is left, and so do one-character words,
 * except a number with a unit or a currency ("4 locomotives", "$4").
 */
export function parseQuery(prepared: string): ParsedQuery {
  const words = searchTokens(prepared);
  const kept = words.filter((word, i) => {
    if (word.length >= 2) return true;
    if (!/^\d$/.test(word)) return false;
    const next = words[i + 1];
    return CURRENCIES.has(words[i - 1] ?? '') || (next !== undefined && /^[a-z]/.test(next) && !STOPWORDS.has(next));
  });
  const meaningful = kept.filter((word) => !STOPWORDS.has(word));
  const phrase = meaningful.length > 0 ? meaningful : kept;
  const selective = phrase.filter((word) => !LIGHT_WORDS.has(word));
  return { words, phrase, terms: [...new Set(selective.length > 0 ? selective : phrase)] };
}

/** A search built but for its index (see IndexedEntrySearch.prepare). */
interface PreparedSearch {
  readonly dataset: Dataset;
  readonly entries: readonly Entry[];
  readonly builder: TermIndexBuilder;
  readonly packed: PackedPostings;
  readonly vocabulary: Vocabulary;
  readonly exactNames: ExactNames;
  readonly defaults: ReadonlyMap<EntryKind, readonly Entry[]>;
  readonly kindCodes: Uint8Array;
}

class IndexedEntrySearch implements EntrySearch {
  private readonly suggestions = new Map<string, Entry[]>();
  private readonly scorer: DocumentScorer;

  private constructor(
    private readonly dataset: Dataset,
    private readonly entries: readonly Entry[],
    private readonly defaults: ReadonlyMap<EntryKind, readonly Entry[]>,
    private readonly vocabulary: Vocabulary,
    private readonly exactNames: ExactNames,
    private readonly kindCodes: Uint8Array,
    private readonly index: TermIndex,
    speakers: SpeakerLinks,
    kindRanges: readonly (readonly [number, number])[],
  ) {
    this.scorer = new DocumentScorer(index, TERM_OPTIONS, RULES_BY_CODE, kindRanges, speakers);
  }

  static *build(dataset: Dataset): Steps<IndexedEntrySearch> {
    return yield* IndexedEntrySearch.complete(yield* IndexedEntrySearch.prepare(dataset));
  }

  /**
   * Everything but the index itself: the entries' words are added (their texts sent to `thread` when given, read here
   * otherwise) and packed, and what needs no index is built meanwhile, while the thread still reads.
   */
  static *prepare(dataset: Dataset, thread?: TextThread): Steps<PreparedSearch> {
    const entries = searchableEntries(dataset);
    const builder = new TermIndexBuilder(entries.length, entries.length * (thread ? SHARED_POSTINGS_PER_ENTRY : POSTINGS_PER_ENTRY));
    const entityWords = yield* entityWordsOf(dataset);
    yield* emitSearchTexts(entries, entityWords, {
      text: thread
        ? (entry, field, text) => {
            thread.add(entry, field, text);
          }
        : (entry, field, text) => {
            builder.add(entry, field, text);
          },
      words: (entry, field, words) => {
        builder.addWords(entry, field, words);
      },
      shared: (entry, field, key, words, length, entity) => {
        builder.addShared(entry, field, key, words, length, entity);
      },
    });
    thread?.end();
    const packed = yield* builder.pack();
    const vocabulary = yield* Vocabulary.build(dataset, entityWords);
    const exactNames = yield* ExactNames.build(entityWords);
    const defaults = yield* defaultSuggestions(dataset);
    const kindCodes = new Uint8Array(entries.length);
    for (let i = 0; i < entries.length; i++) {
      kindCodes[i] = KIND_ORDER[entries[i]?.kind ?? 'source'];
      if (i % 20_000 === 19_999) yield;
    }
    return { dataset, entries, builder, packed, vocabulary, exactNames, defaults, kindCodes };
  }

  /** The search, from what `prepare` built and the postings of the texts a thread read, if one did. */
  static *complete(prepared: PreparedSearch, threadPostings?: PackedPostings): Steps<IndexedEntrySearch> {
    const { dataset, entries, builder, packed, vocabulary, exactNames, defaults, kindCodes } = prepared;
    const index = yield* builder.index(packed, threadPostings);
    // Entries come kind by kind (searchableEntries): each kind is one stretch of documents.
    const kindRanges: [number, number][] = [];
    let start = 0;
    for (const [kind, count] of [['quote', dataset.quotes.length], ['deal', dataset.deals.length], ['fact', dataset.facts.length], ['entity', dataset.entities.length], ['source', dataset.sources.length]] as const) {
      kindRanges[KIND_ORDER[kind]] = [start, start + count];
      start += count;
    }
    const firstEntity = dataset.quotes.length + dataset.deals.length + dataset.facts.length;
    const speakers: SpeakerLinks = {
      firstEntity,
      endEntity: firstEntity + dataset.entities.length,
      markers: Int32Array.from(dataset.entities, (entity) => index.entityWord(entity.id) ?? -1),
      quoteCode: KIND_ORDER.quote,
    };
    return new IndexedEntrySearch(dataset, entries, defaults, vocabulary, exactNames, kindCodes, index, speakers, kindRanges);
  }

  search(query: string, options: SearchOptions = {}): SearchHit[] {
    const prepared = prepareQuery(query);
    if (!prepared) return [];
    const mask = (options.kinds ?? []).reduce((bits, kind) => bits | (1 << KIND_ORDER[kind]), 0);
    const exact = this.dataset.byId.get(prepared);
    if (exact && (mask === 0 || (mask & (1 << KIND_ORDER[exact.kind])) !== 0)) return [{ entry: exact, score: 0 }];

    const parsed = parseQuery(prepared);
    const scorer = this.scorer;
    const docs = scorer.score(parsed.terms, mask);
    if (docs.length === 0) return [];

    for (const owner of this.exactNames.ownersOf(parsed.words)) {
      for (const doc of this.index.entityDocuments(owner)) scorer.adjustIfScored(doc, -RANKING.exactName);
    }
    let best = Infinity;
    for (const doc of docs) best = Math.min(best, scorer.scoreOf(doc));
    const cutoff = Math.min(RANKING.floor, best + RANKING.margin);
    const relevant: number[] = [];
    for (const doc of docs) if (scorer.scoreOf(doc) <= cutoff) relevant.push(doc);
    if (relevant.length === 0) return [];

    const order = (a: number, b: number): number => scorer.scoreOf(a) - scorer.scoreOf(b) || (this.kindCodes[a] ?? 0) - (this.kindCodes[b] ?? 0) || a - b;
    const limit = Math.min(options.limit ?? MAX_HITS, MAX_HITS);
    const top = smallest(relevant, Math.max(limit, RERANKED_HITS), order);
    if (parsed.phrase.length >= 2) {
      const reranked = top.slice(0, RERANKED_HITS);
      for (const doc of reranked) scorer.adjust(doc, -RANKING.phrase * this.phraseShare(doc, parsed.phrase));
      top.splice(0, reranked.length, ...reranked.sort(order));
    }
    return top.slice(0, limit).flatMap((doc) => {
      const entry = this.entries[doc];
      return entry ? [{ entry, score: Math.max(0, scorer.scoreOf(doc)) }] : [];
    });
  }

  /** Share of the query's neighbouring word pairs that stand next to each other in some text of the entry. */
  private phraseShare(doc: number, phrase: readonly string[]): number {
    const entry = this.entries[doc];
    if (!entry) return 0;
    const pairs = phrase.length - 1;
    const found = new Uint8Array(pairs);
    const accepts = (term: string | undefined, word: string | undefined): boolean =>
      term !== undefined && word !== undefined && (term === word || (this.scorer.closeWords.get(term)?.has(word) ?? false));
    const scan = (tokens: readonly string[]): void => {
      const words = tokens.filter((token) => !STOPWORDS.has(token));
      for (let p = 0; p + 1 < words.length; p++) {
        for (let i = 0; i < pairs; i++) if (found[i] === 0 && accepts(phrase[i], words[p]) && accepts(phrase[i + 1], words[p + 1])) found[i] = 1;
      }
    };
    const sink: EntryTextSink = {
      text: (_field, text) => {
        scan(tokenize(text));
      },
      words: (_field, words) => {
        scan(words);
      },
      entity: (_field, id) => {
        const entity = this.dataset.byId.get(id);
        // The display name only: aliases are other spellings of the same words.
        if (entity?.kind === 'entity') scan(tokenize(entity.name));
      },
    };
    describeEntry(entry, sink);
    return found.reduce((sum, value) => sum + value, 0) / pairs;
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

/**
 * How a quote is found by what its speaker is: the speaker's role and country are words of the speaker's entity (its
 * title and subjects fields), and the speaker's quotes are the quotes naming that entity in their names field.
 */
interface SpeakerLinks {
  /** Entity documents are firstEntity .. endEntity - 1. */
  readonly firstEntity: number;
  readonly endEntity: number;
  /** Per entity document (from firstEntity), the index word that stands for the entity, or -1. */
  readonly markers: Int32Array;
  readonly quoteCode: number;
}

/** The entity fields a speaker's quotes are found by: its role (title) and its country (subjects). */
const SPEAKER_FIELDS: readonly FieldCode[] = [1, 3];
const CONTEXT: FieldCode = 4;
const NO_DOCUMENTS = new Int32Array(0);

/**
 * Scores documents for a list of query words with scratch arrays reused across queries (one search runs at a time
 * on a thread). A document's score for a word is its best field score; its score for the query is the mean of its
 * word scores weighted by each word's rarity (inverse document frequency), a missing word counting as 1.
 */
class DocumentScorer {
  /** Per query word, the vocabulary words close enough to stand for it in a phrase. */
  readonly closeWords = new Map<string, Set<string>>();
  // Single precision halves the memory these per-document arrays walk through at a million entries; scores are
  // compared to a few thousandths at most.
  private readonly wordBest: Float32Array;
  private readonly wordStamp: Int32Array;
  private readonly weighted: Float32Array;
  private readonly weight: Float32Array;
  private readonly queryStamp: Int32Array;
  private readonly scores: Float32Array;
  /** Per field, the length normalisation of a field of each length 0..255, worked out once. */
  private readonly lengthCosts: readonly Float32Array[];
  private stamp = 0;
  private lastQueryStamp = 0;
  // The documents one query word reaches, and those the whole query does: reused, so a query of common words
  // (hundreds of thousands of documents at a million entries) allocates nothing for them.
  private readonly termDocs = new IntList();
  private readonly touched = new IntList();

  /**
   * `kindRanges[code]`: the documents of each kind code, one contiguous range per kind (entries are listed kind by
   * kind), so a kind filter skips whole stretches of a posting list instead of testing every document.
   */
  constructor(
    private readonly index: TermIndex,
    private readonly termOptions: TermMatchOptions,
    private readonly rules: readonly FieldRule[],
    private readonly kindRanges: readonly (readonly [number, number])[],
    private readonly speakers?: SpeakerLinks,
  ) {
    const size = Math.max(0, ...kindRanges.map(([, end]) => end));
    this.wordBest = new Float32Array(size);
    this.wordStamp = new Int32Array(size);
    this.weighted = new Float32Array(size);
    this.weight = new Float32Array(size);
    this.queryStamp = new Int32Array(size);
    this.scores = new Float32Array(size);
    this.lengthCosts = rules.map((rule, field) => {
      const average = index.averageLengths[field] ?? 1;
      return Float32Array.from({ length: 256 }, (_, length) => (rule.lengthWeight * length) / (length + average));
    });
  }

  /**
   * Scores every document matching any term and returns them (scores are read with `scoreOf`); `kindMask` (bits of
   * kind codes, 0 for all) filters. Terms are read rarest first: once a document lacking the words read so far could
   * not pass the floor whatever else it matched, a commoner word only updates the documents already found, and its
   * rarity is taken from its posting counts. The list returned is scratch space: the next call overwrites it.
   */
  score(terms: readonly string[], kindMask = 0): Int32Array {
    this.closeWords.clear();
    if (terms.length === 0) return NO_DOCUMENTS;
    const queryStamp = this.nextStamp();
    this.lastQueryStamp = queryStamp;
    const ranges = this.kindRanges.filter((_, code) => kindMask === 0 || (kindMask & (1 << code)) !== 0).sort((a, b) => a[0] - b[0]);
    const documents = ranges.reduce((sum, [start, end]) => sum + end - start, 0);
    const plans = terms.map((term) => this.plan(term, ranges)).sort((a, b) => a.postings - b.postings);
    const touched = this.touched;
    touched.clear();
    let budget = POSTING_BUDGET;
    let knownWeight = 0;
    let known = 0;
    let unknown = 0;
    let heaviest = 0;
    for (let p = 0; p < plans.length; p++) {
      const plan = plans[p];
      if (!plan) continue;
      const updateOnly = known > 0 && this.cannotReachFloor(knownWeight, known, unknown, heaviest, plans.slice(p), documents);
      const wordStamp = this.nextStamp();
      const termDocs = this.termDocs;
      termDocs.clear();
      const close = new Set<string>();
      for (const { word, score } of plan.matches) {
        if (budget <= 0) break;
        if (score <= 0.25) close.add(this.index.words[word] ?? '');
        for (let code = 0; code < this.rules.length; code++) {
          const field = code as FieldCode;
          const rule = this.rules[field];
          // A loose match only counts in the fields that allow it: its other postings are never even read.
          if (!rule || score > rule.maxScore) continue;
          const base = score + rule.penalty;
          const costs = this.lengthCosts[field] ?? new Float32Array(256);
          const postings = this.index.documentsOf(word, field);
          for (const [start, end] of ranges) {
            for (let i = firstAtLeast(postings, start); i < postings.length; i++) {
              const doc = postings[i] ?? 0;
              if (doc >= end) break;
              budget--;
              if (updateOnly && this.queryStamp[doc] !== queryStamp) continue;
              this.offer(doc, base + (costs[this.index.fieldLength(doc, field)] ?? 0), wordStamp, termDocs);
            }
          }
        }
        budget -= this.offerSpeakerQuotes(word, score, kindMask, wordStamp, termDocs, updateOnly ? queryStamp : 0);
      }
      this.closeWords.set(plan.term, close);
      // Read in full, a word's documents are counted; read for updates only, its posting count stands for them.
      const matching = updateOnly ? Math.min(plan.postings, documents) : termDocs.length;
      if (matching === 0) {
        unknown++;
        continue;
      }
      const weight = inverseDocumentFrequency(matching, documents);
      knownWeight += weight;
      known++;
      heaviest = Math.max(heaviest, weight);
      for (let i = 0; i < termDocs.length; i++) {
        const doc = termDocs.at(i);
        if (this.queryStamp[doc] !== queryStamp) {
          this.queryStamp[doc] = queryStamp;
          this.weighted[doc] = 0;
          this.weight[doc] = 0;
          touched.push(doc);
        }
        this.weighted[doc] = (this.weighted[doc] ?? 0) + weight * (this.wordBest[doc] ?? 0);
        this.weight[doc] = (this.weight[doc] ?? 0) + weight;
      }
    }
    // A query most of whose words match nothing at all is not about anything in the data.
    if (known === 0 || unknown > known) return NO_DOCUMENTS;
    const total = knownWeight + unknown * RANKING.unknownWordShare * (knownWeight / known);
    for (let i = 0; i < touched.length; i++) {
      const doc = touched.at(i);
      this.scores[doc] = ((this.weighted[doc] ?? 0) + (total - (this.weight[doc] ?? 0)) * RANKING.missingWord) / total;
    }
    return touched.view();
  }

  /**
   * A query word's matching vocabulary words (best and rarest first, so a spent budget drops only the weakest, most
   * common matches), with their postings among the wanted kinds: in all (at least its documents) and in the largest
   * single list (at most its documents).
   */
  private plan(term: string, ranges: readonly (readonly [number, number])[]): TermPlan {
    const matches = this.index.matchWord(term, this.termOptions).sort((a, b) => a.score - b.score || this.index.postingCount(a.word) - this.index.postingCount(b.word));
    let postings = 0;
    let largest = 0;
    for (const { word, score } of matches) {
      for (let code = 0; code < this.rules.length; code++) {
        if (score > (this.rules[code]?.maxScore ?? -1)) continue;
        const list = this.index.documentsOf(word, code as FieldCode);
        let count = 0;
        for (const [start, end] of ranges) count += firstAtLeast(list, end) - firstAtLeast(list, start);
        postings += count;
        largest = Math.max(largest, count);
      }
    }
    return { term, matches, postings, largest };
  }

  /**
   * True when a document lacking every word read so far scores above the floor even if it matched all the others:
   * the words read weigh `knownWeight`; each other word weighs at most what its largest posting list allows.
   */
  private cannotReachFloor(knownWeight: number, known: number, unknown: number, heaviest: number, rest: readonly TermPlan[], documents: number): boolean {
    if (known === 0) return false;
    let restWeight = 0;
    for (const plan of rest) {
      const most = inverseDocumentFrequency(Math.max(1, plan.largest), documents);
      restWeight += most;
      heaviest = Math.max(heaviest, most);
    }
    const total = knownWeight + restWeight + unknown * RANKING.unknownWordShare * heaviest;
    return (knownWeight * RANKING.missingWord) / total > RANKING.floor;
  }

  /** Records a document's value for the current query word, keeping its best over fields. */
  private offer(doc: number, value: number, wordStamp: number, termDocs: IntList): void {
    if (this.wordStamp[doc] !== wordStamp) {
      this.wordStamp[doc] = wordStamp;
      this.wordBest[doc] = value;
      termDocs.push(doc);
    } else if (value < (this.wordBest[doc] ?? 1)) {
      this.wordBest[doc] = value;
    }
  }

  /**
   * Offers the quotes of every speaker whose role or country has `word`, as context matches (only documents already
   * found in this query when `onlyStamp` is set); returns the postings read. Nothing is stored per quote for this: a
   * speaker's quotes are found through the speaker.
   */
  private offerSpeakerQuotes(word: number, score: number, kindMask: number, wordStamp: number, termDocs: IntList, onlyStamp: number): number {
    const links = this.speakers;
    const rule = this.rules[CONTEXT];
    if (!links || !rule || score > rule.maxScore) return 0;
    if (kindMask !== 0 && (kindMask & (1 << links.quoteCode)) === 0) return 0;
    const [firstQuote, endQuote] = this.kindRanges[links.quoteCode] ?? [0, 0];
    const costs = this.lengthCosts[CONTEXT] ?? new Float32Array(256);
    let read = 0;
    for (const field of SPEAKER_FIELDS) {
      const entities = this.index.documentsOf(word, field);
      for (let i = firstAtLeast(entities, links.firstEntity); i < entities.length; i++) {
        const entityDoc = entities[i] ?? 0;
        if (entityDoc >= links.endEntity) break;
        const marker = links.markers[entityDoc - links.firstEntity] ?? -1;
        if (marker < 0) continue;
        const value = score + rule.penalty + (costs[this.index.fieldLength(entityDoc, field)] ?? 0);
        const named = this.index.documentsOf(marker, 0);
        for (let j = firstAtLeast(named, firstQuote); j < named.length; j++) {
          const doc = named[j] ?? 0;
          if (doc >= endQuote) break;
          read++;
          if (onlyStamp !== 0 && this.queryStamp[doc] !== onlyStamp) continue;
          this.offer(doc, value, wordStamp, termDocs);
        }
      }
    }
    return read;
  }

  /** A document's score from the last `score` call. */
  scoreOf(doc: number): number {
    return this.scores[doc] ?? 1;
  }

  /** Moves the score of a document the last `score` call scored by `delta` (negative is better). */
  adjustIfScored(doc: number, delta: number): void {
    if (this.queryStamp[doc] === this.lastQueryStamp) this.adjust(doc, delta);
  }

  /** Moves a document's score by `delta` (negative is better). */
  adjust(doc: number, delta: number): void {
    this.scores[doc] = (this.scores[doc] ?? 1) + delta;
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

/** A query word ready to be scored: its matches, and its postings among the wanted kinds (see DocumentScorer.plan). */
interface TermPlan {
  readonly term: string;
  readonly matches: readonly WordMatch[];
  readonly postings: number;
  readonly largest: number;
}

/** The first position of a sorted list holding a value of at least `value`. */
function firstAtLeast(sorted: Int32Array, value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((sorted[mid] ?? 0) < value) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** How much a word tells entries apart (BM25's IDF): rare words weigh more than common ones. */
function inverseDocumentFrequency(matching: number, documents: number): number {
  return Math.log(1 + (Math.max(documents, matching) - matching + 0.5) / (matching + 0.5));
}

/** Display names (people, organisations, countries, deal categories) searched for "did you mean". */
class Vocabulary {
  private readonly scorer: DocumentScorer;

  private constructor(
    private readonly words: readonly { readonly display: string; readonly owner: string }[],
    index: TermIndex,
  ) {
    this.scorer = new DocumentScorer(index, DID_YOU_MEAN_OPTIONS, [DID_YOU_MEAN_RULE], [[0, words.length]]);
  }

  static *build(dataset: Dataset, entityWords: ReadonlyMap<string, EntityWords>): Steps<Vocabulary> {
    const byDisplay = new Map<string, { display: string; owner: string; words?: readonly string[] }>();
    for (const [owner, { names, nameWords }] of entityWords) {
      names.forEach((display, i) => {
        if (!byDisplay.has(display)) byDisplay.set(display, { display, owner, words: nameWords[i] });
      });
    }
    for (const deal of dataset.deals) if (!byDisplay.has(deal.category)) byDisplay.set(deal.category, { display: deal.category, owner: deal.category });
    const words = [...byDisplay.values()];
    yield;
    const builder = new TermIndexBuilder(words.length);
    for (let index = 0; index < words.length; index++) {
      const word = words[index];
      if (word?.words) builder.addWords(index, 0, word.words);
      else builder.add(index, 0, word?.display ?? '');
      if (index % 2000 === 1999) yield;
    }
    return new Vocabulary(words, yield* builder.finish());
  }

  /** Close names, best first, one per person or thing ("Tokayev", not also "Tokaev" and "Токаев"). */
  closest(prepared: string): string[] {
    const docs = this.scorer.score(parseQuery(prepared).terms);
    const scored = Array.from(docs, (doc) => ({ doc, score: this.scorer.scoreOf(doc) })).sort((a, b) => a.score - b.score || a.doc - b.doc);
    const best = scored[0]?.score ?? 0;
    const owners = new Set<string>();
    const names: string[] = [];
    for (const { doc, score } of scored) {
      // Far worse than the best guess is a guess nobody would recognise.
      if (score > best + 0.2 || score >= 0.75) break;
      const word = this.words[doc];
      if (!word || owners.has(word.owner)) continue;
      owners.add(word.owner);
      names.push(word.display);
      if (names.length >= 20) break;
    }
    return names;
  }
}

/**
 * Every name and alias of every entity, as a hash of its words, for telling "the query is exactly this name" in a
 * binary search: a few bytes per name where a map of strings would hold megabytes at a million entries.
 */
class ExactNames {
  private constructor(
    private readonly hashes: Uint32Array,
    private readonly owners: readonly string[],
  ) {}

  static *build(entityWords: ReadonlyMap<string, EntityWords>): Steps<ExactNames> {
    const rows: { hash: number; owner: string }[] = [];
    for (const [owner, { nameWords }] of entityWords) {
      for (const key of new Set(nameWords.map((words) => words.join(' ')))) rows.push({ hash: hashText(key), owner });
    }
    yield;
    rows.sort((a, b) => a.hash - b.hash);
    yield;
    return new ExactNames(Uint32Array.from(rows, (row) => row.hash), rows.map((row) => row.owner));
  }

  /** Ids of the entities one of whose names is exactly these words. */
  ownersOf(words: readonly string[]): Set<string> {
    const owners = new Set<string>();
    if (words.length === 0) return owners;
    const hash = hashText(words.join(' '));
    let low = 0;
    let high = this.hashes.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if ((this.hashes[mid] ?? 0) < hash) low = mid + 1;
      else high = mid;
    }
    for (let i = low; i < this.hashes.length && this.hashes[i] === hash; i++) owners.add(this.owners[i] ?? '');
    return owners;
  }
}

/** FNV-1a, 32 bits. */
function hashText(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
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
