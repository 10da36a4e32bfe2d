// Queries with known answers over a synthetic archive: exact names, typos, aliases, Cyrillic, multi-word, nonsense.
import type { EntryKind } from '../src/data/dataset.ts';
import { random, type SyntheticDataset } from './synthetic.ts';

export type QueryType = 'exact' | 'typo' | 'alias' | 'cyrillic' | 'multi-word' | 'company' | 'nonsense';

export interface GeneratedQuery {
  readonly type: QueryType;
  readonly query: string;
  readonly kinds: readonly EntryKind[];
  /** Entries a right answer may start with; empty for nonsense. */
  readonly expected: readonly string[];
}

/** One letter changed, dropped or swapped: the typos people make. */
export function typo(word: string, rand: () => number): string {
  if (word.length < 5) return word;
  const at = 1 + Math.floor(rand() * (word.length - 2));
  const roll = rand();
  if (roll < 0.34) return word.slice(0, at) + word.slice(at + 1);
  if (roll < 0.67) return word.slice(0, at) + 'aeiou'.charAt(Math.floor(rand() * 5)) + word.slice(at + 1);
  return word.slice(0, at - 1) + word.charAt(at) + word.charAt(at - 1) + word.slice(at + 1);
}

/** `count` queries of each type, deterministic for a seed. */
export function generateQueries(dataset: SyntheticDataset, count: number, seed = 7): GeneratedQuery[] {
  const rand = random(seed);
  const speakers = dataset.people.filter((person) => (dataset.quotesBySpeaker.get(person.id)?.length ?? 0) > 0);
  const companies = dataset.companies.filter((company) => (dataset.dealsByCompany.get(company.id)?.length ?? 0) > 0);
  const pick = <T>(items: readonly T[]): T => {
    const item = items[Math.floor(rand() * items.length)];
    if (item === undefined) throw new Error('nothing to pick from');
    return item;
  };
  const queries: GeneratedQuery[] = [];
  for (let i = 0; i < count; i++) {
    const person = pick(speakers);
    const quotes = dataset.quotesBySpeaker.get(person.id) ?? [];
    const quote = { kinds: ['quote'] as const, expected: quotes };
    queries.push({ type: 'exact', query: person.surname, ...quote });
    queries.push({ type: 'typo', query: typo(person.surname, rand), ...quote });
    queries.push({ type: 'alias', query: person.aliases[1] ?? person.surname, ...quote });
    queries.push({ type: 'cyrillic', query: person.cyrillic, ...quote });
    queries.push({ type: 'multi-word', query: person.name, ...quote });
    const company = pick(companies);
    queries.push({ type: 'company', query: company.name, kinds: ['deal'], expected: dataset.dealsByCompany.get(company.id) ?? [] });
    const nonsense = Array.from({ length: 7 }, () => 'qxzjvwk'.charAt(Math.floor(rand() * 7))).join('');
    queries.push({ type: 'nonsense', query: nonsense, kinds: ['quote'], expected: [] });
  }
  return queries;
}

/** Autocomplete-style prefixes of names, as typed key by key: "Naz", "Naza", "Nazar". */
export function generatePrefixes(dataset: SyntheticDataset, count: number, seed = 11): GeneratedQuery[] {
  const rand = random(seed);
  const prefixes: GeneratedQuery[] = [];
  const seen = new Set<string>();
  // A small archive has fewer distinct prefixes than asked for: stop trying after a generous number of draws.
  for (let attempt = 0; prefixes.length < count && attempt < count * 50; attempt++) {
    const person = dataset.people[Math.floor(rand() * dataset.people.length)];
    if (!person) break;
    const length = 3 + Math.floor(rand() * Math.max(1, person.surname.length - 2));
    const query = person.surname.slice(0, length);
    if (seen.has(query)) continue;
    seen.add(query);
    prefixes.push({ type: 'exact', query, kinds: ['quote'], expected: dataset.quotesBySpeaker.get(person.id) ?? [] });
  }
  return prefixes;
}
