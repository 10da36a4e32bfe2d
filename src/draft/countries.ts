// The world's countries as the draft names them: common name, other names, capital and adjective (Kazakh, Uzbek).
import { countries, languages } from 'countries-list';

export interface CountryName {
  /** "Kazakhstan" */
  readonly name: string;
  /** Other ways an article names it: official names, "U.S.", the capital ("Moscow" for the Kremlin's government). */
  readonly aliases: readonly string[];
  /** The adjective when it is unambiguous: "Kazakh", "Belarusian". */
  readonly adjective?: string;
  readonly capital?: string;
}

let table: Map<string, CountryName> | undefined;
let adjectives: Map<string, CountryName> | undefined;

/** A key that ignores case, accents, dots and the article: "the U.S." and "US" are the same country. */
export function nameKey(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[’‘`]/g, "'")
    .replace(/^the\s+/, '')
    .replace(/\./g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

function countryTable(): Map<string, CountryName> {
  if (table) return table;
  table = new Map();
  // A language that is the first language of one country only names that country's people: Kazakh, Uzbek, Polish.
  const firstLanguageOf = new Map<string, string[]>();
  for (const [code, country] of Object.entries(countries)) {
    const language = country.languages[0];
    if (language) firstLanguageOf.set(language, [...(firstLanguageOf.get(language) ?? []), code]);
  }
  for (const [code, country] of Object.entries(countries)) {
    const language = country.languages[0];
    const languageName = language && firstLanguageOf.get(language)?.length === 1 ? languages[language].name : undefined;
    const adjective = languageName && languageName.slice(0, 4) === country.name.slice(0, 4) ? languageName : undefined;
    const capital = country.capital.replace(/\s+D\.C\.$/, '');
    const aliases = [...(country.alias ?? []), ...(code === 'US' ? ['U.S.', 'U.S.A.'] : []), ...(code === 'GB' ? ['U.K.'] : [])];
    if (capital) aliases.push(capital);
    if (country.native !== country.name) aliases.push(country.native);
    const entry: CountryName = { name: country.name, aliases, ...(adjective ? { adjective } : {}), ...(capital ? { capital } : {}) };
    for (const text of [country.name, ...aliases]) if (!table.has(nameKey(text))) table.set(nameKey(text), entry);
  }
  return table;
}

/** The country a name or alias refers to ("the U.S.", "Moscow", "Kazakhstan"), if any. */
export function findCountry(text: string): CountryName | undefined {
  return countryTable().get(nameKey(text));
}

/** The country whose people an adjective names ("Kazakh" → Kazakhstan), if it is unambiguous. */
export function countryOfAdjective(word: string): CountryName | undefined {
  if (!adjectives) {
    adjectives = new Map();
    for (const country of countryTable().values()) if (country.adjective) adjectives.set(nameKey(country.adjective), country);
  }
  return adjectives.get(nameKey(word));
}

/** True when the words are the country's capital, which stands for its government ("Moscow", "Washington"). */
export function isCapitalOf(text: string, country: CountryName): boolean {
  return country.capital !== undefined && nameKey(text) === nameKey(country.capital);
}
