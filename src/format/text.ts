// Text for embeds: escaped so data can never format or mention, truncated cleanly, dates and money written for people.
import type { Money, Quantity } from '../data/schema.ts';

const ELLIPSIS = '…';

// Characters that format text, open masked links or write mentions anywhere in a line...
const INLINE_MARKDOWN = /[\\*_~`|<[\]]/g;
// ...and those that only matter at the start of a line: block quotes, headings, lists.
const LINE_START_MARKDOWN = /^(\s*)([>#-])/gm;
const LINE_START_NUMBERED = /^(\s*\d+)\./gm;

/** Escapes Discord markdown and mention syntax in text that comes from data or users. */
export function escapeMarkdown(text: string): string {
  return text
    .replace(INLINE_MARKDOWN, '\\$&')
    .replace(LINE_START_MARKDOWN, '$1\\$2')
    .replace(LINE_START_NUMBERED, '$1\\.');
}

/** Undoes escapeMarkdown, for renderers that show the text outside Discord. */
export function unescapeMarkdown(text: string): string {
  return text.replace(/\\([\\*_~`|<[\]>#.-])/g, '$1');
}

/**
 * Shortens text to at most `max` UTF-16 units (what Discord counts), preferring a word boundary, ending with "…",
 * and never splitting a surrogate pair or leaving a dangling escape backslash.
 */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 0) return '';
  if (max === 1) return ELLIPSIS;
  let cut = max - 1;
  const code = text.charCodeAt(cut - 1);
  if (code >= 0xd800 && code <= 0xdbff) cut -= 1;
  let head = text.slice(0, cut);
  const space = head.lastIndexOf(' ');
  if (space >= cut * 0.6) head = head.slice(0, space);
  head = head.replace(/\\+$/, (slashes) => (slashes.length % 2 === 0 ? slashes : slashes.slice(1))).trimEnd();
  return `${head}${ELLIPSIS}`;
}

/** Escapes then truncates: the usual way data text enters an embed. */
export function fit(text: string, max: number): string {
  return truncate(escapeMarkdown(text), max);
}

/** How numbers read in one language: a catalogue's `format` (src/locale/). */
export interface NumberWords {
  number(value: number): string;
  readonly scales: { readonly trillion: string; readonly billion: string; readonly million: string };
  /** A quantity the article gives in words: "dozens of Boeing airplanes". */
  quantityInWords(text: string, unit: string): string;
}

const CURRENCY_SYMBOLS: Readonly<Record<string, string>> = Object.freeze({ USD: '$', EUR: '€', GBP: '£' });

/** "up to $2 billion", "$4 billion", "billions of dollars" (qualifiers and wording are the article's own). */
export function formatMoney(money: Money, words: NumberWords): string {
  if (money.amount === undefined) return money.text ?? '';
  const figure = formatLargeNumber(money.amount, words);
  const currency = money.currency ?? '';
  const symbol = CURRENCY_SYMBOLS[currency];
  const amount = symbol ? `${symbol}${figure}` : `${figure} ${currency}`.trim();
  return [money.qualifier, amount].filter(Boolean).join(' ');
}

/** "as many as 22 Boeing Dreamliner jets", "dozens of Boeing airplanes". */
export function formatQuantity(quantity: Quantity, words: NumberWords): string {
  if (quantity.count === undefined) return words.quantityInWords(quantity.text ?? '', quantity.unit).trim();
  return [quantity.qualifier, words.number(quantity.count), quantity.unit].filter(Boolean).join(' ');
}

/** 4000000000 → "4 billion", 1242 → "1,242". */
export function formatLargeNumber(value: number, words: NumberWords): string {
  const scales: [number, string][] = [
    [1e12, words.scales.trillion],
    [1e9, words.scales.billion],
    [1e6, words.scales.million],
  ];
  for (const [scale, word] of scales) {
    if (Math.abs(value) >= scale) return `${words.number(Number((value / scale).toFixed(2)))} ${word}`;
  }
  return words.number(value);
}
