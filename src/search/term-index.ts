// An inverted index over the words of every name, title and body: narrows a query to the few entries worth scoring.
import Fuse from 'fuse.js';
import type { FieldCode } from './documents.ts';
import type { Steps } from '../util/slices.ts';
import { tokenize } from './normalize.ts';

const FIELD_BITS = 2;
/** Postings packed between two pauses of a sliced build. */
const PAIRS_PER_STEP = 200_000;
const FIELD_MASK = (1 << FIELD_BITS) - 1;

/** The document of a posting. */
export function postingDocument(posting: number): number {
  return posting >> FIELD_BITS;
}

/** The field code of a posting. */
export function postingField(posting: number): number {
  return posting & FIELD_MASK;
}

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

/** Collects postings while texts stream in, in document order; `finish` packs them into a TermIndex. */
export class TermIndexBuilder {
  private readonly wordIds = new Map<string, number>();
  private readonly words: string[] = [];
  private lastPosting = new Int32Array(1024).fill(-1);
  private pairWords = new Int32Array(1 << 16);
  private pairPostings = new Int32Array(1 << 16);
  private pairs = 0;
  // Names repeat across entries (a speaker's name on each of their quotes): tokenise each distinct text once.
  private readonly tokenCache = new Map<string, Int32Array>();

  /** Adds one text of a document (tokenised here). Documents must be added in increasing order. */
  add(document: number, field: FieldCode, text: string): void {
    const posting = (document << FIELD_BITS) | field;
    if (field === 0) {
      const ids = this.cachedWordIds(text);
      for (let i = 0; i < ids.length; i++) this.addPosting(ids[i] ?? 0, posting);
      return;
    }
    for (const token of tokenize(text)) this.addPosting(this.wordId(token), posting);
  }

  private addPosting(word: number, posting: number): void {
    // The same word twice in one field of a document is stored once.
    if (this.lastPosting[word] === posting) return;
    this.lastPosting[word] = posting;
    if (this.pairs === this.pairWords.length) this.growPairs();
    this.pairWords[this.pairs] = word;
    this.pairPostings[this.pairs] = posting;
    this.pairs++;
  }

  /**
   * Packs the postings word by word (a counting sort keeps each word's postings in document order) and indexes the
   * vocabulary's trigrams, pausing every so often.
   */
  *finish(): Steps<TermIndex> {
    const count = this.words.length;
    const offsets = new Int32Array(count + 1);
    for (let i = 0; i < this.pairs; i++) {
      const next = (this.pairWords[i] ?? 0) + 1;
      offsets[next] = (offsets[next] ?? 0) + 1;
      if (i % PAIRS_PER_STEP === 0) yield;
    }
    for (let word = 0; word < count; word++) offsets[word + 1] = (offsets[word + 1] ?? 0) + (offsets[word] ?? 0);
    const cursor = offsets.slice(0, count);
    const postings = new Int32Array(this.pairs);
    for (let i = 0; i < this.pairs; i++) {
      const word = this.pairWords[i] ?? 0;
      const at = cursor[word] ?? 0;
      postings[at] = this.pairPostings[i] ?? 0;
      cursor[word] = at + 1;
      if (i % PAIRS_PER_STEP === 0) yield;
    }
    this.pairWords = new Int32Array(0);
    this.pairPostings = new Int32Array(0);

    const trigramLists = new Map<string, number[]>();
    for (let id = 0; id < count; id++) {
      for (const gram of trigramsOf(this.words[id] ?? '')) {
        let list = trigramLists.get(gram);
        if (!list) trigramLists.set(gram, (list = []));
        list.push(id);
      }
      if (id % 5000 === 0) yield;
    }
    const trigrams = new Map<string, Int32Array>();
    for (const [gram, list] of trigramLists) trigrams.set(gram, Int32Array.from(list));
    yield;
    const words = this.words;
    const sorted = Int32Array.from(words.keys()).sort((a, b) => compare(words[a] ?? '', words[b] ?? ''));
    return new TermIndex(words, offsets, postings, trigrams, sorted, this.wordIds);
  }

  private cachedWordIds(text: string): Int32Array {
    let ids = this.tokenCache.get(text);
    if (!ids) {
      ids = Int32Array.from(tokenize(text), (token) => this.wordId(token));
      this.tokenCache.set(text, ids);
    }
    return ids;
  }

  private wordId(token: string): number {
    const known = this.wordIds.get(token);
    if (known !== undefined) return known;
    const id = this.words.length;
    this.wordIds.set(token, id);
    this.words.push(token);
    if (id >= this.lastPosting.length) {
      const grown = new Int32Array(this.lastPosting.length * 2).fill(-1);
      grown.set(this.lastPosting);
      this.lastPosting = grown;
    }
    return id;
  }

  private growPairs(): void {
    const words = new Int32Array(this.pairWords.length * 2);
    words.set(this.pairWords);
    this.pairWords = words;
    const postings = new Int32Array(this.pairPostings.length * 2);
    postings.set(this.pairPostings);
    this.pairPostings = postings;
  }
}

/** The index: vocabulary, postings per word, and character trigrams of the vocabulary for typo-tolerant lookup. */
export class TermIndex {
  constructor(
    /** Every distinct word, by id. */
    readonly words: readonly string[],
    /** Word w's postings are postings[offsets[w] .. offsets[w + 1]). */
    private readonly offsets: Int32Array,
    /** Postings encoded as `document << 2 | field`, in document order within each word. */
    private readonly postings: Int32Array,
    /** Per trigram: ids of the words that contain it. */
    private readonly trigrams: ReadonlyMap<string, Int32Array>,
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
    const exact = this.wordIds.get(query);
    if (exact !== undefined) matches.set(exact, 0);
    for (const id of this.prefixRange(query, options.maxPrefixWords)) matches.set(id, 0);
    if (query.length >= 4) {
      for (const { word, score } of this.fuzzyWords(query, options)) {
        const previous = matches.get(word);
        if (previous === undefined || score < previous) matches.set(word, score);
      }
    }
    return [...matches].map(([word, score]) => ({ word, score }));
  }

  /** A word's postings (a view, not a copy); decode each with `postingDocument` and `postingField`. */
  postingsOf(word: number): Int32Array {
    return this.postings.subarray(this.offsets[word] ?? 0, this.offsets[word + 1] ?? 0);
  }

  /** How many postings a word has: its cost to score. */
  postingCount(word: number): number {
    return (this.offsets[word + 1] ?? 0) - (this.offsets[word] ?? 0);
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
   * Words sharing enough trigrams with the query to be worth asking fuse.js about, then fuse.js's verdict on them.
   * Counting shared trigrams is cheap; fuse.js scores only the most promising few hundred.
   */
  private fuzzyWords(query: string, options: TermMatchOptions): WordMatch[] {
    const grams = trigramsOf(query);
    const shared = new Map<number, number>();
    for (const gram of grams) {
      const list = this.trigrams.get(gram);
      if (!list) continue;
      for (let i = 0; i < list.length; i++) {
        const id = list[i] ?? 0;
        shared.set(id, (shared.get(id) ?? 0) + 1);
      }
    }
    // A word within the threshold keeps most of the query's trigrams; a third of them is a generous floor.
    const floor = Math.max(1, Math.ceil(grams.size / 3));
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

function trigramsOf(word: string): Set<string> {
  const grams = new Set<string>();
  for (let i = 0; i + 3 <= word.length; i++) grams.add(word.slice(i, i + 3));
  return grams;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
