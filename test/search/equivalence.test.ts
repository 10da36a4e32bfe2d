// The indexed search against plain fuse.js: wherever plain fuse.js puts a right answer on top, so must the bot.
import { beforeAll, describe, expect, it } from 'vitest';
import { PlainFuseSearch } from '../../bench/baseline.ts';
import { generateQueries } from '../../bench/queries.ts';
import type { SyntheticDataset } from '../../bench/synthetic.ts';
import { BUNDLED_DATA_DIR } from '../../src/config.ts';
import type { Dataset } from '../../src/data/dataset.ts';
import { loadDataDirectory } from '../../src/data/load.ts';
import { buildEntrySearch, type EntrySearch } from '../../src/search/search.ts';
import { generatedArchive } from '../support/generated.ts';
import { LABELLED_QUERIES } from './labelled-queries.ts';
import { measureRecall } from './recall.ts';

describe('on the labelled queries of the bundled article', () => {
  it('given both engines, then the bot’s recall@1 and recall@5 are at least plain fuse.js’s', async () => {
    const loaded = await loadDataDirectory(BUNDLED_DATA_DIR);
    if (!loaded.ok) throw new Error('bundled data does not load');
    const search = buildEntrySearch(loaded.dataset);
    const plain = new PlainFuseSearch(loaded.dataset);
    const ours = measureRecall((query, kinds) => search.search(query, { kinds }).map((hit) => hit.entry.id), LABELLED_QUERIES);
    const baseline = measureRecall((query, kinds) => plain.search(query, kinds), LABELLED_QUERIES);
    const disagreements = ours.outcomes.filter((outcome, i) => baseline.outcomes[i]?.top1 === true && !outcome.top1).map((outcome) => outcome.query.query);
    expect(disagreements).toEqual([]);
    expect(ours.recallAt1).toBeGreaterThanOrEqual(baseline.recallAt1);
    expect(ours.recallAt5).toBeGreaterThanOrEqual(baseline.recallAt5);
  });
});

describe('on a generated archive of 10,000 entries', () => {
  let synthetic: SyntheticDataset;
  let dataset: Dataset;
  let search: EntrySearch;
  let plain: PlainFuseSearch;

  beforeAll(() => {
    ({ synthetic, dataset } = generatedArchive({ size: 10_000, seed: 2026 }));
    search = buildEntrySearch(dataset);
    plain = new PlainFuseSearch(dataset);
  }, 60_000);

  it('given a random sample of queries of every type, then the bot’s top hit is right wherever plain fuse.js’s is', () => {
    // Plain fuse.js scans all 10,000 entries per query (about 150 ms here): a sample keeps the test fast.
    const queries = generateQueries(synthetic, 6, 99).filter((query) => query.type !== 'nonsense');
    const report: string[] = [];
    let fuseRight = 0;
    for (const query of queries) {
      const theirs = plain.search(query.query, query.kinds, 1)[0];
      if (theirs === undefined || !query.expected.includes(theirs)) continue;
      fuseRight++;
      const ours = search.search(query.query, { kinds: query.kinds, limit: 1 })[0]?.entry.id;
      if (ours === undefined || !query.expected.includes(ours)) report.push(`${query.type} “${query.query}”: plain fuse.js ${theirs}, the bot ${ours ?? 'nothing'}`);
    }
    expect(fuseRight).toBeGreaterThan(queries.length / 2);
    expect(report).toEqual([]);
  }, 60_000);

  it('given nonsense, then the bot answers nothing', () => {
    const nonsense = generateQueries(synthetic, 6, 99).filter((query) => query.type === 'nonsense');
    for (const query of nonsense) expect(search.search(query.query, { kinds: query.kinds })).toEqual([]);
  });
});
