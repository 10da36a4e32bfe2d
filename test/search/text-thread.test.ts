// A large archive's texts are read on a second thread and its postings joined with the main thread's: the search
// built so must be the search built on one thread, and a thread that fails must cost time, never the build.
import { beforeAll, describe, expect, it } from 'vitest';
import { generateQueries } from '../../bench/queries.ts';
import { generateDataset, rawFiles, type SyntheticDataset } from '../../bench/synthetic.ts';
import type { Dataset } from '../../src/data/dataset.ts';
import { FIELD_COUNT, type FieldCode } from '../../src/search/documents.ts';
import { joinPostings } from '../../src/search/packed-postings.ts';
import { buildEntrySearch, buildEntrySearchInSlices, type EntrySearch } from '../../src/search/search.ts';
import { TermIndexBuilder, type TermIndex } from '../../src/search/term-index.ts';
import { TextThread } from '../../src/search/text-thread.ts';
import { WordTable } from '../../src/search/word-table.ts';
import { runSteps } from '../../src/util/slices.ts';
import { generatedArchive } from '../support/generated.ts';

/** Every (word, field) of an index with its documents, and every field length: what a search reads of it. */
function contents(index: TermIndex, documents: number): { postings: Record<string, number[]>; lengths: number[] } {
  const postings: Record<string, number[]> = {};
  index.words.forEach((word, id) => {
    for (let field = 0; field < FIELD_COUNT; field++) {
      const found = [...index.documentsOf(id, field as FieldCode)];
      if (found.length > 0) postings[`${word}/${String(field)}`] = found;
    }
  });
  const lengths: number[] = [];
  for (let document = 0; document < documents; document++) {
    for (let field = 0; field < FIELD_COUNT; field++) lengths.push(index.fieldLength(document, field as FieldCode));
  }
  return { postings, lengths };
}

/** Texts of three documents in the fields where entries have both texts and ready words (amounts in context). */
const TEXTS: readonly (readonly [number, FieldCode, string])[] = [
  [0, 2, 'Kazakhstan agreed to buy 300 locomotives'],
  [0, 4, '300 locomotives'],
  [1, 1, 'Rail and rail again'],
  [1, 4, 'about $4 billion'],
  [2, 2, 'Токаев встретился с Трампом'],
  [2, 4, 'locomotives'],
];
const WORDS: readonly (readonly [number, FieldCode, readonly string[]])[] = [
  [0, 4, ['300']],
  [1, 4, ['4', 'billion', 'usd']],
  [2, 0, ['tokayev']],
  [2, 4, ['locomotives', 'wabtec']],
];

describe('joining two builders’ postings', () => {
  it('given texts read by one builder and ready words by another, then the join is the index one builder makes of both', () => {
    const single = new TermIndexBuilder(3);
    const own = new TermIndexBuilder(3);
    const other = new TermIndexBuilder(3);
    for (let document = 0; document < 3; document++) {
      for (const [at, field, text] of TEXTS) {
        if (at !== document) continue;
        single.add(document, field, text);
        other.add(document, field, text);
      }
      for (const [at, field, words] of WORDS) {
        if (at !== document) continue;
        single.addWords(document, field, words);
        own.addWords(document, field, words);
      }
    }
    const joined = runSteps(own.index(runSteps(own.pack()), runSteps(other.pack())));
    const expected = contents(runSteps(single.finish()), 3);
    expect(contents(joined, 3)).toEqual(expected);
    // Words in both ("300", "locomotives" in context) are listed once per document.
    expect(expected.postings['300/4']).toEqual([0]);
    expect(expected.postings['locomotives/4']).toEqual([0, 2]);
  });

  it('given field lengths past 255 words on both sides, then the joined length stops at 255', () => {
    const table = new WordTable();
    const own = { words: [], offsets: new Int32Array(1), postings: new Int32Array(0), lengths: Uint8Array.of(200, 3, 0, 0, 0) };
    const other = { words: [], offsets: new Int32Array(1), postings: new Int32Array(0), lengths: Uint8Array.of(100, 4, 0, 0, 0) };
    expect([...runSteps(joinPostings(own, other, table)).lengths]).toEqual([255, 7, 0, 0, 0]);
  });
});

describe('the text thread', () => {
  it('given texts sent in batches, then it reads them into the postings a builder makes of them', async () => {
    const texts = rawFiles(generateDataset({ size: 1_500, seed: 11 })).flatMap((file) => JSON.stringify(JSON.parse(file.text)).split('"'));
    const single = new TermIndexBuilder(texts.length);
    // Documents of several texts each, over more than one batch.
    const thread = new TextThread({ documents: texts.length, expectedPostings: 1024 });
    try {
      texts.forEach((text, i) => {
        single.add(i >> 2, 2, text);
        thread.add(i >> 2, 2, text);
      });
      thread.end();
      const own = new TermIndexBuilder(texts.length);
      const joined = runSteps(own.index(runSteps(own.pack()), await thread.result()));
      expect(contents(joined, texts.length >> 2).postings).toEqual(contents(runSteps(single.finish()), texts.length >> 2).postings);
    } finally {
      await thread.close();
    }
  }, 60_000);
});

describe('a search built with a text thread', () => {
  let synthetic: SyntheticDataset;
  let dataset: Dataset;
  let oneThread: EntrySearch;

  beforeAll(() => {
    ({ synthetic, dataset } = generatedArchive({ size: 4_000, seed: 31 }));
    oneThread = buildEntrySearch(dataset);
  }, 60_000);

  /** Top hits of every query of every type, names and words of the texts, typos and nonsense. */
  function answers(search: EntrySearch): string[][] {
    return generateQueries(synthetic, 15, 5).map((query) => search.search(query.query, { kinds: query.kinds }).slice(0, 10).map((hit) => hit.entry.id));
  }

  it('given a generated archive, then it answers every query as the one-thread build does', async () => {
    const failures: string[] = [];
    const threaded = await buildEntrySearchInSlices(dataset, { thread: 'always', onThreadFailure: (reason) => failures.push(reason) });
    expect(failures).toEqual([]);
    const expected = answers(oneThread);
    expect(expected.filter((ids) => ids.length > 0).length).toBeGreaterThan(expected.length / 2);
    expect(answers(threaded)).toEqual(expected);
  }, 60_000);

  it('given a thread that cannot start, then the build says why and finishes on one thread', async () => {
    const failures: string[] = [];
    const missing = new URL('./no-such-text-worker.js', import.meta.url);
    const search = await buildEntrySearchInSlices(dataset, { thread: 'always', threadEntry: missing, onThreadFailure: (reason) => failures.push(reason) });
    expect(failures).toHaveLength(1);
    expect(failures[0]).toMatch(/no-such-text-worker/);
    expect(answers(search)).toEqual(answers(oneThread));
  }, 60_000);

  it('given a thread that breaks on the way, then the build says why and finishes on one thread', async () => {
    const failures: string[] = [];
    const broken = new URL('../support/broken-text-worker.ts', import.meta.url);
    const search = await buildEntrySearchInSlices(dataset, { thread: 'always', threadEntry: broken, onThreadFailure: (reason) => failures.push(reason) });
    expect(failures).toEqual(['broken on purpose']);
    expect(answers(search)).toEqual(answers(oneThread));
  }, 60_000);
});
