// One benchmark run in a fresh process: load a data directory, time both searches on the same queries, report JSON.
import { readFile } from 'node:fs/promises';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { readArticleFiles } from '../src/data/load.ts';
import { validateArticleFiles, validateArticleFilesInSlices } from '../src/data/validate.ts';
import { entryCount } from '../src/search/documents.ts';
import { buildEntrySearch, buildEntrySearchInSlices, THREAD_MIN_ENTRIES, type EntrySearch } from '../src/search/search.ts';
import { PlainFuseSearch } from './baseline.ts';
import type { GeneratedQuery } from './queries.ts';

export interface Latencies {
  readonly count: number;
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
  readonly qps: number;
}

export interface EngineReport {
  readonly buildMs: number;
  readonly autocomplete: Latencies;
  readonly command: Latencies;
  /** Share of answerable queries whose top hit is one of the expected entries, per query type. */
  readonly top1: Readonly<Record<string, number>>;
  /** Per query: was the top hit right? (index into the query list, for agreement counts). */
  readonly right: readonly boolean[];
}

export interface MeasureReport {
  readonly size: number;
  readonly entries: number;
  /** `indexOneThread`: the same index built on one thread, for archives large enough to get a text thread. */
  readonly loadMs: { readonly read: number; readonly validate: number; readonly index: number; readonly indexOneThread?: number };
  readonly rssMb: number;
  readonly heapMb: number;
  /** Memory the search index retains: heap and typed arrays after a full collection, less what they were before it. */
  readonly indexMb: number;
  readonly reload: { readonly ms: number; readonly maxStallMs: number };
  readonly ours: EngineReport;
  readonly baseline: EngineReport;
  /** Top-hit accuracy per query type on the queries both engines ran (the baseline runs a prefix of the list). */
  readonly shared: { readonly ours: Readonly<Record<string, number>>; readonly baseline: Readonly<Record<string, number>> };
}

export interface QueryFile {
  readonly queries: readonly GeneratedQuery[];
  readonly prefixes: readonly GeneratedQuery[];
  /** Other queries of the same types, run once before measuring: a bot that has served a while is warm. */
  readonly warmUp: readonly GeneratedQuery[];
}

function latencies(samples: number[]): Latencies {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  const total = samples.reduce((sum, value) => sum + value, 0);
  return { count: samples.length, p50: at(0.5), p95: at(0.95), p99: at(0.99), qps: total > 0 ? (samples.length * 1000) / total : 0 };
}

function timeEach(queries: readonly GeneratedQuery[], run: (query: GeneratedQuery) => readonly string[]): { samples: number[]; tops: (string | undefined)[] } {
  const samples: number[] = [];
  const tops: (string | undefined)[] = [];
  for (const query of queries) {
    const started = performance.now();
    const ids = run(query);
    samples.push(performance.now() - started);
    tops.push(ids[0]);
  }
  return { samples, tops };
}

function quality(queries: readonly GeneratedQuery[], tops: readonly (string | undefined)[]): { top1: Record<string, number>; right: boolean[] } {
  const right = queries.map((query, i) => {
    const top = tops[i];
    return query.expected.length === 0 ? top === undefined : top !== undefined && query.expected.includes(top);
  });
  return { top1: shareRightByType(queries, right), right };
}

/** Share of right top hits per query type. */
function shareRightByType(queries: readonly GeneratedQuery[], right: readonly boolean[]): Record<string, number> {
  const byType = new Map<string, { right: number; total: number }>();
  queries.forEach((query, i) => {
    const tally = byType.get(query.type) ?? { right: 0, total: 0 };
    tally.total++;
    if (right[i] === true) tally.right++;
    byType.set(query.type, tally);
  });
  return Object.fromEntries([...byType].map(([type, { right: r, total }]) => [type, r / total]));
}

function measureEngine(
  buildMs: number,
  queries: readonly GeneratedQuery[],
  prefixes: readonly GeneratedQuery[],
  search: (query: string, query2: GeneratedQuery, limit?: number) => readonly string[],
): EngineReport {
  const command = timeEach(queries, (query) => search(query.query, query));
  const autocomplete = timeEach(prefixes, (query) => search(query.query, query, 25));
  const { top1, right } = quality(queries, command.tops);
  return { buildMs, command: latencies(command.samples), autocomplete: latencies(autocomplete.samples), top1, right };
}

/** A benchmark of a build that fell back to one thread would measure the wrong build: it stops instead. */
function onThreadFailure(reason: string): never {
  throw new Error(`the text thread failed: ${reason}`);
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { dir: { type: 'string' }, queries: { type: 'string' }, size: { type: 'string' }, 'baseline-limit': { type: 'string' } } });
  if (!values.dir || !values.queries) throw new Error('usage: measure.ts --dir DIR --queries FILE [--baseline-limit N]');
  const { queries, prefixes, warmUp } = JSON.parse(await readFile(values.queries, 'utf8')) as QueryFile;

  let started = performance.now();
  const files = await readArticleFiles(values.dir);
  const read = performance.now() - started;
  started = performance.now();
  const validated = validateArticleFiles(files);
  if (!validated.ok) throw new Error(`generated data does not validate: ${validated.problems[0]?.message ?? ''}`);
  const validate = performance.now() - started;
  const gc = (globalThis as { gc?: () => void }).gc;
  const retained = (): number => {
    // Twice: memory outside the heap (typed arrays) and what only a finaliser held are freed by the second collection;
    // after one, a 100k build read 50 MB where it holds 30.
    gc?.();
    gc?.();
    const usage = process.memoryUsage();
    return usage.heapUsed + usage.arrayBuffers;
  };
  const beforeIndex = retained();
  started = performance.now();
  // The build the bot runs at start-up: in slices, a large archive's texts read on a second thread.
  const search: EntrySearch = await buildEntrySearchInSlices(validated.dataset, { onThreadFailure });
  const index = performance.now() - started;
  const indexMb = (retained() - beforeIndex) / 1e6;
  const { dataset } = validated;
  const entries = dataset.quotes.length + dataset.deals.length + dataset.facts.length;

  // Warm up on queries that are not measured, of every type and as autocomplete: the JIT compiles the paths they
  // take and the scratch arrays are touched once, as in a bot that has been serving for a while.
  for (const query of warmUp) {
    search.search(query.query, { kinds: query.kinds });
    search.suggest(query.query.slice(0, 4), query.kinds, 25);
  }
  gc?.();
  const memory = process.memoryUsage();

  const ours = measureEngine(index, queries, prefixes, (text, query, limit) =>
    limit === undefined ? search.search(text, { kinds: query.kinds }).map((hit) => hit.entry.id) : search.suggest(text, query.kinds, limit).map((entry) => entry.id),
  );

  // A reload while the bot serves: read, validate and index in slices; the event loop must stay responsive.
  const delay = monitorEventLoopDelay({ resolution: 1 });
  delay.enable();
  started = performance.now();
  const reloaded = await validateArticleFilesInSlices(await readArticleFiles(values.dir));
  if (reloaded.ok) await buildEntrySearchInSlices(reloaded.dataset, { onThreadFailure });
  const reloadMs = performance.now() - started;
  delay.disable();

  // What the text thread saves, in the same process and the same state of the machine (its speed varies by run).
  let indexOneThread: number | undefined;
  if (entryCount(dataset) >= THREAD_MIN_ENTRIES) {
    gc?.();
    started = performance.now();
    buildEntrySearch(dataset);
    indexOneThread = performance.now() - started;
  }

  // The baseline scans everything on every query: at 100k entries each query takes a second or more, so it runs a
  // prefix of the same query list (the same mix of types) when a limit is given.
  const limit = values['baseline-limit'] ? Number(values['baseline-limit']) : queries.length;
  started = performance.now();
  const plain = limit > 0 ? new PlainFuseSearch(dataset) : undefined;
  const baselineBuild = performance.now() - started;
  const baseline = measureEngine(baselineBuild, queries.slice(0, limit), prefixes.slice(0, Math.ceil(limit / 2)), (text, query, max) => plain?.search(text, query.kinds, max) ?? []);

  const report: MeasureReport = {
    size: Number(values.size ?? entries),
    entries,
    loadMs: { read, validate, index, indexOneThread },
    rssMb: memory.rss / 1e6,
    heapMb: memory.heapUsed / 1e6,
    indexMb,
    reload: { ms: reloadMs, maxStallMs: delay.max / 1e6 },
    ours,
    baseline,
    shared: { ours: shareRightByType(queries.slice(0, limit), ours.right.slice(0, limit)), baseline: baseline.top1 },
  };
  process.stdout.write(`${JSON.stringify(report)}\n`);
}

await main();
