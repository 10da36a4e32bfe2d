// Finds the passages in quotation marks, character for character, and tells words someone said from titles and terms.
import { TEXT_LIMITS } from '../data/schema.ts';
import { draftMessages } from './messages.ts';
import { NOT_SPOKEN_CUES, PERSON_ROLE_NOUNS, SOURCE_NOUNS, TITLE_NOUNS, TITLE_SMALL_WORDS } from './words.ts';

/** Nouns for people: "what the president called “…”" is speech; "what the bill calls “…”" is a term. */
const PERSON_WORDS: ReadonlySet<string> = new Set([...PERSON_ROLE_NOUNS, ...SOURCE_NOUNS, 'they']);

/** One passage between quotation marks. */
export interface QuoteSpan {
  readonly paragraph: number;
  /** Offset of the opening mark in the paragraph. */
  readonly open: number;
  /** Offset of the closing mark, or the paragraph's length when the quotation runs on into the next paragraph. */
  readonly close: number;
  /** False when the quotation runs on: news style leaves such a paragraph open and reopens the next one. */
  readonly closed: boolean;
  /** The words as the dataset keeps them: trimmed, without a trailing comma that belongs to the reporter's sentence. */
  readonly text: string;
}

export interface QuoteScan {
  readonly spans: readonly QuoteSpan[];
  readonly problems: readonly string[];
}

interface Marks {
  readonly opens: string;
  readonly closes: string;
  readonly straight: string;
}

const DOUBLE: Marks = { opens: '“„«', closes: '”»', straight: '"' };
const SINGLE: Marks = { opens: '‘‚', closes: '’', straight: "'" };

const LETTER = /\p{L}/u;
const SPACE_BEFORE_OPENING = /[\s([{\u2014\u2013/-]/u;

/**
 * Finds every quotation in the article. Double marks are the quotation marks; single marks inside them are a quote
 * within the quote and stay part of its text. An article that never uses double marks is read British-style, with
 * single marks as quotation marks and apostrophes told apart by the letters around them.
 */
export function findQuotations(paragraphs: readonly string[]): QuoteScan {
  const usesDouble = paragraphs.some((paragraph) => /[“„«"]/.test(paragraph));
  const marks = usesDouble ? DOUBLE : SINGLE;
  const spans: QuoteSpan[] = [];
  const problems: string[] = [];
  paragraphs.forEach((paragraph, index) => {
    const next = paragraphs[index + 1]?.trimStart() ?? '';
    const runsOn = next !== '' && (marks.opens.includes(next.charAt(0)) || next.charAt(0) === marks.straight);
    scanParagraph(paragraph, index, marks, runsOn, spans, problems);
  });
  spans.sort((a, b) => a.paragraph - b.paragraph || a.open - b.open);
  return { spans, problems };
}

function scanParagraph(text: string, paragraph: number, marks: Marks, runsOn: boolean, spans: QuoteSpan[], problems: string[]): void {
  const open: { at: number; mark: string }[] = [];
  const pairs: { open: number; close: number }[] = [];
  const number = paragraph + 1;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charAt(i);
    const before = i > 0 ? text.charAt(i - 1) : ' ';
    const after = i + 1 < text.length ? text.charAt(i + 1) : ' ';
    const top = open[open.length - 1];
    const isOpening = marks.opens.includes(ch);
    const isClosing = marks.closes.includes(ch);
    const isStraight = ch === marks.straight;
    if (!isOpening && !isClosing && !isStraight) continue;
    // In British style an apostrophe (don’t, Kazakhstan’s) sits between letters and is no quotation mark.
    if (marks === SINGLE && (isClosing || isStraight) && LETTER.test(before) && LETTER.test(after)) continue;
    // British style: "the traders' patience" ends a plural possessive, not the quotation, when the quotation
    // closes later in the paragraph before anything else opens.
    if (marks === SINGLE && top && before === 's' && after === ' ' && closesLater(text, i + 1)) continue;
    if (isOpening) {
      // „…“ is German style; an opening mark followed by a space is a closing mark typed the wrong way round.
      const closesGerman = top?.mark === '„' && ch === '“';
      if (top && (closesGerman || /\s/.test(after))) {
        pairs.push({ open: top.at, close: i });
        open.pop();
      } else {
        open.push({ at: i, mark: ch });
      }
    } else if (isClosing) {
      if (top) {
        pairs.push({ open: top.at, close: i });
        open.pop();
      } else if (marks === DOUBLE || !LETTER.test(before)) problems.push(draftMessages.strayClosing(number, excerptBefore(text, i)));
    } else if (top?.mark === ch) {
      pairs.push({ open: top.at, close: i });
      open.pop();
    } else if (!/\s/.test(after) && SPACE_BEFORE_OPENING.test(before)) {
      open.push({ at: i, mark: ch });
    } else if (marks === DOUBLE) {
      problems.push(draftMessages.strayClosing(number, excerptBefore(text, i)));
    }
  }
  const outer = open[0];
  if (outer && runsOn && open.length === 1) pairs.push({ open: outer.at, close: text.length });
  else if (outer) problems.push(draftMessages.unbalanced(number, excerptAfter(text, outer.at)));

  // A pair inside another is a quote within the quote: it stays part of the outer quotation's text.
  pairs.sort((a, b) => a.open - b.open);
  let reach = -1;
  for (const pair of pairs) {
    const nested = reach > pair.close;
    reach = Math.max(reach, pair.close);
    if (nested) continue;
    const raw = text.slice(pair.open + 1, pair.close);
    const trimmed = raw.trim().replace(/\s*,$/, '').trim();
    if (!/[\p{L}\p{N}]/u.test(trimmed)) continue;
    if (trimmed.length > TEXT_LIMITS.quote) {
      problems.push(draftMessages.quoteTooLong(number, trimmed.length, TEXT_LIMITS.quote));
      continue;
    }
    spans.push({ paragraph, open: pair.open, close: pair.close, closed: pair.close < text.length, text: trimmed });
  }
}

function closesLater(text: string, from: number): boolean {
  const rest = text.slice(from);
  const closing = /[’'](?=[\s.,;:!?)]|$)/u.exec(rest);
  const opening = /(?:^|[\s(])[‘']\p{L}/u.exec(rest);
  return closing !== null && (opening === null || opening.index > closing.index);
}

function excerptAfter(text: string, at: number): string {
  const rest = text.slice(at + 1, at + 40).trim();
  return at + 40 < text.length ? `${rest}…` : rest;
}

function excerptBefore(text: string, at: number): string {
  const start = Math.max(0, at - 40);
  return `${start > 0 ? '…' : ''}${text.slice(start, at).trim()}`;
}

/**
 * "statement" when the quotation stands as a sentence of its own: it starts with a capital and opens the sentence
 * or follows an attribution ending in a comma or colon; otherwise it is a fragment of the reporter's sentence.
 */
export function quoteForm(paragraph: string, span: QuoteSpan, sentenceStart: number): 'statement' | 'fragment' {
  const first = /[\p{L}\p{N}]/u.exec(span.text)?.[0] ?? '';
  if (!/\p{Lu}|\p{N}/u.test(first)) return 'fragment';
  const before = paragraph.slice(Math.min(sentenceStart, span.open), span.open).trim();
  return before === '' || /[,:\u2014]$/.test(before) ? 'statement' : 'fragment';
}

export type NotSpoken = 'title' | 'term' | 'nickname';

/**
 * Why a quotation is not anyone's words, when it is not: a title in Title Case ("the “Freedom in the World” index"),
 * a term introduced by "so-called", "known as", "dubbed"…, or a nickname inside a name (Joaquín “El Chapo” Guzmán).
 */
export function notSpoken(paragraph: string, span: QuoteSpan): NotSpoken | undefined {
  if (!span.closed) return undefined;
  const before = paragraph.slice(Math.max(0, span.open - 30), span.open).toLowerCase().replace(/\s+/g, ' ').trimEnd();
  const after = paragraph.slice(span.close + 1, span.close + 40);
  if (NOT_SPOKEN_CUES.some((cue) => before.endsWith(cue) || before.endsWith(`${cue} the`) || before.endsWith(`${cue} a`))) return 'term';
  // "a bill that would punish what it called “…”": a thing that names, not a person who speaks, gives a term.
  const namer = /\bwhat ((?:it|they|the \w+)(?: \w+)?) (?:calls|called|call|terms|termed|dubs|dubbed)$/.exec(before)?.[1];
  if (namer && !PERSON_WORDS.has(namer.split(' ').pop() ?? '')) return 'term';
  const words = span.text.split(/\s+/);
  const nameBefore = /\p{Lu}[\p{L}’'-]*$/u.test(paragraph.slice(Math.max(0, span.open - 60), span.open).trimEnd());
  if (nameBefore && /^\s\p{Lu}/u.test(after) && words.length <= 4 && !/[,.!?]/.test(span.text)) return 'nickname';
  if (isTitleCase(words) && !/^\s*[,—–-]/.test(after) && !/[.!]$/.test(span.text)) {
    const nextWord = /^\s*([\p{L}-]+)/u.exec(after)?.[1]?.toLowerCase() ?? '';
    const significant = words.filter((word) => !TITLE_SMALL_WORDS.has(word.toLowerCase()));
    if (significant.length >= 2 || TITLE_NOUNS.has(nextWord)) return 'title';
  }
  return undefined;
}

function isTitleCase(words: readonly string[]): boolean {
  const first = words[0] ?? '';
  if (!/^\p{Lu}/u.test(first)) return false;
  return words.every((word, i) => {
    const bare = word.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
    if (!bare) return true;
    if (i > 0 && TITLE_SMALL_WORDS.has(bare.toLowerCase())) return true;
    return /^[\p{Lu}\p{N}]/u.test(bare);
  });
}
