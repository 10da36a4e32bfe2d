// Growable typed arrays: the index build appends tens of millions of numbers without boxing one.

/** A copy of `array` in a longer one (twice as long unless told), the rest zero. */
export function grownInt32(array: Int32Array, length = array.length * 2): Int32Array<ArrayBuffer> {
  const grown = new Int32Array(length);
  grown.set(array);
  return grown;
}
