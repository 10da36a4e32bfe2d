// Dates as the article writes them ("Thursday", "last month", "Nov. 6") resolved against its publication date.
import { draftMessages } from './messages.ts';

export interface ResolvedDate {
  /** YYYY, YYYY-MM or YYYY-MM-DD; absent when the expression gives no usable date. */
  readonly date?: string;
  readonly note: string;
}

const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MONTH = '(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?';
const PART_OF_DAY = '(?:\\s+(?:morning|afternoon|evening|night))?';

const pad = (n: number): string => String(n).padStart(2, '0');
const iso = (date: Date): string => `${String(date.getUTCFullYear())}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
const monthIndex = (name: string): number => MONTHS.indexOf(name.slice(0, 3).toLowerCase());

/** True for a real calendar date written YYYY-MM-DD (2026-02-30 is not). */
export function isCalendarDate(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && iso(date) === text;
}

/**
 * Resolves a date expression against the publication date (YYYY-MM-DD). Weekdays are the latest such day on or
 * before publication, as news writing uses them; a month without a year is the latest such month. Returns
 * undefined when the words are not a date.
 */
export function resolveDate(expression: string, published: string): ResolvedDate | undefined {
  const words = expression.trim().replace(/\s+/g, ' ');
  const text = words.toLowerCase();
  const base = new Date(`${published}T00:00:00Z`);
  const year = base.getUTCFullYear();
  const month = base.getUTCMonth();
  // A quote cannot be dated after its article: such a date is a plan or a misreading, and is left out.
  const resolved = (date: string): ResolvedDate =>
    date > published.slice(0, date.length) ? { note: draftMessages.dateAfterPublication(words) } : { date, note: draftMessages.dateResolved(words, published) };
  const shifted = (days: number): string => iso(new Date(base.getTime() - days * 86_400_000));

  const weekday = new RegExp(`^(?:on |last |this |early |late )?(${WEEKDAYS.join('|')})${PART_OF_DAY}$`).exec(text);
  if (weekday?.[1]) {
    let days = (base.getUTCDay() - WEEKDAYS.indexOf(weekday[1]) + 7) % 7;
    if (days === 0 && text.startsWith('last ')) days = 7;
    return resolved(shifted(days));
  }
  if (new RegExp(`^(?:today|tonight|this (?:morning|afternoon|evening))$`).test(text)) return resolved(published);
  if (new RegExp(`^yesterday${PART_OF_DAY}$`).test(text)) return resolved(shifted(1));
  if (/^(?:last|this|earlier this|later this|next) week(?:end)?$/.test(text)) return { note: draftMessages.dateNoDay(words) };
  if (/^(?:earlier |late |early )?this month$/.test(text)) return resolved(`${String(year)}-${pad(month + 1)}`);
  if (/^last month$/.test(text)) return resolved(month === 0 ? `${String(year - 1)}-12` : `${String(year)}-${pad(month)}`);
  if (/^(?:earlier )?this year$/.test(text)) return resolved(String(year));
  if (/^last year$/.test(text)) return resolved(String(year - 1));
  if (/^(?:next|tomorrow)\b/.test(text)) return { note: draftMessages.dateNoDay(words) };

  const monthFirst = new RegExp(`^(?:in |on |early |late |mid-|since )?${MONTH}(?: (\\d{1,2})(?:st|nd|rd|th)?)?(?:,? (\\d{4}))?$`).exec(text);
  const dayFirst = new RegExp(`^(?:on )?(\\d{1,2}) ${MONTH}(?: (\\d{4}))?$`).exec(text);
  const parts = monthFirst ? { m: monthFirst[1], d: monthFirst[2], y: monthFirst[3] } : dayFirst ? { m: dayFirst[2], d: dayFirst[1], y: dayFirst[3] } : undefined;
  if (parts?.m) {
    const m = monthIndex(parts.m);
    // A month later in the year than publication, without a year, is last year's.
    const y = parts.y ? Number(parts.y) : m <= month ? year : year - 1;
    const date = parts.d ? `${String(y)}-${pad(m + 1)}-${pad(Number(parts.d))}` : `${String(y)}-${pad(m + 1)}`;
    if (parts.d && !isCalendarDate(date)) return undefined;
    return resolved(date);
  }
  const onlyYear = /^(?:in )?(\d{4})$/.exec(text);
  if (onlyYear?.[1] && Number(onlyYear[1]) > 1800) return resolved(onlyYear[1]);
  if (/^\d{4}-\d{2}-\d{2}$/.test(text) && isCalendarDate(text)) return resolved(text);
  return undefined;
}
