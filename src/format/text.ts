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

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "2025-11-06" → "6 Nov 2025", "2025-08" → "Aug 2025", "2023" → "2023". */
export function formatPartialDate(date: string): string {
  const [year, month, day] = date.split('-');
  const monthName = month ? MONTHS[Number(month) - 1] : undefined;
  if (day && monthName) return `${Number(day)} ${monthName} ${year ?? ''}`;
  if (monthName) return `${monthName} ${year ?? ''}`;
  return year ?? date;
}

const CURRENCY_SYMBOLS: Readonly<Record<string, string>> = Object.freeze({ USD: '$', EUR: '€', GBP: '£' });

/** "up to $2 billion", "$4 billion", "billions of dollars". */
export function formatMoney(money: Money): string {
  if (money.amount === undefined) return money.text ?? '';
  const figure = formatLargeNumber(money.amount);
  const currency = money.currency ?? '';
  const symbol = CURRENCY_SYMBOLS[currency];
  const amount = symbol ? `${symbol}${figure}` : `${figure} ${currency}`.trim();
  return [money.qualifier, amount].filter(Boolean).join(' ');
}

/** "as many as 22 Boeing Dreamliner jets", "dozens of Boeing airplanes". */
export function formatQuantity(quantity: Quantity): string {
  if (quantity.count === undefined) return `${quantity.text ?? ''} of ${quantity.unit}`.trim();
  return [quantity.qualifier, quantity.count.toLocaleString('en-US'), quantity.unit].filter(Boolean).join(' ');
}

/** 4000000000 → "4 billion", 1242 → "1,242". */
export function formatLargeNumber(value: number): string {
  const scales: [number, string][] = [
    [1e12, 'trillion'],
    [1e9, 'billion'],
    [1e6, 'million'],
  ];
  for (const [scale, word] of scales) {
    if (Math.abs(value) >= scale) return `${Number((value / scale).toFixed(2)).toLocaleString('en-US')} ${word}`;
  }
  return value.toLocaleString('en-US');
}

/** "A, B and C". */
export function joinNames(names: readonly string[]): string {
  if (names.length <= 1) return names[0] ?? '';
  return `${names.slice(0, -1).join(', ')} and ${names.at(-1) ?? ''}`;
}
