// `npm run bench`: the project's search against plain fuse.js at 1k, 10k and 100k entries (and 1M by hand), and
// against MiniSearch and plain fuse.js on the labelled queries; writes a table and a plot to bench/out/, or with
// --save to the committed bench/results.md and results.svg.
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os, { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs, promisify } from 'node:util';
import { BUNDLED_DATA_DIR } from '../src/config.ts';
import { readArticleFiles } from '../src/data/load.ts';
import type { Dataset } from '../src/data/dataset.ts';
import { validateArticleFiles } from '../src/data/validate.ts';
import { buildEntrySearch } from '../src/search/search.ts';
import { LABELLED_QUERIES, QUALITY_GOALS, QUERY_CLASSES } from '../test/search/labelled-queries.ts';
import { measureRecall, type RecallReport } from '../test/search/recall.ts';
import { PlainFuseSearch } from './baseline.ts';
import { MiniSearchBaseline } from './minisearch.ts';
import type { MeasureReport, QueryFile } from './measure.ts';
import { generatePrefixes, generateQueries } from './queries.ts';
import { renderLatencyPlot } from './plot.ts';
import { generateDataset, writeDataset } from './synthetic.ts';

const run = promisify(execFile);
const HERE = path.dirname(fileURLToPath(import.meta.url));

/** The targets on this machine: at 100,000 entries (issues 3 and 13), and at a million (issue 13). */
export const TARGETS = Object.freeze({
  autocompleteP95Ms: 2,
  commandP95Ms: 5,
  buildMs: 3000,
  stallMs: 50,
  rssMb: 500,
  million: Object.freeze({ buildMs: 10_000, indexMb: 250, commandP95Ms: 10, commandP99Ms: 25 }),
});

/** Where a run writes unless told --save: ignored by git, so a run leaves the working tree clean. */
const OUT_DIR = path.join(HERE, 'out');

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '1000,10000,100000' },
    queries: { type: 'string', default: '40' },
    smoke: { type: 'boolean', default: false },
    save: { type: 'boolean', default: false },
    out: { type: 'string' },
    'write-dataset': { type: 'string' },
    size: { type: 'string' },
  },
});

async function writeOnly(dir: string, size: number): Promise<void> {
  await writeDataset(dir, generateDataset({ size }));
  console.log(`wrote a ${size.toLocaleString('en-US')}-entry dataset to ${dir}; start the bot on it with DATA_DIR=${dir} npm start`);
}

async function measureSize(size: number, perType: number): Promise<MeasureReport> {
  const dir = await mkdtemp(path.join(tmpdir(), `newsdesk-bench-${size}-`));
  try {
    const synthetic = generateDataset({ size });
    await writeDataset(dir, synthetic);
    const file: QueryFile = {
      queries: generateQueries(synthetic, perType),
      prefixes: generatePrefixes(synthetic, perType * 5),
      warmUp: generateQueries(synthetic, Math.max(2, Math.round(perType / 4)), 1234),
    };
    const queriesPath = path.join(dir, 'queries.json');
    await writeFile(queriesPath, JSON.stringify(file));
    // At 100k a plain fuse.js query takes over a second: the baseline runs the first part of the same mix; at a
    // million (half a minute a query) it does not run.
    const baselineLimit = size >= 1_000_000 ? 0 : size >= 100_000 ? 35 : size >= 10_000 ? 140 : file.queries.length;
    const { stdout } = await run(
      process.execPath,
      ['--expose-gc', '--max-old-space-size=8192', '--import', 'tsx', path.join(HERE, 'measure.ts'), '--dir', dir, '--queries', queriesPath, '--size', String(size), '--baseline-limit', String(baselineLimit)],
      { maxBuffer: 256 * 1024 * 1024 },
    );
    return JSON.parse(stdout) as MeasureReport;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** One engine's answers to the labelled queries. */
interface EngineQuality {
  readonly engine: string;
  readonly report: RecallReport;
}

/** The bundled article, optionally without the entries' keywords (to show what the ranking does on its own). */
async function bundledDataset(withKeywords: boolean): Promise<Dataset> {
  const files = await readArticleFiles(BUNDLED_DATA_DIR);
  const stripped = withKeywords ? files : files.map((file) => ({ ...file, text: JSON.stringify(withoutKeywords(JSON.parse(file.text))) }));
  const validated = validateArticleFiles(stripped);
  if (!validated.ok) throw new Error('the bundled data does not load');
  return validated.dataset;
}

function withoutKeywords(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutKeywords);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).filter(([key]) => key !== 'keywords').map(([key, inner]) => [key, withoutKeywords(inner)]));
}

/** Every engine on the labelled queries of the bundled article, the bot first. */
async function labelledQuality(): Promise<EngineQuality[]> {
  const dataset = await bundledDataset(true);
  const search = buildEntrySearch(dataset);
  const bare = buildEntrySearch(await bundledDataset(false));
  const mini = new MiniSearchBaseline(dataset);
  const plain = new PlainFuseSearch(dataset);
  return [
    { engine: 'this bot', report: measureRecall((query, kinds) => search.search(query, { kinds }).map((hit) => hit.entry.id), LABELLED_QUERIES) },
    { engine: 'this bot, keywords removed', report: measureRecall((query, kinds) => bare.search(query, { kinds }).map((hit) => hit.entry.id), LABELLED_QUERIES) },
    { engine: 'MiniSearch', report: measureRecall((query, kinds) => mini.searchIds(query, kinds), LABELLED_QUERIES) },
    { engine: 'plain fuse.js', report: measureRecall((query, kinds) => plain.search(query, kinds), LABELLED_QUERIES) },
  ];
}

const ms = (value: number): string => (value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(2));
const pct = (value: number): string => `${(value * 100).toFixed(1)}%`;
const check = (ok: boolean): string => (ok ? '✅' : '❌');

const dash = (ran: boolean, text: string): string => (ran ? text : '–');

function renderMarkdown(reports: readonly MeasureReport[], labelled: readonly EngineQuality[], plotFile: string, smoke: boolean): string {
  const lines: string[] = [];
  const cpu = os.cpus();
  const load = os.loadavg()[0] ?? 0;
  lines.push('# Search benchmark', '');
  lines.push(`Generated by \`npm run bench${smoke ? ' -- --smoke' : ''}\` on ${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ${String(cpu.length)} cores (${cpu[0]?.model ?? 'unknown CPU'}), load average ${load.toFixed(1)} at the end of the run (the machine is shared: latencies vary by ±30% and more between runs).`);
  lines.push('Each size runs in a fresh process on a generated archive written to disk; both engines answer the same queries (exact names, typos, aliases, Cyrillic, multi-word names, company names, nonsense). Latencies are per query, after a warm-up on other generated queries of the same types. "Plain fuse.js" is one Fuse over every entry, keys speaker and text, `ignoreLocation: true`, threshold 0.4; at a million entries it is not run (half a minute a query). "Index" is the memory the search index retains (heap and typed arrays after a full collection, less the dataset).', '');
  lines.push(`![Latency against dataset size](${plotFile})`, '');
  lines.push('## Speed', '');
  lines.push('| entries | engine | load: read / validate / index (ms) | autocomplete p50 / p95 / p99 (ms) | command p50 / p95 / p99 (ms) | queries/s (command) | index (MB) | RSS (MB) | reload: time / longest stall (ms) |');
  lines.push('|---:|---|---|---|---|---:|---:|---:|---|');
  for (const report of reports) {
    const { ours, baseline } = report;
    const ran = baseline.command.count > 0;
    lines.push(
      `| ${report.entries.toLocaleString('en-US')} | this bot | ${ms(report.loadMs.read)} / ${ms(report.loadMs.validate)} / ${ms(report.loadMs.index)} | ${ms(ours.autocomplete.p50)} / ${ms(ours.autocomplete.p95)} / ${ms(ours.autocomplete.p99)} | ${ms(ours.command.p50)} / ${ms(ours.command.p95)} / ${ms(ours.command.p99)} | ${ours.command.qps.toFixed(0)} | ${report.indexMb.toFixed(0)} | ${report.rssMb.toFixed(0)} | ${ms(report.reload.ms)} / ${ms(report.reload.maxStallMs)} |`,
    );
    lines.push(
      `| ${report.entries.toLocaleString('en-US')} | plain fuse.js | – / – / ${dash(ran, ms(baseline.buildMs))} | ${dash(ran, `${ms(baseline.autocomplete.p50)} / ${ms(baseline.autocomplete.p95)} / ${ms(baseline.autocomplete.p99)}`)} | ${dash(ran, `${ms(baseline.command.p50)} / ${ms(baseline.command.p95)} / ${ms(baseline.command.p99)}`)} | ${dash(ran, baseline.command.qps.toFixed(1))} | – | – | – |`,
    );
  }
  lines.push('', '| entries | speed-up, autocomplete p50 | speed-up, command p50 | queries measured (this bot / baseline) |', '|---:|---:|---:|---|');
  for (const report of reports) {
    const ran = report.baseline.command.count > 0;
    const ratio = (a: number, b: number): string => (ran ? `${(a / Math.max(b, 1e-6)).toFixed(0)}×` : '–');
    lines.push(
      `| ${report.entries.toLocaleString('en-US')} | ${ratio(report.baseline.autocomplete.p50, report.ours.autocomplete.p50)} | ${ratio(report.baseline.command.p50, report.ours.command.p50)} | ${String(report.ours.command.count + report.ours.autocomplete.count)} / ${String(report.baseline.command.count + report.baseline.autocomplete.count)} |`,
    );
  }
  const at100k = reports.find((report) => report.size === 100_000);
  if (at100k) {
    const build = at100k.loadMs.validate + at100k.loadMs.index;
    lines.push('', '## Targets at 100,000 entries', '', '| target | measured | met |', '|---|---:|:---:|');
    lines.push(`| autocomplete p95 ≤ ${String(TARGETS.autocompleteP95Ms)} ms | ${ms(at100k.ours.autocomplete.p95)} ms | ${check(at100k.ours.autocomplete.p95 <= TARGETS.autocompleteP95Ms)} |`);
    lines.push(`| command search p95 ≤ ${String(TARGETS.commandP95Ms)} ms | ${ms(at100k.ours.command.p95)} ms | ${check(at100k.ours.command.p95 <= TARGETS.commandP95Ms)} |`);
    lines.push(`| snapshot build (validate + index) ≤ ${String(TARGETS.buildMs)} ms | ${ms(build)} ms (+ ${ms(at100k.loadMs.read)} ms reading files) | ${check(build <= TARGETS.buildMs)} |`);
    lines.push(`| longest event-loop stall during a reload ≤ ${String(TARGETS.stallMs)} ms | ${ms(at100k.reload.maxStallMs)} ms | ${check(at100k.reload.maxStallMs <= TARGETS.stallMs)} |`);
    lines.push(`| resident memory ≤ ${String(TARGETS.rssMb)} MB | ${at100k.rssMb.toFixed(0)} MB | ${check(at100k.rssMb <= TARGETS.rssMb)} |`);
  }
  const atMillion = reports.find((report) => report.size >= 1_000_000);
  if (atMillion) {
    const goal = TARGETS.million;
    lines.push('', `## Targets at ${atMillion.entries.toLocaleString('en-US')} entries`, '', '| target | measured | met |', '|---|---:|:---:|');
    const oneThread = atMillion.loadMs.indexOneThread === undefined ? '' : `; ${ms(atMillion.loadMs.indexOneThread)} ms on one thread`;
    lines.push(`| index build ≤ ${goal.buildMs.toLocaleString('en-US')} ms | ${ms(atMillion.loadMs.index)} ms with the text thread${oneThread} (+ ${ms(atMillion.loadMs.validate)} ms validating, ${ms(atMillion.loadMs.read)} ms reading) | ${check(atMillion.loadMs.index <= goal.buildMs)} |`);
    lines.push(`| retained index ≤ ${String(goal.indexMb)} MB | ${atMillion.indexMb.toFixed(0)} MB | ${check(atMillion.indexMb <= goal.indexMb)} |`);
    lines.push(`| command search p95 ≤ ${String(goal.commandP95Ms)} ms | ${ms(atMillion.ours.command.p95)} ms | ${check(atMillion.ours.command.p95 <= goal.commandP95Ms)} |`);
    lines.push(`| command search p99 ≤ ${String(goal.commandP99Ms)} ms | ${ms(atMillion.ours.command.p99)} ms | ${check(atMillion.ours.command.p99 <= goal.commandP99Ms)} |`);
  }
  renderQuality(lines, labelled);
  lines.push('', 'On the generated queries (top hit is an expected entry; for nonsense, no hit), on the same queries for both engines. Generated names repeat (several companies are called "Atlas Energy", several speakers share a surname), so no engine can reach 100% on exact, typo and company queries at scale:', '');
  const types = [...new Set(reports.flatMap((report) => Object.keys(report.shared.ours)))];
  lines.push(`| entries | engine | ${types.join(' | ')} | disagreements where plain fuse.js is right |`, `|---:|---|${types.map(() => '---:').join('|')}|---:|`);
  for (const report of reports) {
    if (report.baseline.command.count === 0) {
      lines.push(`| ${report.entries.toLocaleString('en-US')} | this bot | ${types.map((type) => pct(report.ours.top1[type] ?? 0)).join(' | ')} | – |`);
      continue;
    }
    const shared = report.baseline.right.length;
    const disagreements = report.baseline.right.filter((right, i) => right && report.ours.right[i] === false).length;
    lines.push(`| ${report.entries.toLocaleString('en-US')} | this bot | ${types.map((type) => pct(report.shared.ours[type] ?? 0)).join(' | ')} | ${String(disagreements)} of ${String(shared)} |`);
    lines.push(`| ${report.entries.toLocaleString('en-US')} | plain fuse.js | ${types.map((type) => pct(report.shared.baseline[type] ?? 0)).join(' | ')} | |`);
  }
  lines.push('');
  return lines.join('\n');
}

/** The labelled-set tables: overall figures per engine, then recall@1 / recall@5 / MRR per class. */
function renderQuality(lines: string[], labelled: readonly EngineQuality[]): void {
  const count = LABELLED_QUERIES.length;
  lines.push('', '## Quality', '', `On the ${String(count)} labelled queries of the bundled article (\`test/search/labelled-queries.ts\`), on the same documents for every engine. MiniSearch gets the bot's fields, words and tokenizer (boosted in the bot's field order, prefix and fuzzy 0.2); "keywords removed" is the bot on the article without its entries' \`keywords\`. Goals: recall@1 ≥ ${pct(QUALITY_GOALS.recallAt1)}, recall@5 ≥ ${pct(QUALITY_GOALS.recallAt5)}, no class below ${pct(QUALITY_GOALS.classRecallAt1)}, nonsense answered ${String(QUALITY_GOALS.nonsenseAnswered)} times.`, '');
  lines.push('| engine | recall@1 | recall@5 | MRR | all expected entries found | nonsense answered | lowest class (recall@1) |', '|---|---:|---:|---:|---:|---:|---|');
  for (const { engine, report } of labelled) {
    const classes = Object.entries(report.byClass).filter(([tag]) => tag !== 'nonsense');
    const lowest = classes.sort((a, b) => a[1].recallAt1 - b[1].recallAt1)[0];
    lines.push(`| ${engine} | ${pct(report.recallAt1)} | ${pct(report.recallAt5)} | ${pct(report.mrr)} | ${pct(report.complete)} | ${String(report.nonsenseAnswered)} of ${String(report.nonsenseQueries)} | ${lowest ? `${lowest[0]} ${pct(lowest[1].recallAt1)}` : '–'} |`);
  }
  lines.push('', 'Per class, recall@1 / recall@5 / MRR (for nonsense: the share left unanswered):', '');
  lines.push(`| class | queries | ${labelled.map(({ engine }) => engine).join(' | ')} |`, `|---|---:|${labelled.map(() => '---').join('|')}|`);
  for (const tag of QUERY_CLASSES) {
    const queries = labelled[0]?.report.byClass[tag]?.queries ?? 0;
    const cells = labelled.map(({ report }) => {
      const summary = report.byClass[tag];
      return summary ? `${pct(summary.recallAt1)} / ${pct(summary.recallAt5)} / ${pct(summary.mrr)}` : '–';
    });
    lines.push(`| ${tag} | ${String(queries)} | ${cells.join(' | ')} |`);
  }
}

async function main(): Promise<void> {
  if (values['write-dataset']) {
    await writeOnly(values['write-dataset'], Number(values.size ?? '100000'));
    return;
  }
  const sizes = (values.smoke ? '1000' : values.sizes).split(',').map(Number);
  const perType = values.smoke ? 4 : Number(values.queries);
  const out = values.out ?? (values.save ? path.join(HERE, 'results.md') : path.join(OUT_DIR, values.smoke ? 'smoke.md' : 'results.md'));
  await mkdir(path.dirname(out), { recursive: true });
  const reports: MeasureReport[] = [];
  for (const size of sizes) {
    console.error(`measuring ${size.toLocaleString('en-US')} entries…`);
    const report = await measureSize(size, perType);
    reports.push(report);
    console.error(
      `  this bot: autocomplete p95 ${ms(report.ours.autocomplete.p95)} ms, command p95 ${ms(report.ours.command.p95)} / p99 ${ms(report.ours.command.p99)} ms, index ${ms(report.loadMs.index)} ms${report.loadMs.indexOneThread === undefined ? '' : ` (one thread ${ms(report.loadMs.indexOneThread)} ms)`} and ${report.indexMb.toFixed(0)} MB, RSS ${report.rssMb.toFixed(0)} MB, stall ${ms(report.reload.maxStallMs)} ms; plain fuse.js command p95 ${dash(report.baseline.command.count > 0, `${ms(report.baseline.command.p95)} ms`)}`,
    );
  }
  const labelled = await labelledQuality();
  const plotName = `${path.basename(out, '.md')}.svg`;
  await writeFile(path.join(path.dirname(out), plotName), renderLatencyPlot(reports));
  const markdown = renderMarkdown(reports, labelled, plotName, values.smoke);
  await writeFile(out, markdown);
  console.log(markdown);
  console.error(`wrote ${path.relative(process.cwd(), out)} and ${plotName}${values.save ? '' : ' (run with --save to update the committed bench/results.md)'}`);
  // The smoke run in CI guards quality too: the bot may never rank worse than plain fuse.js on the labelled set, nor
  // answer nonsense.
  const ours = labelled[0]?.report;
  const plain = labelled.find(({ engine }) => engine === 'plain fuse.js')?.report;
  if (ours && plain && (ours.recallAt1 < plain.recallAt1 || ours.recallAt5 < plain.recallAt5 || ours.nonsenseAnswered > QUALITY_GOALS.nonsenseAnswered)) {
    console.error('quality regression: the bot ranks worse than plain fuse.js on the labelled queries, or answers nonsense');
    process.exitCode = 1;
  }
}

await main();
