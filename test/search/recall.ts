// Recall of a search on the labelled queries: recall@1, recall@5 and whether every expected entry is found at all.
import type { EntryKind } from '../../src/data/dataset.ts';
import type { LabelledQuery } from './labelled-queries.ts';

/** Anything that ranks entry ids for a query: the bot's search, or plain fuse.js in the benchmark. */
export type RankIds = (query: string, kinds: readonly EntryKind[] | undefined) => readonly string[];

export interface QueryOutcome {
  readonly query: LabelledQuery;
  readonly ranked: readonly string[];
  readonly top1: boolean;
  /** Share of the expected entries (at most 5) found in the top 5. */
  readonly at5: number;
  readonly missing: readonly string[];
}

export interface RecallReport {
  readonly recallAt1: number;
  readonly recallAt5: number;
  /** Share of queries whose results contain every expected entry. */
  readonly complete: number;
  readonly outcomes: readonly QueryOutcome[];
}

export function measureRecall(rank: RankIds, queries: readonly LabelledQuery[]): RecallReport {
  const outcomes = queries.map((query): QueryOutcome => {
    const ranked = rank(query.query, query.kinds);
    const top5 = new Set(ranked.slice(0, 5));
    const wanted = Math.min(5, query.expected.length);
    const found5 = query.expected.filter((id) => top5.has(id)).length;
    const all = new Set(ranked);
    return {
      query,
      ranked,
      top1: ranked[0] !== undefined && query.expected.includes(ranked[0]),
      at5: Math.min(found5, wanted) / wanted,
      missing: query.expected.filter((id) => !all.has(id)),
    };
  });
  const mean = (values: number[]): number => values.reduce((a, b) => a + b, 0) / Math.max(1, values.length);
  return {
    recallAt1: mean(outcomes.map((o) => Number(o.top1))),
    recallAt5: mean(outcomes.map((o) => o.at5)),
    complete: mean(outcomes.map((o) => Number(o.missing.length === 0))),
    outcomes,
  };
}
