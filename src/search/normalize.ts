// One spelling for matching: lowercase, no diacritics, typographic punctuation made plain, Cyrillic in Latin letters.

// Russian, Kazakh, Uzbek, Ukrainian and Belarusian letters to the Latin spelling users most often type.
// Both the data and the query pass through this, so "Токаев" meets the alias "Tokaev" and vice versa.
const CYRILLIC_TO_LATIN: Readonly<Record<string, string>> = Object.freeze({
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ё: 'yo', ж: 'zh', з: 'z', и: 'i', й: 'y', к: 'k', л: 'l', м: 'm',
  н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'kh', ц: 'ts', ч: 'ch', ш: 'sh', щ: 'shch',
  ъ: '', ы: 'y', ь: '', э: 'e', ю: 'yu', я: 'ya',
  қ: 'q', ғ: 'g', ү: 'u', ұ: 'u', ң: 'n', ө: 'o', һ: 'h', ә: 'a', і: 'i', ї: 'yi', є: 'ye', ґ: 'g', ў: 'u', ҳ: 'h', ҷ: 'j',
});

const CYRILLIC = /[\u0400-\u04FF]/;
/** CYRILLIC_TO_LATIN by the letter's code in the Cyrillic block, U+0400 to U+04FF. */
const LATIN_OF_CYRILLIC: readonly (string | undefined)[] = Array.from({ length: 0x100 }, (_, offset) => CYRILLIC_TO_LATIN[String.fromCharCode(0x400 + offset)]);

// Latin letters that are not a base letter plus a mark, so stripping diacritics leaves them alone.
const LATIN_LETTERS: Readonly<Record<string, string>> = Object.freeze({
  ə: 'e', ı: 'i', ł: 'l', ø: 'o', đ: 'd', ð: 'd', æ: 'ae', œ: 'oe', ß: 'ss', þ: 'th', ŋ: 'n',
});
const SPECIAL_LATIN = /[əıłøđðæœßþŋ]/g;

// Plain ASCII (most of any English dataset) needs none of the Unicode work below: a fast path keeps
// building a 100,000-entry index in budget.
// eslint-disable-next-line no-control-regex -- the ASCII range includes control codes by definition
const ASCII = /^[\u0000-\u007f]*$/;
const ABBREVIATION = /(?<![\p{L}\p{N}])(?:\p{L}\.){2,}/gu;
// A cheap test before the Unicode-aware one: most text has periods, few have "x.y." in them.
const MAYBE_ABBREVIATION = /[a-z]\.[a-z]\./;

/** Normalises text for matching; the same function is applied to data and to queries. */
export function normalizeForSearch(text: string): string {
  let value = text.toLowerCase();
  // Transliterated Cyrillic is usually plain ASCII then, and takes the fast path too.
  if (CYRILLIC.test(value)) value = transliterate(value);
  if (ASCII.test(value)) {
    if (value.includes('.')) value = value.replace(ABBREVIATION, (abbreviation) => abbreviation.replaceAll('.', ''));
    return value.replace(/\s+/g, ' ').trim();
  }
  return value
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(/[‘’ʼ`´]/g, "'")
    .replace(/[“”«»„]/g, '"')
    .replace(/[‐‑‒–—―]/g, '-')
    .replace(SPECIAL_LATIN, (char) => LATIN_LETTERS[char] ?? char)
    // "U.S.", "A.I.", "L.G.B.T." are typed as "us", "ai", "lgbt".
    .replace(ABBREVIATION, (abbreviation) => abbreviation.replaceAll('.', ''))
    .replace(/\s+/g, ' ')
    .trim();
}

/** Cyrillic letters of a lowercase text in Latin ones. */
function transliterate(lowercase: string): string {
  // Keep й and ё intact through the transliteration: NFKD would split them into и/е plus a mark.
  const text = lowercase.normalize('NFC');
  let latin = '';
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    latin += (code >= 0x400 && code <= 0x4ff ? LATIN_OF_CYRILLIC[code - 0x400] : undefined) ?? text.charAt(i);
  }
  return latin;
}

// Money and numbers are written many ways: "$4 billion", "4 billion dollars", "4bn", "US$4,000,000,000". They are
// rewritten to one canonical form, both in the data and in queries: the currency's code, the amount in digits and the
// scale's word ("usd 4000000000 billion"), so any spelling meets any other.
const SCALES: Readonly<Record<string, number>> = Object.freeze({
  thousand: 1e3, k: 1e3, million: 1e6, m: 1e6, mn: 1e6, mln: 1e6, billion: 1e9, b: 1e9, bn: 1e9, bln: 1e9, trillion: 1e12, tn: 1e12,
});
const SCALE_WORDS: readonly (readonly [number, string])[] = [[1e12, 'trillion'], [1e9, 'billion'], [1e6, 'million'], [1e3, 'thousand']];
const CURRENCY_SIGNS: Readonly<Record<string, string>> = Object.freeze({ $: 'usd', 'us$': 'usd', '€': 'eur', '£': 'gbp', '₽': 'rub' });
/** Currency words as their codes, word by word: "dollars" meets "$". */
export const CURRENCY_CODES: Readonly<Record<string, string>> = Object.freeze({ dollar: 'usd', dollars: 'usd', euro: 'eur', euros: 'eur' });
// A scale spelled out may follow after a space; a one-letter scale ("4b", "10k") only right after the digits.
const AMOUNT = /(?<![\p{L}\p{N}])(us\$|\$|€|£|₽)?\s?(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?(?:\s?(thousand|million|billion|trillion|bn|mn|mln|bln|tn)|(k|m|b))?(?![\p{L}\p{N}])/gu;
// The same for plain ASCII text, without the slower Unicode classes.
const ASCII_AMOUNT = /(?<![a-z0-9])(us\$|\$)?\s?(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?(?:\s?(thousand|million|billion|trillion|bn|mn|mln|bln|tn)|(k|m|b))?(?![a-z0-9])/g;
/** A cheap test before the amount rewriting: most text has no digit or currency sign. */
const MAYBE_AMOUNT = /[0-9$€£₽]/;

/** Rewrites amounts of a lowercased text to their canonical words (see AMOUNT). */
function canonicalAmounts(text: string, ascii: boolean): string {
  return text.replace(ascii ? ASCII_AMOUNT : AMOUNT, (whole: string, sign: string | undefined, integer: string, fraction: string | undefined, scaleWord: string | undefined, scaleLetter: string | undefined) => {
    const scale = SCALES[scaleWord ?? scaleLetter ?? ''] ?? 1;
    const currency = sign === undefined ? undefined : CURRENCY_SIGNS[sign];
    if (scale === 1 && currency === undefined && !integer.includes(',')) return whole;
    const digits = integer.replaceAll(',', '');
    const amount = scale === 1 ? (fraction === undefined ? digits : `${digits}.${fraction}`) : String(Math.round(Number(`${digits}.${fraction ?? '0'}`) * scale));
    return ` ${currency ?? ''} ${amount} ${scale === 1 ? '' : scaleWordOf(scale)} `;
  });
}

/** A word as search keeps it: currency words become their codes. */
function searchWord(token: string): string {
  return CURRENCY_CODES[token] ?? token;
}

/** A cheap test before looking words up in CURRENCY_CODES: most text names no currency. */
function mayNameCurrency(text: string): boolean {
  return text.includes('dollar') || text.includes('euro');
}

function scaleWordOf(amount: number): string {
  return SCALE_WORDS.find(([scale]) => amount >= scale)?.[1] ?? '';
}

/** The words of an amount of money as search sees them, e.g. (4e9, "USD") → ["usd", "4000000000", "billion"]. */
export function moneyWords(amount: number, currency: string): string[] {
  const scale = scaleWordOf(amount);
  return [currency.toLowerCase(), String(Math.round(amount)), ...(scale ? [scale] : [])];
}

/**
 * Typographic punctuation as the Unicode way (`normalizeForSearch`: NFKD, then its replacements) leaves it: curly
 * quotes and apostrophes, guillemets, dashes and hyphens, the ellipsis, bullets, the non-breaking space. English text
 * has little other non-ASCII, so making these plain first lets most of it take the ASCII way.
 */
const TYPOGRAPHIC_ASCII: Readonly<Record<string, string>> = Object.freeze({
  '\u00a0': ' ', '\u00b4': ' ', '\u00ab': '"', '\u00bb': '"', '\u201c': '"', '\u201d': '"', '\u201e': '"',
  '\u2018': "'", '\u2019': "'", '\u02bc': "'", '\u201a': '-', '\u201b': '-', '\u00b7': '-', '\u2022': '-',
  '\u2010': '-', '\u2011': '-', '\u2012': '-', '\u2013': '-', '\u2014': '-', '\u2015': '-', '\u2026': '...',
});
const TYPOGRAPHIC = /[\u00a0\u00ab\u00b4\u00b7\u00bb\u02bc\u2010-\u2015\u2018-\u201e\u2022\u2026]/g;
/**
 * The typographic characters that only ever separate words, by code: all of them but the ellipsis, whose dots can
 * close an abbreviation ("U.S…" is "us").
 */
export const TYPOGRAPHIC_SEPARATORS: ReadonlySet<number> = new Set(
  Object.entries(TYPOGRAPHIC_ASCII)
    .filter(([, plain]) => !plain.includes('.'))
    .map(([char]) => char.charCodeAt(0)),
);

/**
 * Text as search reads it before splitting into words, when it is ASCII once its typographic punctuation is made
 * plain: lowercase, abbreviations closed up and amounts in canonical form. Undefined for any other text, which goes
 * the Unicode way (`normalizeForSearch`).
 */
export function asciiSearchText(text: string): string | undefined {
  let value = text.toLowerCase();
  if (!ASCII.test(value)) {
    // As the Unicode way does: punctuation made plain, then runs of white space made one space.
    value = value.replace(TYPOGRAPHIC, (char) => TYPOGRAPHIC_ASCII[char] ?? char).replace(/\s+/g, ' ');
    if (!ASCII.test(value)) return undefined;
  }
  if (MAYBE_ABBREVIATION.test(value)) value = value.replace(ABBREVIATION, (abbreviation) => abbreviation.replaceAll('.', ''));
  if (MAYBE_AMOUNT.test(value)) value = canonicalAmounts(value, true);
  return value;
}

/** The words of any text as search sees them: `searchTokens(normalizeForSearch(text))`, faster for plain ASCII. */
export function tokenize(text: string): string[] {
  const value = asciiSearchText(text);
  if (value === undefined) return searchTokens(normalizeForSearch(text));
  const tokens = value.split(/[^a-z0-9]+/).filter((token) => token.length > 0);
  return mayNameCurrency(value) ? tokens.map(searchWord) : tokens;
}

/**
 * Calls `visit` with each word of a text, as `tokenize` would return them, without building the array: an index
 * build visits millions of words, and every array it does not allocate is garbage the collector need not pause for.
 */
export function forEachToken(text: string, visit: (token: string) => void): void {
  const value = asciiSearchText(text);
  if (value === undefined) {
    for (const token of searchTokens(normalizeForSearch(text))) visit(token);
    return;
  }
  const currency = mayNameCurrency(value);
  let start = -1;
  for (let i = 0; i <= value.length; i++) {
    const code = i < value.length ? value.charCodeAt(i) : 0;
    const wordChar = (code >= 97 && code <= 122) || (code >= 48 && code <= 57);
    if (wordChar) {
      if (start < 0) start = i;
    } else if (start >= 0) {
      const token = value.slice(start, i);
      visit(currency ? searchWord(token) : token);
      start = -1;
    }
  }
}

/** Words of a normalised text: letters and digits, split on everything else, with amounts in canonical form. */
export function searchTokens(normalized: string): string[] {
  const ascii = ASCII.test(normalized);
  const value = MAYBE_AMOUNT.test(normalized) ? canonicalAmounts(normalized, ascii) : normalized;
  const tokens = value.split(ascii ? /[^a-z0-9]+/ : /[^\p{L}\p{N}]+/u).filter((token) => token.length > 0);
  return mayNameCurrency(value) ? tokens.map(searchWord) : tokens;
}
