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
  if (ASCII.test(value)) {
    if (value.includes('.')) value = value.replace(ABBREVIATION, (abbreviation) => abbreviation.replaceAll('.', ''));
    return value.replace(/\s+/g, ' ').trim();
  }
  if (CYRILLIC.test(value)) {
    // Keep й and ё intact through the transliteration: NFKD would split them into и/е plus a mark.
    value = Array.from(value.normalize('NFC'), (char) => CYRILLIC_TO_LATIN[char] ?? char).join('');
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

/** The words of any text as search sees them: `searchTokens(normalizeForSearch(text))`, faster for plain ASCII. */
export function tokenize(text: string): string[] {
  let value = text.toLowerCase();
  if (!ASCII.test(value)) return searchTokens(normalizeForSearch(text));
  if (MAYBE_ABBREVIATION.test(value)) value = value.replace(ABBREVIATION, (abbreviation) => abbreviation.replaceAll('.', ''));
  return value.split(/[^a-z0-9]+/).filter((token) => token.length > 0);
}

/**
 * Calls `visit` with each word of a text, as `tokenize` would return them, without building the array: an index
 * build visits millions of words, and every array it does not allocate is garbage the collector need not pause for.
 */
export function forEachToken(text: string, visit: (token: string) => void): void {
  let value = text.toLowerCase();
  if (!ASCII.test(value)) {
    for (const token of searchTokens(normalizeForSearch(text))) visit(token);
    return;
  }
  if (MAYBE_ABBREVIATION.test(value)) value = value.replace(ABBREVIATION, (abbreviation) => abbreviation.replaceAll('.', ''));
  let start = -1;
  for (let i = 0; i <= value.length; i++) {
    const code = i < value.length ? value.charCodeAt(i) : 0;
    const wordChar = (code >= 97 && code <= 122) || (code >= 48 && code <= 57);
    if (wordChar) {
      if (start < 0) start = i;
    } else if (start >= 0) {
      visit(value.slice(start, i));
      start = -1;
    }
  }
}

/** Words of a normalised text: letters and digits, split on everything else. */
export function searchTokens(normalized: string): string[] {
  const separators = ASCII.test(normalized) ? /[^a-z0-9]+/ : /[^\p{L}\p{N}]+/u;
  return normalized.split(separators).filter((token) => token.length > 0);
}
