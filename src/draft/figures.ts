// Money amounts and counts, with the sentence each occurs in, offered to moderators as candidates for deals and facts.
import type { AnalysedParagraph, NumericSpan } from './language.ts';
import type { QuoteSpan } from './quotes.ts';

export interface FigureCandidate {
  readonly kind: 'money' | 'count';
  /** As printed: "$4 billion", "300", "dozens". */
  readonly text: string;
  readonly amount?: number;
  /** ISO 4217 code for money. */
  readonly currency?: string;
  /** "up to", "as many as", "about"… */
  readonly qualifier?: string;
  /** What is counted: "locomotives", "political prisoners". */
  readonly unit?: string;
  /** The article's sentence, for the moderator to read; never copied into the draft. */
  readonly sentence: string;
  readonly paragraph: number;
}

const CURRENCY_SYMBOLS: Readonly<Record<string, string>> = { $: 'USD', '€': 'EUR', '£': 'GBP', '¥': 'JPY', '₽': 'RUB', '₹': 'INR' };
const CURRENCY_WORDS: Readonly<Record<string, string>> = {
  dollar: 'USD', dollars: 'USD', euro: 'EUR', euros: 'EUR', pound: 'GBP', pounds: 'GBP', yen: 'JPY', yuan: 'CNY', renminbi: 'CNY',
  ruble: 'RUB', rubles: 'RUB', roubles: 'RUB', rupee: 'INR', rupees: 'INR', tenge: 'KZT', hryvnia: 'UAH', hryvnias: 'UAH',
};
const SCALES: Readonly<Record<string, number>> = { thousand: 1e3, k: 1e3, million: 1e6, m: 1e6, mn: 1e6, billion: 1e9, bn: 1e9, b: 1e9, trillion: 1e12, tn: 1e12 };
const VAGUE_COUNTS = /^(dozens|hundreds|thousands|millions|billions|tens of thousands|hundreds of thousands)$/i;
const QUALIFIERS = ['as many as', 'up to', 'more than', 'less than', 'fewer than', 'at least', 'nearly', 'almost', 'about', 'around', 'roughly', 'approximately', 'some', 'over', 'under'];

/** Every amount of money and every count in the article, outside its quotations. */
export function findFigures(paragraphs: readonly AnalysedParagraph[], quotes: readonly QuoteSpan[]): FigureCandidate[] {
  const figures: FigureCandidate[] = [];
  for (const [index, paragraph] of paragraphs.entries()) {
    const quoted = quotes.filter((span) => span.paragraph === index);
    for (const span of paragraph.spans) {
      if (quoted.some((quote) => span.start > quote.open && span.end <= quote.close)) continue;
      const sentence = paragraph.sentences.find((s) => s.start <= span.start && s.end >= span.end);
      if (!sentence) continue;
      const sentenceText = paragraph.text.slice(sentence.start, sentence.end);
      const before = paragraph.text.slice(sentence.start, span.start).toLowerCase().trimEnd();
      const qualifier = QUALIFIERS.find((words) => before.endsWith(` ${words}`) || before === words);
      const after = paragraph.text.slice(span.end, sentence.end);
      const figure = span.kind === 'MONEY' ? money(span) : span.kind === 'CARDINAL' ? count(span, after) : undefined;
      if (figure) figures.push({ ...figure, ...(qualifier ? { qualifier } : {}), sentence: sentenceText, paragraph: index });
    }
    // Amounts the model does not tag as money ("€1.2 billion"): a currency symbol before a number.
    for (const match of paragraph.text.matchAll(/[$€£¥₽₹]\s?\d[\d,]*(?:\.\d+)?(?:\s?(?:thousand|million|billion|trillion|bn|m)\b)?/g)) {
      const start = match.index;
      const end = start + match[0].length;
      if (paragraph.spans.some((span) => span.kind === 'MONEY' && span.start < end && span.end > start)) continue;
      if (quoted.some((quote) => start > quote.open && end <= quote.close)) continue;
      const sentence = paragraph.sentences.find((s) => s.start <= start && s.end >= end);
      const figure = money({ kind: 'MONEY', paragraph: index, start, end, text: match[0] });
      if (sentence && figure) figures.push({ ...figure, sentence: paragraph.text.slice(sentence.start, sentence.end), paragraph: index });
    }
  }
  return figures;
}

function money(span: NumericSpan): Omit<FigureCandidate, 'sentence' | 'paragraph'> | undefined {
  const match = /^([$€£¥₽₹])?\s*([\d,]+(?:\.\d+)?)\s*([a-z]+)?\s*([a-z]+)?$/i.exec(span.text);
  if (!match?.[2]) return { kind: 'money', text: span.text };
  const scale = SCALES[(match[3] ?? '').toLowerCase()] ?? 1;
  const currency = match[1] ? CURRENCY_SYMBOLS[match[1]] : CURRENCY_WORDS[(match[4] ?? match[3] ?? '').toLowerCase()];
  const amount = Number(match[2].replace(/,/g, '')) * scale;
  return { kind: 'money', text: span.text, ...(Number.isFinite(amount) && amount > 0 ? { amount } : {}), ...(currency ? { currency } : {}) };
}

function count(span: NumericSpan, after: string): Omit<FigureCandidate, 'sentence' | 'paragraph'> | undefined {
  const digits = /^[\d,]+(?:\.\d+)?$/.test(span.text);
  if (!digits && !VAGUE_COUNTS.test(span.text)) return undefined;
  // "billions of dollars" is money in the article's own words.
  const ofMoney = /^\s+of\s+(dollars|euros|pounds|rubles|yuan|yen)\b/i.exec(after);
  if (ofMoney?.[1]) return { kind: 'money', text: `${span.text}${ofMoney[0]}`, currency: CURRENCY_WORDS[ofMoney[1].toLowerCase()] ?? 'USD' };
  const unit = /^\s+(?:of\s+)?((?:[A-Za-z][\w-]*\s+){0,3}?[a-z][\w-]*s)\b/.exec(after)?.[1];
  if (!unit) return undefined;
  const value = digits ? Number(span.text.replace(/,/g, '')) : undefined;
  // A bare four-digit number before a plural is still a count; one standing alone is a year.
  return { kind: 'count', text: span.text, ...(value !== undefined ? { amount: value } : {}), unit };
}
