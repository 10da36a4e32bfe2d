// Growable typed arrays: the index build appends tens of millions of numbers without boxing one.

/** A copy of `array` in a longer one (twice as long unless told), the rest zero. */
export function grownInt32(array: Int32Array, length = array.length * 2): Int32Array<ArrayBuffer> {
  const grown = new Int32Array(length);
  grown.set(array);
  return grown;
}

/**
 * A list of integers in one typed array, grown by doubling and cleared without freeing: a scratch list reused by every
 * query allocates nothing once it has grown to its largest, where a new array per query would feed the garbage
 * collector megabytes (at a million entries, one young-generation collection every few queries).
 */
export class IntList {
  private items: Int32Array;
  length = 0;

  constructor(capacity = 1024) {
    this.items = new Int32Array(capacity);
  }

  push(value: number): void {
    if (this.length === this.items.length) this.items = grownInt32(this.items);
    this.items[this.length++] = value;
  }

  at(index: number): number {
    return this.items[index] ?? 0;
  }

  clear(): void {
    this.length = 0;
  }

  /** The items, as a view that the next change overwrites. */
  view(): Int32Array {
    return this.items.subarray(0, this.length);
  }
}
