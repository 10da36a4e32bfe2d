// The index reads a text's words in place, without cutting strings, for speed: it must read exactly the words that
// `tokenize` (what a query goes through) reads, or an entry would stop matching the query that names it.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateDataset, rawFiles } from '../../bench/synthetic.ts';
import { BUNDLED_DATA_DIR } from '../../src/config.ts';
import { normalizeForSearch, searchTokens, tokenize } from '../../src/search/normalize.ts';
import { TermIndexBuilder } from '../../src/search/term-index.ts';
import { runSteps } from '../../src/util/slices.ts';

/** Every string in a JSON value. */
function stringsOf(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(stringsOf);
  if (value !== null && typeof value === 'object') return Object.values(value).flatMap(stringsOf);
  return [];
}

/** Texts that take each way through the index's reader: plain, typographic, amounts, abbreviations, other scripts. */
const TRICKY_TEXTS = [
  'Kazakhstan agreed to buy 300 locomotives from Wabtec',
  'Tokayev’s “new Kazakhstan” — a phrase… he repeats',
  'The U.S. and the U.S.S.R. signed',
  'the U.S… it said',
  'a.b. c.d.e. x.y z.',
  'a deal worth $4 billion, or 4bn, or US$4,000,000,000',
  'worth $4\u00a0billion in all',
  'worth $4 –billion, a $4–5 billion range',
  'ten dollars, two euros and one dollar',
  '“Dollars” — or euros?',
  'Токаев встретился с Трампом',
  'Mirziyoyev of Uzbekistan and Ilham Əliyev',
  'Straße, café, naïve',
  'Q3 2025: 1.5% growth, 10k units, 2m tons',
  '\u00abquoted\u00bb \u2022 bullet \u00b7 dot \u201alow\u201b \u02bcokina',
  '',
  '   ',
  '...',
  'UPPER lower MiXeD',
];

/**
 * The texts whose words, as the index read them, are not the words `tokenize` reads (the same set, the same count).
 * `joined`: the texts are read as spans of one string, as a text thread reads them.
 */
function misreadings(texts: readonly string[], joined = false): { text: string; expected: string[]; read: string[] }[] {
  const builder = new TermIndexBuilder(texts.length);
  const all = texts.join('');
  let start = 0;
  texts.forEach((text, document) => {
    if (joined) builder.addSpan(document, 2, all, start, (start += text.length));
    else builder.add(document, 2, text);
  });
  const index = runSteps(builder.finish());
  const read = texts.map((): string[] => []);
  index.words.forEach((word, id) => {
    for (const document of index.documentsOf(id, 2)) read[document]?.push(word);
  });
  return texts.flatMap((text, document) => {
    const expected = tokenize(text);
    const found = (read[document] ?? []).sort();
    const same = found.join(' ') === [...new Set(expected)].sort().join(' ') && index.fieldLength(document, 2) === Math.min(expected.length, 255);
    return same ? [] : [{ text, expected, read: found }];
  });
}

/** Every string of the bundled articles. */
function bundledTexts(): string[] {
  return readdirSync(BUNDLED_DATA_DIR, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.json'))
    .flatMap((name) => stringsOf(JSON.parse(readFileSync(join(BUNDLED_DATA_DIR, name), 'utf8'))));
}

describe('text with typographic punctuation', () => {
  it('given curly quotes, dashes, ellipses and the like, then tokenize reads the words the Unicode way reads', () => {
    const texts = [...TRICKY_TEXTS, ...bundledTexts()].filter((text) => /[\u0080-\uffff]/.test(text));
    expect(texts.length).toBeGreaterThan(50);
    const differing = texts.filter((text) => tokenize(text).join(' ') !== searchTokens(normalizeForSearch(text)).join(' '));
    expect(differing).toEqual([]);
  });
});

describe('the index reads words as a query does', () => {
  it('given texts of every shape (typographic quotes, amounts, abbreviations, Cyrillic), then it reads the same words', () => {
    expect(misreadings(TRICKY_TEXTS)).toEqual([]);
  });

  it('given every text of the bundled data, then it reads the same words', () => {
    const texts = bundledTexts();
    expect(texts.length).toBeGreaterThan(500);
    expect(misreadings(texts)).toEqual([]);
  });

  it('given the texts of a generated archive, then it reads the same words', () => {
    const texts = rawFiles(generateDataset({ size: 2_000, seed: 7 })).flatMap((file) => stringsOf(JSON.parse(file.text)));
    expect(misreadings(texts)).toEqual([]);
  });

  it('given texts joined in one string, as a text thread gets them, then it reads each text’s words and no others', () => {
    // Words cut at a text's end ("rail" + "way") and abbreviations spanning two texts ("u." + "s.") stay apart.
    const texts = [...TRICKY_TEXTS, 'rail', 'way', 'the u.', 's. said', ...bundledTexts()];
    expect(misreadings(texts, true)).toEqual([]);
  });
});
