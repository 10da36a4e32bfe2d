// An inverted index over the words of every name, title and body: narrows a query to the few entries worth scoring.
import Fuse from 'fuse.js';
import type { FieldCode } from './documents.ts';
import type { Steps } from '../util/slices.ts';
import { forEachToken, tokenize } from './normalize.ts';

/** Postings are kept per (word, field): a loose match of a word only walks the fields it can still rank in. */
const FIELD_COUNT = 3;
/**
 * A word the query begins: fuse.js scores a pattern found inside a longer text 0.001, keeping 0 for the text itself,
 * so "Tokov" ranks the speaker Tokov above the speaker Tokova. The same here.
 */
const PREFIX_SCORE = 0.001;
/** Postings packed between two pauses of a sliced build. */
const PAIRS_PER_STEP = 200_000;
/** A vocabulary word that matches a query word, with fuse.js's score for the pair (0 is exact). */
export interface WordMatch {
  readonly word: number;
  readonly score: number;
}

/** How far word matching reaches; the same fuse.js threshold decides word matches everywhere. */
export interface TermMatchOptions {
  readonly threshold: number;
  /** At most this many vocabulary words are scored by fuse.js per query word. */
  readonly maxFuzzyCandidates: number;
  /** At most this many prefix completions per query word (autocomplete while typing). */
  readonly maxPrefixWords: number;
}

/**
 * Collects postings while texts stream in, in document order; `finish` packs them into a TermIndex. Large buffers are
 * sized once from an estimate: each big typed array is memory outside the JS heap, and growing them by doubling
 * makes V8 run full, stop-the-world collections that stall the event loop during a reload.
 */
export class TermIndexBuilder {
  private readonly wordIds = new Map<string, number>();
  private readonly words: string[] = [];
  /** Per (word, field) key: the last document added, so a word repeated in one field of a document counts once. */
  private readonly lastDocument: number[] = [];
  private pairKeys: Int32Array;
  private pairDocuments: Int32Array;
  private pairs = 0;
  // Names repeat across entries (a speaker's names on each of their quotes): tokenise each entity's names once.
  private readonly namesCache = new Map<string, readonly number[]>();

  /** `expectedPostings`: about how many (word, document, field) postings will arrive. */
  constructor(expectedPostings = 1 << 16) {
    this.pairKeys = new Int32Array(Math.max(1024, expectedPostings));
    this.pairDocuments = new Int32Array(Math.max(1024, expectedPostings));
  }

  /** Adds one text of a document (tokenised here). Documents must be added in increasing order. */
  add(document: number, field: FieldCode, text: string): void {
    forEachToken(text, (token) => {
      this.addPosting(this.wordId(token) * FIELD_COUNT + field, document);
    });
  }

  /** Adds a list of names (an entity's) to a document's names field; `key` names the list, tokenised only once. */
  addNames(document: number, key: string, names: readonly string[]): void {
    let ids = this.namesCache.get(key);
    if (!ids) {
      ids = [...new Set(names.flatMap((name) => tokenize(name).map((token) => this.wordId(token))))];
      this.namesCache.set(key, ids);
    }
    for (let i = 0; i < ids.length; i++) this.addPosting((ids[i] ?? 0) * FIELD_COUNT, document);
  }

  private addPosting(key: number, document: number): void {
    if (this.lastDocument[key] === document) return;
    this.lastDocument[key] = document;
    if (this.pairs === this.pairKeys.length) this.growPairs();
    this.pairKeys[this.pairs] = key;
    this.pairDocuments[this.pairs] = document;
    this.pairs++;
  }

  /**
   * Packs the postings word by word (a counting sort keeps each word's postings in document order) and indexes the
   * vocabulary's trigrams, pausing every so often.
   */
  *finish(): Steps<TermIndex> {
    const count = this.words.length;
    const keys = count * FIELD_COUNT;
    const offsets = new Int32Array(keys + 1);
    for (let i = 0; i < this.pairs; i++) {
      const next = (this.pairKeys[i] ?? 0) + 1;
      offsets[next] = (offsets[next] ?? 0) + 1;
      if (i % PAIRS_PER_STEP === 0) yield;
    }
    for (let key = 0; key < keys; key++) offsets[key + 1] = (offsets[key + 1] ?? 0) + (offsets[key] ?? 0);
    const cursor = offsets.slice(0, keys);
    const postings = new Int32Array(this.pairs);
    for (let i = 0; i < this.pairs; i++) {
      const key = this.pairKeys[i] ?? 0;
      const at = cursor[key] ?? 0;
      postings[at] = this.pairDocuments[i] ?? 0;
      cursor[key] = at + 1;
      if (i % PAIRS_PER_STEP === 0) yield;
    }
    this.pairKeys = new Int32Array(0);
    this.pairDocuments = new Int32Array(0);

    // Bigrams and trigrams in one map (their lengths tell them apart): short query words are matched by bigrams, which
    // survive a swapped pair of letters that leaves a five-letter word without a single trigram in common.
    // Kept as plain arrays: thousands of small typed arrays would each be memory outside the heap (see above).
    const grams = new Map<string, number[]>();
    for (let id = 0; id < count; id++) {
      const word = this.words[id] ?? '';
      for (const gram of [...gramsOf(word, 2), ...gramsOf(word, 3)]) {
        let list = grams.get(gram);
        if (!list) grams.set(gram, (list = []));
        list.push(id);
      }
      if (id % 5000 === 0) yield;
    }
    yield;
    const words = this.words;
    const sorted = Int32Array.from(words.keys()).sort((a, b) => compare(words[a] ?? '', words[b] ?? ''));
    return new TermIndex(words, offsets, postings, grams, sorted, this.wordIds);
  }

  private wordId(token: string): number {
    const known = this.wordIds.get(token);
    if (known !== undefined) return known;
    const id = this.words.length;
    this.wordIds.set(token, id);
    this.words.push(token);
    this.lastDocument.push(-1, -1, -1);
    return id;
  }

  private growPairs(): void {
    const size = Math.ceil(this.pairKeys.length * 1.5);
    const keys = new Int32Array(size);
    keys.set(this.pairKeys);
    this.pairKeys = keys;
    const documents = new Int32Array(size);
    documents.set(this.pairDocuments);
    this.pairDocuments = documents;
  }
}

/** The index: vocabulary, postings per word, and character n-grams of the vocabulary for typo-tolerant lookup. */
export class TermIndex {
  constructor(
    /** Every distinct word, by id. */
    readonly words: readonly string[],
    /** The documents with word w in field f are postings[offsets[3w + f] .. offsets[3w + f + 1]). */
    private readonly offsets: Int32Array,
    /** Documents, in order within each (word, field). */
    private readonly postings: Int32Array,
    /** Per bigram and trigram: ids of the words that contain it. */
    private readonly grams: ReadonlyMap<string, readonly number[]>,
    /** Word ids sorted by spelling, for prefix ranges. */
    private readonly sorted: Int32Array,
    private readonly wordIds: ReadonlyMap<string, number>,
  ) {}

  /**
   * Vocabulary words that match a query word the way fuse.js would match it inside a longer text: the word itself,
   * words it begins (what autocomplete sees while typing), and words within fuse.js's typo threshold of it.
   */
  matchWord(query: string, options: TermMatchOptions): WordMatch[] {
    const matches = new Map<number, number>();
    for (const id of this.prefixRange(query, options.maxPrefixWords)) matches.set(id, PREFIX_SCORE);
    const exact = this.wordIds.get(query);
    if (exact !== undefined) matches.set(exact, 0);
    if (query.length >= 4) {
      for (const { word, score } of this.fuzzyWords(query, options)) {
        const previous = matches.get(word);
        if (previous === undefined || score < previous) matches.set(word, score);
      }
    }
    return [...matches].map(([word, score]) => ({ word, score }));
  }

  /** The documents that have a word in one field (a view, not a copy). */
  documentsOf(word: number, field: FieldCode): Int32Array {
    const key = word * FIELD_COUNT + field;
    return this.postings.subarray(this.offsets[key] ?? 0, this.offsets[key + 1] ?? 0);
  }

  /** How many postings a word has in all fields: its cost to score. */
  postingCount(word: number): number {
    return (this.offsets[word * FIELD_COUNT + FIELD_COUNT] ?? 0) - (this.offsets[word * FIELD_COUNT] ?? 0);
  }

  /** Ids of the shortest words starting with `prefix` (shortest first: the likeliest completions). */
  private prefixRange(prefix: string, limit: number): number[] {
    let low = 0;
    let high = this.sorted.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (compare(this.words[this.sorted[mid] ?? 0] ?? '', prefix) < 0) low = mid + 1;
      else high = mid;
    }
    const found: number[] = [];
    for (let i = low; i < this.sorted.length; i++) {
      const id = this.sorted[i] ?? 0;
      if (!(this.words[id] ?? '').startsWith(prefix)) break;
      found.push(id);
    }
    if (found.length <= limit) return found;
    return found.sort((a, b) => (this.words[a]?.length ?? 0) - (this.words[b]?.length ?? 0)).slice(0, limit);
  }

  /**
   * Words sharing enough n-grams with the query to be worth asking fuse.js about, then fuse.js's verdict on them.
   * Counting shared n-grams is cheap; fuse.js scores only the most promising few hundred.
   */
  private fuzzyWords(query: string, options: TermMatchOptions): WordMatch[] {
    const grams = gramsOf(query, query.length <= SHORT_WORD ? 2 : 3);
    const shared = new Map<number, number>();
    for (const gram of grams) {
      const list = this.grams.get(gram);
      if (!list) continue;
      for (let i = 0; i < list.length; i++) {
        const id = list[i] ?? 0;
        shared.set(id, (shared.get(id) ?? 0) + 1);
      }
    }
    // A word within the threshold keeps most of the query's n-grams. A third of the trigrams is a generous floor; bigrams
    // are shared by far more words, so half of them.
    const floor = Math.max(1, Math.ceil(grams.size / (query.length <= SHORT_WORD ? 2 : 3)));
    const candidates = [...shared].filter(([, count]) => count >= floor);
    candidates.sort((a, b) => b[1] - a[1]);
    const words = candidates.slice(0, options.maxFuzzyCandidates).map(([id]) => id);
    if (words.length === 0) return [];
    const fuse = new Fuse(words.map((id) => this.words[id] ?? ''), {
      includeScore: true,
      ignoreLocation: true,
      ignoreFieldNorm: true,
      threshold: options.threshold,
      minMatchCharLength: 2,
    });
    return fuse.search(query).map((result) => ({ word: words[result.refIndex] ?? 0, score: result.score ?? 1 }));
  }
}

/** Query words up to this length are matched by bigrams, longer ones by trigrams. */
const SHORT_WORD = 7;

function gramsOf(word: string, size: 2 | 3): Set<string> {
  const grams = new Set<string>();
  for (let i = 0; i + size <= word.length; i++) grams.add(word.slice(i, i + size));
  return grams;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
