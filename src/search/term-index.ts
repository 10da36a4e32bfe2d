// An inverted index over the words of every field: narrows a query to the few entries worth scoring.
import Fuse from 'fuse.js';
import { stemmer } from 'stemmer';
import { FIELD_COUNT, type FieldCode } from './documents.ts';
import type { Steps } from '../util/slices.ts';
import { grownInt32 } from '../util/typed-arrays.ts';
import { asciiSearchText, CURRENCY_CODES, forEachToken, TYPOGRAPHIC_SEPARATORS } from './normalize.ts';
import { joinPostings, MAX_FIELD_LENGTH, type PackedPostings } from './packed-postings.ts';
import { foldCase, HASH_START, hashStep, WordTable } from './word-table.ts';

/** A vocabulary word that matches a query word, with how far it is from it (0 is the word itself). */
export interface WordMatch {
  readonly word: number;
  readonly score: number;
}

/** How far word matching reaches. */
export interface TermMatchOptions {
  /** At most this many vocabulary words are measured against a query word for typos. */
  readonly maxFuzzyCandidates: number;
  /** At most this many prefix completions per query word (autocomplete while typing). */
  readonly maxPrefixWords: number;
  /** Edits allowed beyond `typoBudget` ("did you mean" reaches further than search). */
  readonly extraEdits: number;
}

/**
 * Word scores, on one scale from 0 (the word itself) to about 0.35 (the loosest typo allowed). A completion of the
 * query costs a little more the more it adds, so "Tokov" finds the speaker Tokov before Tokova; another form of the
 * same word ("locomotive", "locomotives") costs a little more; a typo costs its edits per letter.
 */
export const WORD_SCORES = Object.freeze({
  prefixBase: 0.001,
  /** Per share of the word the query leaves out. */
  prefixRest: 0.05,
  stem: 0.03,
  /** Added to the edits per letter of a typed prefix with a typo ("mirzyo" for "Mirziyoyev"). */
  prefixTypo: 0.05,
  /** Added to fuse.js's score for the query found inside a longer word ("planes" in "airplanes"). */
  infix: 0.12,
});

/**
 * Typos allowed in a word of this length: none in three letters (too many words are one letter apart), one up to seven,
 * two up to twelve, three beyond. A transposition counts as one edit.
 */
export function typoBudget(length: number): number {
  return length <= 3 ? 0 : length <= 7 ? 1 : length <= 12 ? 2 : 3;
}

/** Postings packed between two pauses of a sliced build. */
const PAIRS_PER_STEP = 200_000;
/** Query words up to this length are matched by bigrams, longer ones by trigrams. */
const SHORT_WORD = 7;
/** Query words at least this long may be found inside longer words (by fuse.js), when nothing closer matches. */
const MIN_INFIX_QUERY = 5;
/** Candidates fuse.js looks inside, at most. */
const MAX_INFIX_CANDIDATES = 40;
/** Options of fuse.js for finding a query word inside a longer vocabulary word: anywhere, at most a typo or two. */
const INFIX_FUSE_OPTIONS = Object.freeze({ ignoreLocation: true, threshold: 0.25, minMatchCharLength: 2 });
/** Starts the vocabulary word that stands for an entity named in the names field; no query word can contain it. */
const ENTITY_MARKER = '#';
function entityMarker(entity: string): string {
  return `${ENTITY_MARKER}${entity}`;
}
/** Slots of the table of one document's (word, field) keys; it doubles for a document that needs more. */
const SEEN_CAPACITY = 1024;

/** Words the general way rewrites ("dollars" is read as "usd"): a plain scan that meets one hands the text over. */
const CURRENCY_WORDS = Object.keys(CURRENCY_CODES);

function isLetter(code: number): boolean {
  const folded = foldCase(code);
  return folded >= 97 && folded <= 122;
}

/** Numbers kept per key of shared words: start, count, marker (and one spare, so a key's numbers share a cache line). */
const SHARED_STRIDE = 4;


/**
 * Collects postings while texts stream in, in document order; `finish` packs them into a TermIndex. Large buffers are
 * sized once from an estimate: each big typed array is memory outside the JS heap, and growing them by doubling
 * makes V8 run full, stop-the-world collections that stall the event loop during a reload.
 */
export class TermIndexBuilder {
  private readonly table = new WordTable();
  /**
   * The (word, field) keys of the document being added, so that a word repeated in one field counts once: a small
   * table stamped with the document (no clearing between documents), which stays in the CPU's cache where a
   * per-word array over the whole vocabulary would miss it on every posting.
   */
  private seenKeys = new Int32Array(SEEN_CAPACITY);
  private seenStamps = new Int32Array(SEEN_CAPACITY).fill(-1);
  private seenCount = 0;
  private seenDocument = -1;
  private pairKeys: Int32Array;
  private pairDocuments: Int32Array;
  private pairs = 0;
  /** Postings per key so far: counted as they come, so that packing them needs no counting pass over all of them. */
  private keyCounts = new Int32Array(1 << 14);
  /** Words per (document, field), up to MAX_FIELD_LENGTH. */
  private readonly lengths: Uint8Array;
  /** The words of the text being scanned, until it is known to be plain. */
  private scratch = new Int32Array(256);
  /**
   * Shared words repeat across entries (a speaker's names on each of their quotes): each key's word ids are looked up
   * once and kept flat, in typed arrays rather than an object per key, which a million entries would chase all over
   * the heap. Per key, SHARED_STRIDE numbers: where its ids start in `sharedIds` (-1 until first used), how many, and
   * the id of its entity's marker word (-1 for none).
   */
  private sharedKeys = new Int32Array(0);
  private sharedIds = new Int32Array(1024);
  private sharedIdCount = 0;

  /** `documents`: how many documents will be added; `expectedPostings`: about how many (word, document, field) postings. */
  constructor(documents: number, expectedPostings = 1 << 16) {
    // The currency words take the first ids, so that a scan can tell them by their id alone (see scanPlain).
    for (const word of CURRENCY_WORDS) this.wordId(word);
    this.pairKeys = new Int32Array(Math.max(1024, expectedPostings));
    this.pairDocuments = new Int32Array(Math.max(1024, expectedPostings));
    this.lengths = new Uint8Array(documents * FIELD_COUNT);
  }

  /** Adds one text of a document (tokenised here). Documents must be added in increasing order. */
  add(document: number, field: FieldCode, text: string): void {
    this.addSpan(document, field, text, 0, text.length);
  }

  /** Adds the text `text[start, end)`: one of many texts sent joined in one string. */
  addSpan(document: number, field: FieldCode, text: string, start: number, end: number): void {
    // Most text is read in place in one pass: ASCII (typographic quotes and dashes count as spaces), and a known word
    // is found by its characters, never cut out as a string. Text with amounts or abbreviations is rewritten first and
    // read the same way; anything else (other scripts, accents, currency words) goes the general way.
    let count = this.scanPlain(document, field, text, start, end, false);
    if (count === undefined) {
      const own = start === 0 && end === text.length ? text : text.slice(start, end);
      const rewritten = asciiSearchText(own);
      if (rewritten !== undefined) count = this.scanPlain(document, field, rewritten, 0, rewritten.length, true);
      count ??= this.addPrepared(document, field, own);
    }
    this.addLength(document, field, count);
  }

  /**
   * Reads a text in one pass, folding capitals; its words go to a scratch list and become postings only if the whole
   * text could be read so. Undefined (nothing added) when it could not: a non-ASCII letter, a currency word, or (unless
   * `digits`, for text whose amounts were already rewritten) a digit, "$" or an abbreviation "x.y.".
   */
  private scanPlain(document: number, field: FieldCode, text: string, from: number, to: number, digits: boolean): number | undefined {
    let words = 0;
    let start = -1;
    let hash = HASH_START;
    // One more turn than the text has characters, on a space, to end the last word.
    for (let i = from; i <= to; i++) {
      const raw = i < to ? text.charCodeAt(i) : 32;
      // ASCII letters, capitals folded: (code | 32) is a lowercase letter exactly for A–Z and a–z; digits keep their code.
      const lower = raw | 32;
      if ((lower >= 97 && lower <= 122) || (digits && raw >= 48 && raw <= 57)) {
        if (start < 0) {
          start = i;
          hash = HASH_START;
        }
        hash = hashStep(hash, lower);
        continue;
      }
      if (raw > 127 ? !TYPOGRAPHIC_SEPARATORS.has(raw) : !digits && ((raw >= 48 && raw <= 57) || raw === 36)) return undefined;
      // A dot closing a one-letter word after another one-letter word and its dot: "u.s." is read as "us".
      if (!digits && raw === 46 && start === i - 1 && i >= from + 3 && text.charCodeAt(i - 2) === 46 && isLetter(text.charCodeAt(i - 3))) return undefined;
      if (start < 0) continue;
      const id = this.table.internSpan(text, start, i, hash);
      if (id < CURRENCY_WORDS.length) return undefined;
      if (words === this.scratch.length) this.scratch = grownInt32(this.scratch);
      this.scratch[words++] = id;
      start = -1;
    }
    for (let w = 0; w < words; w++) this.addPosting((this.scratch[w] ?? 0) * FIELD_COUNT + field, document);
    return words;
  }

  /** A text the plain scan could not take, read the general way (amounts and abbreviations rewritten). */
  private addPrepared(document: number, field: FieldCode, text: string): number {
    let count = 0;
    forEachToken(text, (token) => {
      count++;
      this.addPosting(this.wordId(token) * FIELD_COUNT + field, document);
    });
    return count;
  }

  /** Adds words already in search form. */
  addWords(document: number, field: FieldCode, words: readonly string[]): void {
    for (const word of words) this.addPosting(this.wordId(word) * FIELD_COUNT + field, document);
    this.addLength(document, field, words.length);
  }

  /**
   * Adds words shared by many documents (an entity's names), under a key (a small number: an array index) that always
   * stands for the same words.
   * `length` is what they add to the field's length. The names of `entity` in the names field also record the
   * entity itself, for `entityDocuments`.
   */
  addShared(document: number, field: FieldCode, key: number, words: readonly string[], length: number, entity?: string): void {
    const at = key * SHARED_STRIDE;
    if (at >= this.sharedKeys.length) this.growSharedKeys(at);
    let start = this.sharedKeys[at] ?? -1;
    if (start < 0) start = this.addSharedKey(at, words, entity);
    const end = start + (this.sharedKeys[at + 1] ?? 0);
    for (let i = start; i < end; i++) this.addPosting((this.sharedIds[i] ?? 0) * FIELD_COUNT + field, document);
    const marker = this.sharedKeys[at + 2] ?? -1;
    if (field === 0 && marker >= 0) this.addPosting(marker * FIELD_COUNT, document);
    this.addLength(document, field, length);
  }

  /** Looks up the words of a key seen for the first time; returns where its ids start. */
  private addSharedKey(at: number, words: readonly string[], entity: string | undefined): number {
    const ids = [...new Set(words.map((word) => this.wordId(word)))];
    const start = this.sharedIdCount;
    while (start + ids.length > this.sharedIds.length) this.sharedIds = grownInt32(this.sharedIds);
    this.sharedIds.set(ids, start);
    this.sharedIdCount += ids.length;
    this.sharedKeys[at] = start;
    this.sharedKeys[at + 1] = ids.length;
    this.sharedKeys[at + 2] = entity === undefined ? -1 : this.wordId(entityMarker(entity));
    return start;
  }

  private growSharedKeys(at: number): void {
    const grown = new Int32Array(Math.max(at + SHARED_STRIDE, this.sharedKeys.length * 2)).fill(-1);
    grown.set(this.sharedKeys);
    this.sharedKeys = grown;
  }

  private addLength(document: number, field: FieldCode, count: number): void {
    const at = document * FIELD_COUNT + field;
    if (at < this.lengths.length) this.lengths[at] = Math.min(MAX_FIELD_LENGTH, (this.lengths[at] ?? 0) + count);
  }

  private addPosting(key: number, document: number): void {
    if (document !== this.seenDocument) {
      this.seenDocument = document;
      this.seenCount = 0;
    }
    if (!this.markSeen(key, document)) return;
    if (this.pairs === this.pairKeys.length) this.growPairs();
    this.pairKeys[this.pairs] = key;
    this.pairDocuments[this.pairs] = document;
    this.pairs++;
    if (key >= this.keyCounts.length) this.keyCounts = grownInt32(this.keyCounts, Math.max(key + 1, this.keyCounts.length * 2));
    this.keyCounts[key] = (this.keyCounts[key] ?? 0) + 1;
  }

  /**
   * Packs the postings word by word (a counting sort keeps each word's postings in document order), pausing every so
   * often. The builder takes no more postings after this.
   */
  *pack(): Steps<PackedPostings> {
    const keys = this.table.size * FIELD_COUNT;
    const offsets = new Int32Array(keys + 1);
    for (let key = 0; key < keys; key++) offsets[key + 1] = (offsets[key] ?? 0) + (this.keyCounts[key] ?? 0);
    this.keyCounts = new Int32Array(0);
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
    return { words: this.table.words, offsets, postings, lengths: this.lengths };
  }

  /** The index of everything added: pack and index in one go. */
  *finish(): Steps<TermIndex> {
    return yield* this.index(yield* this.pack());
  }

  /**
   * The index of this builder's packed postings, joined with `other`'s (the texts a text thread read, see
   * text-thread.ts) when given; indexes the vocabulary's bigrams, trigrams and stems.
   */
  *index(packed: PackedPostings, other?: PackedPostings): Steps<TermIndex> {
    const { offsets, postings, lengths } = other ? yield* joinPostings(packed, other, this.table) : packed;
    const count = this.table.size;
    // Bigrams and trigrams in one map (their lengths tell them apart): short query words are matched by bigrams, which
    // survive a swapped pair of letters that leaves a five-letter word without a single trigram in common.
    // Kept as plain arrays: thousands of small typed arrays would each be memory outside the heap (see above).
    const grams = new Map<string, number[]>();
    // Words whose stem is not the word itself, by stem: "locomotives" under "locomot", so "locomotive" finds it.
    const stems = new Map<string, number[]>();
    for (let id = 0; id < count; id++) {
      const word = this.table.words[id] ?? '';
      if (word.startsWith(ENTITY_MARKER)) continue;
      for (const gram of [...gramsOf(word, 2), ...gramsOf(word, 3)]) {
        let list = grams.get(gram);
        if (!list) grams.set(gram, (list = []));
        list.push(id);
      }
      const stem = stemOf(word);
      if (stem !== undefined && stem !== word) {
        let list = stems.get(stem);
        if (!list) stems.set(stem, (list = []));
        list.push(id);
      }
      if (id % 5000 === 0) yield;
    }
    yield;
    const words = this.table.words;
    const sorted = Int32Array.from(words.keys()).sort((a, b) => compare(words[a] ?? '', words[b] ?? ''));
    return new TermIndex(words, offsets, postings, grams, stems, sorted, this.table, lengths);
  }

  private wordId(token: string): number {
    return this.table.intern(token);
  }

  /** True the first time `key` comes for `document`. */
  private markSeen(key: number, document: number): boolean {
    const mask = this.seenKeys.length - 1;
    for (let slot = (Math.imul(key, 0x9e3779b1) >>> 16) & mask; ; slot = (slot + 1) & mask) {
      if (this.seenStamps[slot] !== document) {
        this.seenStamps[slot] = document;
        this.seenKeys[slot] = key;
        if (++this.seenCount * 2 > this.seenKeys.length) this.growSeen(key, document);
        return true;
      }
      if (this.seenKeys[slot] === key) return false;
    }
  }

  /** A document with very many distinct words: twice the table, refilled from its postings so far and `key`. */
  private growSeen(key: number, document: number): void {
    this.seenKeys = new Int32Array(this.seenKeys.length * 2);
    this.seenStamps = new Int32Array(this.seenStamps.length * 2).fill(-1);
    this.seenCount = 0;
    // This document's postings are the last ones added (the key being marked now is added right after).
    for (let i = this.pairs - 1; i >= 0 && this.pairDocuments[i] === document; i--) this.markSeen(this.pairKeys[i] ?? 0, document);
    this.markSeen(key, document);
  }

  private growPairs(): void {
    const size = Math.ceil(this.pairKeys.length * 1.5);
    this.pairKeys = grownInt32(this.pairKeys, size);
    this.pairDocuments = grownInt32(this.pairDocuments, size);
  }
}

/** The index: vocabulary, postings per word and field, field lengths, and what finds a word despite typos and forms. */
export class TermIndex {
  /** Mean length of each field over the documents that have it. */
  readonly averageLengths: Float64Array;
  // Scratch space for counting shared n-grams per vocabulary word, reused across queries (one runs at a time).
  private readonly gramCounts: Uint16Array;
  private readonly gramStamps: Int32Array;
  private gramStamp = 0;

  constructor(
    /** Every distinct word, by id. */
    readonly words: readonly string[],
    /** The documents with word w in field f are postings[offsets[FIELD_COUNT·w + f] .. offsets[FIELD_COUNT·w + f + 1]). */
    private readonly offsets: Int32Array,
    /** Documents, in order within each (word, field). */
    private readonly postings: Int32Array,
    /** Per bigram and trigram: ids of the words that contain it. */
    private readonly grams: ReadonlyMap<string, readonly number[]>,
    /** Per stem: the words with that stem other than the stem itself. */
    private readonly stems: ReadonlyMap<string, readonly number[]>,
    /** Word ids sorted by spelling, for prefix ranges. */
    private readonly sorted: Int32Array,
    private readonly wordIds: { get(word: string): number | undefined },
    /** Words per (document, field), capped at 255. */
    private readonly lengths: Uint8Array,
  ) {
    this.gramCounts = new Uint16Array(words.length);
    this.gramStamps = new Int32Array(words.length);
    const totals = new Float64Array(FIELD_COUNT);
    const present = new Float64Array(FIELD_COUNT);
    for (let i = 0; i < lengths.length; i++) {
      const length = lengths[i] ?? 0;
      if (length === 0) continue;
      const field = i % FIELD_COUNT;
      totals[field] = (totals[field] ?? 0) + length;
      present[field] = (present[field] ?? 0) + 1;
    }
    this.averageLengths = totals.map((total, field) => (present[field] ? total / (present[field] ?? 1) : 1));
  }

  /** The id of a word, if the vocabulary has it. */
  wordId(word: string): number | undefined {
    return this.wordIds.get(word);
  }

  /**
   * Vocabulary words that match a query word: the word itself, words it begins (what autocomplete sees while typing),
   * other forms of it, words within a few typos of it (or of their beginning), and, when nothing closer is found,
   * words that contain it.
   */
  matchWord(query: string, options: TermMatchOptions): WordMatch[] {
    const matches = new Map<number, number>();
    const offer = (word: number, score: number): void => {
      const previous = matches.get(word);
      if (previous === undefined || score < previous) matches.set(word, score);
    };
    for (const id of this.prefixRange(query, options.maxPrefixWords)) {
      offer(id, WORD_SCORES.prefixBase + (WORD_SCORES.prefixRest * ((this.words[id]?.length ?? 0) - query.length)) / Math.max(1, this.words[id]?.length ?? 1));
    }
    const exact = this.wordIds.get(query);
    if (exact !== undefined) matches.set(exact, 0);
    const stem = stemOf(query);
    if (stem !== undefined) {
      const bare = this.wordIds.get(stem);
      if (bare !== undefined && bare !== exact) offer(bare, WORD_SCORES.stem);
      for (const id of this.stems.get(stem) ?? []) if (id !== exact) offer(id, WORD_SCORES.stem);
    }
    if (query.length >= 4 && !/^\d+$/.test(query)) {
      const candidates = this.gramCandidates(query, options.maxFuzzyCandidates);
      const budget = typoBudget(query.length) + options.extraEdits;
      let closest = Math.min(Infinity, ...matches.values());
      for (const id of candidates) {
        const word = this.words[id] ?? '';
        const { full, prefix } = editDistances(query, word, budget);
        if (full <= Math.min(budget, typoBudget(word.length) + options.extraEdits)) offer(id, full / Math.max(query.length, word.length));
        if (prefix > 0 && prefix <= budget && word.length > query.length) offer(id, prefix / query.length + WORD_SCORES.prefixTypo);
      }
      closest = Math.min(closest, ...matches.values());
      // fuse.js finds a word inside a longer one, which an edit distance cannot: only worth it when nothing is close.
      if (query.length >= MIN_INFIX_QUERY && closest > 0.1) {
        for (const id of candidates.slice(0, MAX_INFIX_CANDIDATES)) {
          const word = this.words[id] ?? '';
          if (word.length <= query.length + 1) continue;
          const found = Fuse.match(query, word, INFIX_FUSE_OPTIONS);
          if (found.isMatch) offer(id, found.score + WORD_SCORES.infix);
        }
      }
    }
    return [...matches].map(([word, score]) => ({ word, score }));
  }

  /** The documents naming an entity in their names field: its speaker, a party, the entity itself (a view). */
  entityDocuments(entity: string): Int32Array {
    const id = this.entityWord(entity);
    return id === undefined ? new Int32Array(0) : this.documentsOf(id, 0);
  }

  /** The word that stands for an entity in the names field of the documents naming it. */
  entityWord(entity: string): number | undefined {
    return this.wordIds.get(entityMarker(entity));
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

  /** How many words a document has in a field (up to 255). */
  fieldLength(document: number, field: FieldCode): number {
    return this.lengths[document * FIELD_COUNT + field] ?? 0;
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
   * Words sharing enough n-grams with the query to be worth measuring, most shared first. A word within a typo or two
   * keeps most of the query's n-grams: a third of the trigrams is a generous floor; bigrams are shared by far more
   * words, so half of them, but no more than a wrong letter leaves ("cxal" keeps one of the bigrams of "coal").
   */
  private gramCandidates(query: string, limit: number): number[] {
    const short = query.length <= SHORT_WORD;
    const grams = gramsOf(query, short ? 2 : 3);
    const floor = Math.max(1, short ? Math.min(Math.ceil(grams.size / 2), grams.size - 2) : Math.ceil(grams.size / 3));
    this.gramStamp = this.gramStamp >= 0x7ffffff0 ? 1 : this.gramStamp + 1;
    if (this.gramStamp === 1) this.gramStamps.fill(0);
    const stamp = this.gramStamp;
    // Candidates bucketed by how many n-grams they share: no sort of thousands of candidates.
    const byShared: number[][] = [];
    for (const gram of grams) {
      const list = this.grams.get(gram);
      if (!list) continue;
      for (let i = 0; i < list.length; i++) {
        const id = list[i] ?? 0;
        let shared: number;
        if (this.gramStamps[id] !== stamp) {
          this.gramStamps[id] = stamp;
          shared = 1;
        } else {
          shared = (this.gramCounts[id] ?? 0) + 1;
        }
        this.gramCounts[id] = shared;
        if (shared >= floor) (byShared[shared] ??= []).push(id);
      }
    }
    const found: number[] = [];
    for (let shared = byShared.length - 1; shared >= floor && found.length < limit; shared--) {
      for (const id of byShared[shared] ?? []) {
        // A word counted at several levels is taken at its highest.
        if (this.gramCounts[id] !== shared) continue;
        found.push(id);
        if (found.length >= limit) break;
      }
    }
    return found;
  }
}

/** The stem of a word worth matching by stem: English words of four letters or more, stems of three or more. */
function stemOf(word: string): string | undefined {
  if (word.length < 4 || !/^[a-z]+$/.test(word)) return undefined;
  const stem = stemmer(word);
  return stem.length >= 3 ? stem : undefined;
}

// Three rows of the edit-distance table, reused: the previous two rows are needed for transpositions.
let rows = [new Int32Array(64), new Int32Array(64), new Int32Array(64)];
const FAR = 1 << 20;

/**
 * Optimal-string-alignment distances (Damerau–Levenshtein with each letter edited at most once: a swapped pair of
 * letters is one edit) between `query` and `word` (`full`) and between `query` and the closest beginning of `word`
 * (`prefix`), or more than `budget` when further than that. Rows stop early once every cell is over budget.
 */
export function editDistances(query: string, word: string, budget: number): { full: number; prefix: number } {
  const m = query.length;
  const n = Math.min(word.length, m + budget);
  if ((rows[0]?.length ?? 0) <= m) rows = [new Int32Array(m + 1), new Int32Array(m + 1), new Int32Array(m + 1)];
  let [beforePrevious, previous, current] = rows as [Int32Array, Int32Array, Int32Array];
  for (let i = 0; i <= m; i++) previous[i] = i;
  let prefix = m <= budget ? m : FAR;
  let full = word.length === 0 ? m : FAR;
  for (let j = 1; j <= n; j++) {
    const letter = word.charCodeAt(j - 1);
    current[0] = j;
    let rowBest = j;
    for (let i = 1; i <= m; i++) {
      const cost = query.charCodeAt(i - 1) === letter ? 0 : 1;
      let value = Math.min((previous[i] ?? FAR) + 1, (current[i - 1] ?? FAR) + 1, (previous[i - 1] ?? FAR) + cost);
      if (i > 1 && j > 1 && query.charCodeAt(i - 1) === word.charCodeAt(j - 2) && query.charCodeAt(i - 2) === letter) {
        value = Math.min(value, (beforePrevious[i - 2] ?? FAR) + 1);
      }
      current[i] = value;
      if (value < rowBest) rowBest = value;
    }
    const last = current[m] ?? FAR;
    if (last < prefix) prefix = last;
    if (j === word.length) full = last;
    if (rowBest > budget) break;
    [beforePrevious, previous, current] = [previous, current, beforePrevious];
  }
  return { full: full <= budget ? full : FAR, prefix: prefix <= budget ? prefix : FAR };
}

function gramsOf(word: string, size: 2 | 3): Set<string> {
  const grams = new Set<string>();
  for (let i = 0; i + size <= word.length; i++) grams.add(word.slice(i, i + size));
  return grams;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
