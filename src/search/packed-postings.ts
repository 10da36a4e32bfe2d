// Postings packed word by word, as an index builder leaves them; two builders' postings (the main thread's and a text
// thread's, see text-thread.ts) are joined into one before the index is made of them.
import { FIELD_COUNT } from './documents.ts';
import type { Steps } from '../util/slices.ts';
import type { WordTable } from './word-table.ts';

/** What a builder read, packed: the documents with word w in field f are postings[offsets[F·w + f] .. offsets[F·w + f + 1]). */
export interface PackedPostings {
  /** The words, by id. */
  readonly words: readonly string[];
  readonly offsets: Int32Array;
  /** Documents, in increasing order within each (word, field). */
  readonly postings: Int32Array;
  /** Words per (document, field), up to 255. */
  readonly lengths: Uint8Array;
}

/** (word, field) keys joined between two pauses. */
const KEYS_PER_STEP = 20_000;
/** Longest field length stored (a byte); longer fields are all "long". */
export const MAX_FIELD_LENGTH = 255;

/**
 * `own` (packed from the words of `table`) and `other` as one: `other`'s words are added to `table` where new; a
 * (word, field) found in both gets the documents of both, in order, each once; field lengths add up. Both must cover
 * the same documents.
 */
export function* joinPostings(own: PackedPostings, other: PackedPostings, table: WordTable): Steps<PackedPostings> {
  const ids = other.words.map((word) => table.intern(word));
  const keys = table.size * FIELD_COUNT;
  const ownKeys = own.offsets.length - 1;
  // Which of `other`'s keys each key is, or -1.
  const otherKey = new Int32Array(keys).fill(-1);
  ids.forEach((id, word) => {
    for (let field = 0; field < FIELD_COUNT; field++) otherKey[id * FIELD_COUNT + field] = word * FIELD_COUNT + field;
  });
  yield;
  const offsets = new Int32Array(keys + 1);
  const postings = new Int32Array(own.postings.length + other.postings.length);
  let at = 0;
  for (let key = 0; key < keys; key++) {
    offsets[key] = at;
    const start = key < ownKeys ? (own.offsets[key] ?? 0) : 0;
    const end = key < ownKeys ? (own.offsets[key + 1] ?? 0) : 0;
    const theirs = otherKey[key] ?? -1;
    const otherStart = theirs < 0 ? 0 : (other.offsets[theirs] ?? 0);
    const otherEnd = theirs < 0 ? 0 : (other.offsets[theirs + 1] ?? 0);
    if (otherStart === otherEnd) {
      at = copyRun(postings, at, own.postings, start, end);
    } else if (start === end) {
      at = copyRun(postings, at, other.postings, otherStart, otherEnd);
    } else {
      at = mergeInto(postings, at, own.postings, start, end, other.postings, otherStart, otherEnd);
    }
    if (key % KEYS_PER_STEP === 0) yield;
  }
  offsets[keys] = at;
  const lengths = own.lengths.slice();
  for (let i = 0; i < lengths.length; i++) lengths[i] = Math.min(MAX_FIELD_LENGTH, (lengths[i] ?? 0) + (other.lengths[i] ?? 0));
  // Words in both lists leave a few slots unused at the end: a view, not a copy of a hundred megabytes.
  return { words: table.words, offsets, postings: at === postings.length ? postings : postings.subarray(0, at), lengths };
}

/** Below this many documents a run is copied by hand: most words are rare, and a view per word costs more. */
const SHORT_RUN = 32;

/** `source[start, end)` copied into `target` from `at`; returns where it ends. */
function copyRun(target: Int32Array, at: number, source: Int32Array, start: number, end: number): number {
  if (end - start >= SHORT_RUN) {
    target.set(source.subarray(start, end), at);
    return at + end - start;
  }
  for (let i = start; i < end; i++) target[at++] = source[i] ?? 0;
  return at;
}

/** Two increasing runs written into `target` from `at` as one increasing run, each document once; returns its end. */
function mergeInto(target: Int32Array, at: number, a: Int32Array, aStart: number, aEnd: number, b: Int32Array, bStart: number, bEnd: number): number {
  let i = aStart;
  let j = bStart;
  let last = -1;
  while (i < aEnd || j < bEnd) {
    const fromA = j >= bEnd || (i < aEnd && (a[i] ?? 0) <= (b[j] ?? 0));
    const document = fromA ? (a[i++] ?? 0) : (b[j++] ?? 0);
    if (document !== last) target[at++] = document;
    last = document;
  }
  return at;
}
