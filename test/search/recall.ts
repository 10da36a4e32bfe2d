// Recall of a search on the labelled queries: recall@1, recall@5, MRR, per class, and how often nonsense is answered.
import type { EntryKind } from '../../src/data/dataset.ts';
import type { LabelledQuery } from './labelled-queries.ts';

/** Anything that ranks entry ids for a query: the bot's search, or another engine in the benchmark. */
export type RankIds = (query: string, kinds: readonly EntryKind[] | undefined) => readonly string[];

export interface QueryOutcome {
  readonly query: LabelledQuery;
  readonly ranked: readonly string[];
  /** The top hit is an expected entry (for nonsense: nothing was answered). */
  readonly top1: boolean;
  /** Share of the expected entries (at most 5) found in the top 5 (for nonsense: 1 when nothing was answered). */
  readonly at5: number;
  /** 1 / rank of the first expected entry, 0 when none is found (for nonsense: 1 when nothing was answered). */
  readonly reciprocalRank: number;
  readonly missing: readonly string[];
}

export interface ClassRecall {
  readonly queries: number;
  readonly recallAt1: number;
  readonly recallAt5: number;
  readonly mrr: number;
}

export interface RecallReport {
  /** Over the queries that have an answer (nonsense is counted in `nonsenseAnswered`). */
  readonly recallAt1: number;
  readonly recallAt5: number;
  readonly mrr: number;
  /** Share of answerable queries whose results contain every expected entry. */
  readonly complete: number;
  /** Nonsense queries that got an answer anyway. */
  readonly nonsenseAnswered: number;
  readonly nonsenseQueries: number;
  readonly byClass: Readonly<Record<string, ClassRecall>>;
  readonly outcomes: readonly QueryOutcome[];
}

function outcomeOf(query: LabelledQuery, ranked: readonly string[]): QueryOutcome {
  if (query.expected.length === 0) {
    const right = Number(ranked.length === 0);
    return { query, ranked, top1: right === 1, at5: right, reciprocalRank: right, missing: [] };
  }
  const top5 = new Set(ranked.slice(0, 5));
  const wanted = Math.min(5, query.expected.length);
  const found5 = query.expected.filter((id) => top5.has(id)).length;
  const all = new Set(ranked);
  const first = ranked.findIndex((id) => query.expected.includes(id));
  return {
    query,
    ranked,
    top1: ranked[0] !== undefined && query.expected.includes(ranked[0]),
    at5: Math.min(found5, wanted) / wanted,
    reciprocalRank: first < 0 ? 0 : 1 / (first + 1),
    missing: query.expected.filter((id) => !all.has(id)),
  };
}

const mean = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0) / Math.max(1, values.length);

function summarise(outcomes: readonly QueryOutcome[]): ClassRecall {
  return {
    queries: outcomes.length,
    recallAt1: mean(outcomes.map((o) => Number(o.top1))),
    recallAt5: mean(outcomes.map((o) => o.at5)),
    mrr: mean(outcomes.map((o) => o.reciprocalRank)),
  };
}

/** Runs every labelled query through `rank` and scores the answers. */
export function measureRecall(rank: RankIds, queries: readonly LabelledQuery[]): RecallReport {
  const outcomes = queries.map((query) => outcomeOf(query, rank(query.query, query.kinds)));
  const answerable = outcomes.filter((o) => o.query.expected.length > 0);
  const nonsense = outcomes.filter((o) => o.query.expected.length === 0);
  const classes = [...new Set(queries.map((query) => query.tag))];
  const overall = summarise(answerable);
  return {
    recallAt1: overall.recallAt1,
    recallAt5: overall.recallAt5,
    mrr: overall.mrr,
    complete: mean(answerable.map((o) => Number(o.missing.length === 0))),
    nonsenseAnswered: nonsense.filter((o) => o.ranked.length > 0).length,
    nonsenseQueries: nonsense.length,
    byClass: Object.fromEntries(classes.map((tag) => [tag, summarise(outcomes.filter((o) => o.query.tag === tag))])),
    outcomes,
  };
}
