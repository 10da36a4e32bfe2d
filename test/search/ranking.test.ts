// Each ranking rule of the search, shown on a small archive written for the purpose (see RANKING in search.ts).
import { beforeAll, describe, expect, it } from 'vitest';
import type { ArticleFileInput } from '../../src/data/schema.ts';
import type { EntryKind } from '../../src/data/dataset.ts';
import { validateArticleFiles } from '../../src/data/validate.ts';
import { buildEntrySearch, MAX_HITS, type EntrySearch } from '../../src/search/search.ts';
import { editDistances, typoBudget } from '../../src/search/term-index.ts';

const SOURCE = 'example-2026-01-05';
const person = (id: string, name: string, role: string, country?: string) => ({ id, type: 'person' as const, name, role, ...(country ? { country } : {}), source: SOURCE });
const organisation = (id: string, name: string, aliases: string[] = [], role?: string) => ({ id, type: 'organisation' as const, name, aliases, ...(role ? { role } : {}), source: SOURCE });
const country = (id: string, name: string) => ({ id, type: 'country' as const, name, source: SOURCE });
const quote = (id: string, speaker: string, text: string, context: string) => ({ id, speaker, text, form: 'statement' as const, context, source: SOURCE });
const fact = (id: string, text: string, subjects: string[] = [], keywords?: string[]) => ({ id, text, subjects, ...(keywords ? { keywords } : {}), source: SOURCE });

const ARTICLE: ArticleFileInput = {
  source: { id: SOURCE, publisher: 'Example Herald', published: '2026-01-05', authors: ['A. Reporter'], subject: 'An example article', summary: 'Shows how search ranks.' },
  entities: [
    country('examplestan', 'Examplestan'),
    country('otherland', 'Otherland'),
    person('oleg-ilmuenko', 'Oleg Ilmuenko', 'Minister of Railways', 'examplestan'),
    person('pavel-mamimenko', 'Pavel Mamimenko', 'Analyst at the Steppe Institute'),
    organisation('astra-mining', 'Astra Mining', ['Astra']),
    organisation('astra-mining-group', 'Astra Mining Group', ['Astra']),
    organisation('farmco', 'Farmco', [], 'Maker of farm machinery'),
  ],
  quotes: [
    quote('q-ilmuenko-rails', 'oleg-ilmuenko', 'We will lay new rails before winter.', 'At a press conference in the capital.'),
    quote('q-mamimenko-prices', 'pavel-mamimenko', 'Prices will keep rising.', 'In an interview about the economy.'),
    quote('q-mamimenko-trade', 'pavel-mamimenko', 'Trade is now business to business.', 'On trade talks with Otherland.'),
    quote('q-ilmuenko-business', 'oleg-ilmuenko', 'Business people mean business.', 'On investment.'),
  ],
  deals: [
    // Listed before the copper deal, with fewer parties: neither file order nor a shorter names field favours the exact name.
    {
      id: 'd-astra-group-coal', title: 'Examplestan to buy coal from Astra Mining Group', parties: ['examplestan'], counterparties: ['astra-mining-group'],
      category: 'Coal', value: { amount: 8e9, currency: 'USD' }, status: 'agreed', source: SOURCE,
    },
    {
      id: 'd-astra-copper', title: 'Examplestan and Otherland to buy copper from Astra Mining', parties: ['examplestan', 'otherland', 'farmco'], counterparties: ['astra-mining'],
      category: 'Copper', value: { amount: 4e9, currency: 'USD' }, quantity: { count: 300, unit: 'tonnes of copper' }, status: 'agreed',
      caveats: ['The price was never confirmed.'], source: SOURCE,
    },
    {
      id: 'd-farmco-tractors', title: 'Otherland buys tractors from Farmco', parties: ['otherland'], counterparties: ['farmco'], category: 'Agricultural machinery',
      quantity: { count: 4, unit: 'tractors' }, status: 'reported', keywords: ['farm equipment'], source: SOURCE,
    },
    {
      id: 'd-otherland-tractors', title: 'Otherland orders tractors for its farms', parties: ['otherland'], category: 'Agricultural machinery',
      quantity: { count: 40, unit: 'tractors' }, status: 'reported', source: SOURCE,
    },
  ],
  facts: [
    fact('f-examplestan-visit', 'The leader of Examplestan visited Otherland, the first such visit since 1998.', ['examplestan', 'otherland']),
    fact('f-water-statement', 'Seven governments signed a statement on water.', ['otherland', 'examplestan']),
    fact('f-examplestan-grain', 'Examplestan grows grain in the north of Examplestan and sells grain abroad.', ['examplestan']),
    fact('f-examplestan-roads', 'Examplestan builds roads and bridges across the whole of its long, mountainous and sparsely populated interior, where few have travelled.', ['examplestan']),
    fact('f-examplestan-wool', 'Examplestan exports wool.', ['examplestan']),
    fact('f-examplestan-anthem', 'A new anthem for Examplestan.'),
    fact('f-hills-tungsten', 'Tungsten is mined in the hills.'),
    fact('f-airplanes', 'Otherland ordered airplanes for its national carrier.', ['otherland']),
  ],
};

let search: EntrySearch;

beforeAll(() => {
  const validated = validateArticleFiles([{ file: 'articles/example.json', text: JSON.stringify(ARTICLE) }]);
  if (!validated.ok) throw new Error(validated.problems.map((problem) => problem.message).join('; '));
  search = buildEntrySearch(validated.dataset);
});

const ids = (query: string, kind?: EntryKind): string[] => search.search(query, kind ? { kinds: [kind] } : {}).map((hit) => hit.entry.id);

describe('weighting words by rarity', () => {
  it('given a common word and a rare one in different facts, then the fact with the rare word ranks first', () => {
    expect(ids('examplestan tungsten', 'fact')[0]).toBe('f-hills-tungsten');
  });

  it('given a query word that matches nothing anywhere, then the entries matching the other words still come back', () => {
    expect(ids('mamimenko pizza', 'quote').sort()).toEqual(['q-mamimenko-prices', 'q-mamimenko-trade']);
  });

  it('given more words that match nothing than words that match, then nothing is answered', () => {
    expect(ids('pizza recipe mamimenko', 'quote')).toEqual([]);
  });
});

describe('typos', () => {
  it('given a swapped pair of letters, then the intended name ranks above a name that merely shares its ending', () => {
    expect(editDistances('ilumenko', 'ilmuenko', 2).full).toBe(1);
    expect(ids('ilumenko', 'entity')).toEqual(['oleg-ilmuenko']);
  });

  it('given word lengths, then the typos allowed grow with the word: none in three letters, one up to seven', () => {
    expect([3, 4, 7, 8, 13].map(typoBudget)).toEqual([0, 1, 1, 2, 3]);
    expect(ids('coak', 'deal')).toEqual(['d-astra-group-coal']);
    expect(ids('cxal', 'deal')).toEqual(['d-astra-group-coal']);
    expect(ids('cxa', 'deal')).toEqual([]);
    expect(ids('coa', 'deal')).toEqual(['d-astra-group-coal']);
  });

  it('given a typed beginning with a typo, then the name it begins is found (autocomplete while typing)', () => {
    expect(search.suggest('mamemen', ['entity'], 25).map((entry) => entry.id)).toEqual(['pavel-mamimenko']);
  });
});

describe('names, fields and lengths', () => {
  it('given a name that is also the start of a longer name, then the exact name ranks first', () => {
    expect(ids('Astra Mining', 'entity')).toEqual(['astra-mining', 'astra-mining-group']);
    expect(ids('Astra Mining', 'deal')).toEqual(['d-astra-copper', 'd-astra-group-coal']);
  });

  it('given a country that facts are about and one merely lists as a subject, then the facts about it rank first', () => {
    const hits = ids('examplestan', 'fact');
    expect(hits.indexOf('f-examplestan-visit')).toBeLessThan(hits.indexOf('f-water-statement'));
    expect(hits.indexOf('f-examplestan-anthem')).toBeLessThan(hits.indexOf('f-water-statement'));
    expect(hits.at(-1)).toBe('f-water-statement');
  });

  it('given the same word in a short text and in a long one, then the short one ranks first', () => {
    const hits = ids('examplestan', 'fact');
    expect(hits.indexOf('f-examplestan-wool')).toBeLessThan(hits.indexOf('f-examplestan-roads'));
  });
});

describe('what entries are found by', () => {
  it('given a speaker’s role or organisation, then their quotes are found', () => {
    expect(ids('minister of railways', 'quote').sort()).toEqual(['q-ilmuenko-business', 'q-ilmuenko-rails']);
    expect(ids('steppe institute', 'quote').sort()).toEqual(['q-mamimenko-prices', 'q-mamimenko-trade']);
  });

  it('given a speaker’s country, then their quotes are found', () => {
    expect(ids('examplestan', 'quote').sort()).toEqual(['q-ilmuenko-business', 'q-ilmuenko-rails']);
  });

  it('given an amount written as "$4 billion", "4 billion", "4bn" or "4,000,000,000", then the deal of that value is found', () => {
    for (const query of ['$4 billion', '4 billion', '4bn', 'US$4,000,000,000', '4 billion dollars']) expect(ids(query, 'deal')[0]).toBe('d-astra-copper');
  });

  it('given a one-digit number with its unit, then the number counts', () => {
    expect(ids('4 tractors', 'deal')[0]).toBe('d-farmco-tractors');
    expect(ids('40 tractors', 'deal')[0]).toBe('d-otherland-tractors');
  });

  it('given a deal’s caveat or quantity, then the deal is found', () => {
    expect(ids('price never confirmed', 'deal')).toEqual(['d-astra-copper']);
    expect(ids('300 tonnes', 'deal')).toEqual(['d-astra-copper']);
  });

  it('given another form of a word, then entries using its other forms are found', () => {
    expect(ids('visits', 'fact')).toEqual(['f-examplestan-visit']);
    expect(ids('mining', 'fact')).toEqual(['f-hills-tungsten']);
  });

  it('given an everyday word from an entry’s keywords, then the entry is found', () => {
    expect(ids('farm equipment', 'deal')[0]).toBe('d-farmco-tractors');
  });

  it('given a word found only inside a longer word, then fuse.js finds it there', () => {
    expect(ids('planes', 'fact')).toEqual(['f-airplanes']);
  });
});

describe('phrases', () => {
  it('given words in a phrase, then the entry with them side by side ranks above one with them apart', () => {
    expect(ids('business to business', 'quote')[0]).toBe('q-mamimenko-trade');
    expect(ids('business to business', 'quote')).toContain('q-ilmuenko-business');
  });
});

describe('a floor for relevance', () => {
  it('given words spread over different entries, none matching most of them, then nothing is answered', () => {
    expect(ids('tungsten wool', 'fact')).toEqual([]);
  });

  it('given words one letter off words of the texts, then nothing is answered and "did you mean" offers the close name', () => {
    expect(ids('coppel woop', 'fact')).toEqual([]);
    expect(ids('mamimenka', 'quote')).toHaveLength(2);
    expect(search.didYouMean('mamimenkova', ['quote'])).toEqual(['Pavel Mamimenko']);
  });
});

describe('the length of a command’s list', () => {
  it('given a query matching more entries than anyone pages through, then at most MAX_HITS come back', () => {
    const facts = Array.from({ length: MAX_HITS + 50 }, (_, i) => fact(`f-grain-${String(i)}`, `Grain harvest number ${String(i)}.`));
    const validated = validateArticleFiles([{ file: 'articles/grain.json', text: JSON.stringify({ ...ARTICLE, facts }) }]);
    if (!validated.ok) throw new Error('grain archive does not validate');
    expect(buildEntrySearch(validated.dataset).search('grain', { kinds: ['fact'] })).toHaveLength(MAX_HITS);
    expect(MAX_HITS).toBeGreaterThanOrEqual(100);
    expect(MAX_HITS).toBeLessThanOrEqual(500);
  });
});
