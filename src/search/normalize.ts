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

/** Normalises text for matching; the same function is applied to data and to queries. */
export function normalizeForSearch(text: string): string {
  let value = text.toLowerCase();
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
    .replace(/\s+/g, ' ')
    .trim();
}

/** Words of a normalised text: letters and digits, split on everything else. */
export function searchTokens(normalized: string): string[] {
  return normalized.split(/[^\p{L}\p{N}]+/u).filter((token) => token.length > 0);
}
