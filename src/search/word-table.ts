// The vocabulary's word → id table, keyed by the characters themselves: an index build looks up tens of millions of
// words, and finding a known word in the middle of a text without cutting it out as a new string is most of its speed
// (no allocation, no string hashing, no garbage for the collector to pause on).

import { grownInt32 } from '../util/typed-arrays.ts';

const EMPTY = 0;
const FNV_OFFSET = 0x811c9dc5 | 0;
const FNV_PRIME = 0x01000193;

/** FNV-1a over char codes: the hash the table keys on, computed as a scanner walks a text. */
export function hashStep(hash: number, code: number): number {
  return Math.imul(hash ^ code, FNV_PRIME);
}

export const HASH_START = FNV_OFFSET;

/** Words by id and ids by word, in one open-addressing table. */
export class WordTable {
  readonly words: string[] = [];
  private hashes = new Int32Array(1024);
  /** Word id + 1 per slot; 0 is empty. */
  private slots = new Int32Array(1 << 12);

  get size(): number {
    return this.words.length;
  }

  /** The id of a word, or undefined. */
  get(word: string): number | undefined {
    const id = this.find(word, 0, word.length, hashOf(word, 0, word.length));
    return id < 0 ? undefined : id;
  }

  /** The id of a word, adding it if it is new. */
  intern(word: string): number {
    const hash = hashOf(word, 0, word.length);
    const id = this.find(word, 0, word.length, hash);
    return id >= 0 ? id : this.insert(word, hash);
  }

  /**
   * The id of the word `text[start, end)` read with A–Z folded to lowercase, whose hash (of the folded codes) the
   * caller computed while scanning; added, lowercased, if it is new.
   */
  internSpan(text: string, start: number, end: number, hash: number): number {
    const id = this.find(text, start, end, hash);
    return id >= 0 ? id : this.insert(text.slice(start, end).toLowerCase(), hash);
  }

  private find(text: string, start: number, end: number, hash: number): number {
    const mask = this.slots.length - 1;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const entry = this.slots[slot] ?? EMPTY;
      if (entry === EMPTY) return -1;
      const id = entry - 1;
      if (this.hashes[id] === hash && sameSpan(this.words[id] ?? '', text, start, end)) return id;
    }
  }

  private insert(word: string, hash: number): number {
    const id = this.words.length;
    this.words.push(word);
    if (id === this.hashes.length) this.hashes = grownInt32(this.hashes);
    this.hashes[id] = hash;
    // Kept at most half full, so probes stay short.
    if ((id + 1) * 2 > this.slots.length) this.rehash(this.slots.length * 2);
    else this.place(id, hash);
    return id;
  }

  private place(id: number, hash: number): void {
    const mask = this.slots.length - 1;
    let slot = hash & mask;
    while ((this.slots[slot] ?? EMPTY) !== EMPTY) slot = (slot + 1) & mask;
    this.slots[slot] = id + 1;
  }

  private rehash(capacity: number): void {
    this.slots = new Int32Array(capacity);
    for (let id = 0; id < this.words.length; id++) this.place(id, this.hashes[id] ?? 0);
  }
}

function hashOf(text: string, start: number, end: number): number {
  let hash = HASH_START;
  for (let i = start; i < end; i++) hash = hashStep(hash, foldCase(text.charCodeAt(i)));
  return hash;
}

/** A stored (lowercase) word against a span of text read with A–Z folded. */
function sameSpan(word: string, text: string, start: number, end: number): boolean {
  if (word.length !== end - start) return false;
  for (let i = 0; i < word.length; i++) if (word.charCodeAt(i) !== foldCase(text.charCodeAt(start + i))) return false;
  return true;
}

/** A–Z to a–z; every other code as it is. */
export function foldCase(code: number): number {
  return code >= 65 && code <= 90 ? code + 32 : code;
}
