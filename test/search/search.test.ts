import { beforeAll, describe, expect, it } from 'vitest';
import { BUNDLED_DATA_DIR } from '../../src/config.ts';
import type { Dataset } from '../../src/data/dataset.ts';
import { loadDataDirectory } from '../../src/data/load.ts';
import { forEachToken, normalizeForSearch, tokenize } from '../../src/search/normalize.ts';
import { buildEntrySearch, type EntrySearch } from '../../src/search/search.ts';
import { buildSnapshot, LiveSnapshot } from '../../src/snapshot.ts';
import { LABELLED_QUERIES, QUALITY_GOALS, QUERY_CLASSES, type QueryClass } from './labelled-queries.ts';
import { measureRecall } from './recall.ts';

let dataset: Dataset;
let search: EntrySearch;

beforeAll(async () => {
  const result = await loadDataDirectory(BUNDLED_DATA_DIR);
  if (!result.ok) throw new Error('bundled data does not load');
  dataset = result.dataset;
  search = buildEntrySearch(dataset);
});

const ids = (query: string, kinds?: Parameters<EntrySearch['search']>[1]) => search.search(query, kinds).map((hit) => hit.entry.id);

describe('normalising text for search', () => {
  it('given case, diacritics, curly punctuation and Cyrillic, then all meet one Latin spelling', () => {
    expect(normalizeForSearch('  Azərbaycan  ')).toBe('azerbaycan');
    expect(normalizeForSearch('It’s “crucial” — yes')).toBe('it\'s "crucial" - yes');
    expect(normalizeForSearch('Токаев')).toBe('tokaev');
    expect(normalizeForSearch('Мирзиёев')).toBe('mirziyoev');
    expect(normalizeForSearch('Қасым-Жомарт Тоқаев')).toBe('qasym-zhomart toqaev');
    expect(normalizeForSearch('The U.S. and A.I. chips')).toBe('the us and ai chips');
  });
});

describe('search on the labelled queries', () => {
  it('given every labelled query, then recall, nonsense and every class meet the goals of issue 13', () => {
    const report = measureRecall((query, kinds) => ids(query, { kinds }), LABELLED_QUERIES);
    const wrong = report.outcomes.filter((outcome) => !outcome.top1).map((outcome) => `[${outcome.query.tag}] ${outcome.query.query}: top ${outcome.ranked[0] ?? 'none'}`);
    expect(report.recallAt1, wrong.join('\n')).toBeGreaterThanOrEqual(QUALITY_GOALS.recallAt1);
    expect(report.recallAt5, wrong.join('\n')).toBeGreaterThanOrEqual(QUALITY_GOALS.recallAt5);
    expect(report.nonsenseAnswered, wrong.join('\n')).toBe(QUALITY_GOALS.nonsenseAnswered);
    const weakClasses = Object.entries(report.byClass).filter(([, summary]) => summary.recallAt1 < QUALITY_GOALS.classRecallAt1).map(([tag]) => tag);
    expect(weakClasses, wrong.join('\n')).toEqual([]);
  });

  it('given the labelled set, then it has at least 150 queries and ten or more of every class the bot promises to understand', () => {
    expect(LABELLED_QUERIES.length).toBeGreaterThanOrEqual(150);
    const counts = new Map(QUERY_CLASSES.map((tag) => [tag, LABELLED_QUERIES.filter((query) => query.tag === tag).length]));
    expect([...counts].filter(([, count]) => count === 0)).toEqual([]);
    const small = ['exact', 'typo', 'rare-word', 'role', 'number', 'word-form', 'everyday', 'paraphrase', 'phrase', 'nonsense'].filter((tag) => (counts.get(tag as QueryClass) ?? 0) < 10);
    expect(small).toEqual([]);
  });
});

describe('search behaviour', () => {
  it('given a speaker’s name, then all nine of Tokayev’s quotes come back, not only the best one', () => {
    expect(ids('Tokayev', { kinds: ['quote'] })).toHaveLength(9);
  });

  it('given a company, then both Boeing deals come back and nothing else', () => {
    expect(ids('boeing', { kinds: ['deal'] }).sort()).toEqual(['d-central-asian-airlines-boeing', 'd-uzbekistan-boeing-dreamliners']);
  });

  it('given names in any case or with diacritics, then the results are the same', () => {
    expect(ids('LUTNICK', { kinds: ['quote'] })).toEqual(ids('lutnick', { kinds: ['quote'] }));
    expect(ids('Azərbaycan', { kinds: ['entity'] })).toEqual(['azerbaijan']);
  });

  it('given a kind filter, then only that kind is returned', () => {
    const kinds = new Set(search.search('kazakhstan', { kinds: ['fact'] }).map((hit) => hit.entry.kind));
    expect([...kinds]).toEqual(['fact']);
  });

  it('given a speaker match and a passing mention, then the speaker’s quotes rank above quotes that only mention him', () => {
    const hits = search.search('Lutnick', { kinds: ['quote'] });
    const speakers = hits.map((hit) => (hit.entry.kind === 'quote' ? hit.entry.speaker : ''));
    const firstOther = speakers.findIndex((speaker) => speaker !== 'howard-lutnick');
    expect(speakers.slice(0, 4)).toEqual(Array(4).fill('howard-lutnick'));
    expect(firstOther === -1 || firstOther >= 4).toBe(true);
  });

  it('given an entry id (an autocomplete value), then exactly that entry is found', () => {
    expect(ids('q-tokayev-inspires-me', { kinds: ['quote'] })).toEqual(['q-tokayev-inspires-me']);
  });

  it('given nonsense, then nothing matches and “did you mean” has nothing to offer either', () => {
    expect(ids('xqzvwk')).toEqual([]);
  });

  it('given a near miss, then “did you mean” offers each close name once, in its display spelling', () => {
    const suggestions = search.didYouMean('mirzayev', ['entity']);
    expect(suggestions[0]).toMatch(/^Mirzi/);
    expect(suggestions.filter((name) => /mirzi/i.test(name))).toHaveLength(1);
  });

  it('given an empty query, then autocomplete suggests the first 25 entries of the kind in the article’s order', () => {
    const suggestions = search.suggest('', ['quote'], 25);
    expect(suggestions).toHaveLength(22);
    expect(suggestions[0]?.id).toBe('q-tokayev-properly-present');
    expect(search.suggest('', ['entity'], 25)[0]).toMatchObject({ kind: 'entity', type: 'person' });
  });

  it('given a query of 10,000 characters, then search answers without throwing', () => {
    expect(() => search.search('tokayev '.repeat(1250))).not.toThrow();
  });
});

describe('the live snapshot', () => {
  it('given a lookup holding the old snapshot while a new one is swapped in, then it keeps seeing the old data whole', () => {
    const live = new LiveSnapshot(buildSnapshot(dataset));
    const held = live.current;
    const next = buildSnapshot(dataset);
    const previous = live.swap(next);
    expect(previous).toBe(held);
    expect(live.current).toBe(next);
    expect(held.search.search('Tokayev', { kinds: ['quote'] })).toHaveLength(9);
  });

  it('given a snapshot, then its dataset is frozen', () => {
    expect(Object.isFrozen(dataset)).toBe(true);
    expect(Object.isFrozen(dataset.quotes[0])).toBe(true);
  });
});

describe('tokenising', () => {
  it.each(['The U.S. and A.I. chips, 2025!', 'Tokayev’s “law and order”', 'Токаев и Лукашенко', '  --  ', 'a1b2 c3', 'A $4bn deal, 4 billion dollars', '€2.5 billion for 1,242 euros'])(
    'given %j, then visiting words gives exactly the words of tokenize',
    (text) => {
      const visited: string[] = [];
      forEachToken(text, (token) => visited.push(token));
      expect(visited).toEqual(tokenize(text));
    },
  );
});
