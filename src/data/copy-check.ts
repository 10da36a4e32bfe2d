// The copy check: what we write must be in our own words, what we quote must be the article's words exactly.
import type { ArticleFileInput } from './schema.ts';
import { parseArticleFile, type DataProblem, type RawArticleFile } from './validate.ts';

/** This many consecutive words shared with the source text count as copied. */
export const COPY_RUN_WORDS = 12;

/** What the copy check found in one field of one entry. */
export interface CopyFinding {
  /** JSON path of the field, such as `facts[3].text` or `deals[0].notes[1]`. */
  readonly path: string;
  /** The id of the entry the field belongs to (the source's id for the source block). */
  readonly entry: string;
  /** The field inside the entry, such as `text` or `notes[1]`. */
  readonly field: string;
  /** `copied`: a run of words taken from the source; `not-verbatim`: a quote the source does not print as given. */
  readonly kind: 'copied' | 'not-verbatim';
  /** Words in the copied run, or in the quote. */
  readonly words: number;
  /** The copied run as the entry writes it, or the quote's text. */
  readonly excerpt: string;
  /** For a quote whose words are in the source with other punctuation, case or spacing: the source's own characters. */
  readonly printed?: string;
}

/** Messages of the copy check; tests import them. */
export const copyCheckMessages = Object.freeze({
  copied: (words: number, excerpt: string) =>
    `copies ${String(words)} consecutive words of the source text (“${shorten(excerpt)}”): say it in our own words (quotes belong in quotes)`,
  notVerbatim: 'is not in the source text: a quote must be the article’s words, character for character',
  altered: (printed: string) => `differs from the source text, which prints “${shorten(printed)}”: a quote must be copied character for character`,
});

interface Word {
  /** The word reduced to what copying cannot hide: lowercase, no accents, no apostrophes or abbreviation dots. */
  readonly key: string;
  readonly start: number;
  readonly end: number;
}

/** A source text read once, to check any number of entries against it. */
export interface PreparedSource {
  readonly text: string;
  readonly words: readonly Word[];
  /** Every run of COPY_RUN_WORDS words of the source, by its keys, with where it starts. */
  readonly runs: ReadonlyMap<string, readonly number[]>;
  /** The text with every stretch of whitespace made one space, for the character-for-character check of quotes. */
  readonly spaced: string;
}

// A word: letters, digits and their marks, joined by apostrophes (it’s) or dots (U.S., 3.5) but not by hyphens, so
// "deal-making" and "deal making" read alike.
const WORD = /[\p{L}\p{N}\p{M}]+(?:['’ʼ.][\p{L}\p{N}\p{M}]+)*/gu;

/** Splits text into words with their place in it; case, accents, curly or straight apostrophes and punctuation between words do not count. */
function wordsOf(text: string): Word[] {
  const words: Word[] = [];
  for (const match of text.matchAll(WORD)) {
    const key = match[0]
      .normalize('NFKD')
      .replace(/\p{M}/gu, '')
      .toLowerCase()
      .replace(/['’ʼ.]/g, '');
    words.push({ key, start: match.index, end: match.index + match[0].length });
  }
  return words;
}

function runKey(words: readonly Word[], start: number): string {
  return words
    .slice(start, start + COPY_RUN_WORDS)
    .map((word) => word.key)
    .join(' ');
}

function spaced(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Reads a source text (an article as .txt or .md) for the copy check. */
export function prepareSource(text: string): PreparedSource {
  const words = wordsOf(text);
  const runs = new Map<string, number[]>();
  for (let start = 0; start + COPY_RUN_WORDS <= words.length; start++) {
    const key = runKey(words, start);
    const starts = runs.get(key);
    if (starts) starts.push(start);
    else runs.set(key, [start]);
  }
  return { text, words, runs, spaced: spaced(text) };
}

/** Every maximal run of at least COPY_RUN_WORDS words that `text` shares, in order, with the source. */
function copiedRuns(source: PreparedSource, text: string): { excerpt: string; words: number }[] {
  const words = wordsOf(text);
  const found: { excerpt: string; words: number }[] = [];
  let at = 0;
  while (at + COPY_RUN_WORDS <= words.length) {
    let longest = 0;
    for (const start of source.runs.get(runKey(words, at)) ?? []) {
      let length = COPY_RUN_WORDS;
      while (at + length < words.length && words[at + length]?.key === source.words[start + length]?.key) length++;
      longest = Math.max(longest, length);
    }
    if (longest === 0) {
      at++;
      continue;
    }
    const first = words[at];
    const last = words[at + longest - 1];
    if (first && last) found.push({ excerpt: text.slice(first.start, last.end), words: longest });
    at += longest;
  }
  return found;
}

/** Where the quote's words stand in the source once case, punctuation and spacing are set aside, as the source prints them. */
function printedAs(source: PreparedSource, quote: string): string | undefined {
  const words = wordsOf(quote);
  const first = words[0];
  if (!first) return undefined;
  for (let start = 0; start + words.length <= source.words.length; start++) {
    if (words.every((word, offset) => word.key === source.words[start + offset]?.key)) {
      const from = source.words[start]?.start ?? 0;
      const to = source.words[start + words.length - 1]?.end ?? from;
      return source.text.slice(from, to);
    }
  }
  return undefined;
}

interface CheckedField {
  readonly path: string;
  readonly entry: string;
  readonly field: string;
  readonly text: string | undefined;
}

/** The fields written in our own words: every free text of an article except names, quotes and the article's own figures' wording. */
function ownWordsFields(article: ArticleFileInput): CheckedField[] {
  const fields: CheckedField[] = [];
  const add = (path: string, entry: string, field: string, text: string | undefined): void => {
    fields.push({ path: `${path}.${field}`, entry, field, text });
  };
  const addList = (path: string, entry: string, field: string, texts: readonly string[] | undefined): void => {
    (texts ?? []).forEach((text, i) => {
      add(path, entry, `${field}[${String(i)}]`, text);
    });
  };
  const { source } = article;
  add('source', source.id, 'subject', source.subject);
  add('source', source.id, 'summary', source.summary);
  (article.entities ?? []).forEach((entity, i) => {
    add(`entities[${String(i)}]`, entity.id, 'role', entity.role);
    add(`entities[${String(i)}]`, entity.id, 'description', entity.description);
  });
  (article.quotes ?? []).forEach((quote, i) => {
    add(`quotes[${String(i)}]`, quote.id, 'context', quote.context);
    add(`quotes[${String(i)}]`, quote.id, 'dateNote', quote.dateNote);
  });
  (article.deals ?? []).forEach((deal, i) => {
    const path = `deals[${String(i)}]`;
    for (const field of ['title', 'partiesNote', 'counterpartiesNote', 'category', 'dateNote'] as const) add(path, deal.id, field, deal[field]);
    addList(path, deal.id, 'notes', deal.notes);
    addList(path, deal.id, 'caveats', deal.caveats);
  });
  (article.facts ?? []).forEach((fact, i) => {
    add(`facts[${String(i)}]`, fact.id, 'text', fact.text);
    add(`facts[${String(i)}]`, fact.id, 'dateNote', fact.dateNote);
  });
  return fields;
}

/**
 * Checks an article against the text it was extracted from: every run of COPY_RUN_WORDS or more words copied into a
 * field written in our own words, and every quote the text does not print character for character (whitespace aside).
 * Case, accents, curly or straight quotes and apostrophes, and punctuation between words do not hide a copied run.
 */
export function checkArticleCopies(source: PreparedSource, article: ArticleFileInput): CopyFinding[] {
  const findings: CopyFinding[] = [];
  for (const field of ownWordsFields(article)) {
    if (field.text === undefined) continue;
    for (const run of copiedRuns(source, field.text)) {
      findings.push({ path: field.path, entry: field.entry, field: field.field, kind: 'copied', words: run.words, excerpt: run.excerpt });
    }
  }
  (article.quotes ?? []).forEach((quote, i) => {
    if (source.spaced.includes(spaced(quote.text))) return;
    const printed = printedAs(source, quote.text);
    findings.push({
      path: `quotes[${String(i)}].text`,
      entry: quote.id,
      field: 'text',
      kind: 'not-verbatim',
      words: wordsOf(quote.text).length,
      excerpt: quote.text,
      ...(printed === undefined ? {} : { printed }),
    });
  });
  return findings;
}

/** A finding as a moderator reads it, after its `file: json.path:`. */
export function describeCopyFinding(finding: CopyFinding): string {
  if (finding.kind === 'copied') return copyCheckMessages.copied(finding.words, finding.excerpt);
  return finding.printed === undefined ? copyCheckMessages.notVerbatim : copyCheckMessages.altered(finding.printed);
}

/**
 * The copy check of article files as validation problems (`file: json.path: message`). A file that does not parse
 * has none: its schema problems are reported by validation, and the copy check runs once they are fixed.
 */
export function copyProblems(sourceText: string, files: readonly RawArticleFile[]): DataProblem[] {
  const source = prepareSource(sourceText);
  return files.flatMap((raw) => {
    const article = parseArticleFile(raw).document?.article;
    if (!article) return [];
    return checkArticleCopies(source, article).map((finding) => ({ file: raw.file, path: finding.path, message: describeCopyFinding(finding) }));
  });
}

/** Long excerpts keep their first and last words: enough to find them, short enough for a reply. */
function shorten(text: string, max = 120): string {
  if (text.length <= max) return text;
  return `${text.slice(0, Math.floor(max * 0.6)).trimEnd()} … ${text.slice(text.length - Math.floor(max * 0.3)).trimStart()}`;
}
