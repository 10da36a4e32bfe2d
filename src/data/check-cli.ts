// `npm run data:check -- [--source article.txt] [dir | file.json]`: validates a data directory, or one article file
// merged into the live data as an import would merge it; with --source, also runs the copy check against the
// article's text. Every problem is printed as `file: json.path: message`.
import { readFile, stat } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { copyProblems } from './copy-check.ts';
import { countEntries, type Dataset } from './dataset.ts';
import { loadDataDirectory, readArticleFiles } from './load.ts';
import { formatProblem, mergeArticle, parseArticleFile, validateDocuments, type DataProblem, type RawArticleFile, type ValidationResult } from './validate.ts';

const USAGE = 'usage: npm run data:check -- [--source <article.txt>] [data-dir | article.json]';

const { values, positionals } = parseArgs({ options: { source: { type: 'string' }, help: { type: 'boolean', short: 'h' } }, allowPositionals: true });
if (values.help === true || positionals.length > 1) {
  console.log(USAGE);
  process.exit(values.help === true ? 0 : 2);
}
const liveDir = process.env.DATA_DIR ?? 'data';
const target = positionals[0] ?? liveDir;

interface Checked {
  readonly result: ValidationResult;
  /** The files the copy check reads. */
  readonly files: readonly RawArticleFile[];
  /** What was checked, for the summary line. */
  readonly label: string;
  /** The version is the data directory's own; a file merged under its own name would give a version no import gives. */
  readonly showVersion: boolean;
}

/** Reads a file the user named, or ends with one line saying why it cannot be read. */
async function readNamed(file: string, what: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    const reason = error instanceof Error && 'code' in error && error.code === 'ENOENT' ? 'does not exist' : 'cannot be read';
    console.error(`${file}: ${reason} (${what})`);
    process.exit(2);
  }
}

/** One article file checked against the live data: the way /data validate checks an upload. */
async function checkFile(file: string): Promise<Checked> {
  const raw = { file, text: await readNamed(file, 'the article file to check') };
  const parsed = parseArticleFile(raw);
  if (!parsed.document) return { result: { ok: false, problems: parsed.problems }, files: [raw], label: file, showVersion: false };
  const live = await loadDataDirectory(liveDir);
  if (!live.ok) {
    console.error(`${liveDir}: the live data it is checked against has problems of its own:`);
    return { result: live, files: [raw], label: file, showVersion: false };
  }
  const merged = mergeArticle(live.dataset.documents, parsed.document);
  const how = merged.replaces ? `replacing ${merged.replaces.file}` : 'as a new article';
  return { result: validateDocuments(merged.documents), files: [raw], label: `${file} (merged into ${liveDir}, ${how})`, showVersion: false };
}

/** Every article file of a data directory, validated together. */
async function checkDirectory(dir: string): Promise<Checked> {
  let files: RawArticleFile[] = [];
  const result = await loadDataDirectory(dir, async () => (files = await readArticleFiles(dir)));
  return { result, files, label: dir, showVersion: true };
}

const isFile = await stat(target).then(
  (info) => info.isFile(),
  () => target.endsWith('.json'),
);
const { result, files, label, showVersion } = isFile ? await checkFile(target) : await checkDirectory(target);
const problems: DataProblem[] = result.ok ? [] : [...result.problems];
if (values.source !== undefined) problems.push(...copyProblems(await readNamed(values.source, 'the article text for --source'), files));

if (problems.length === 0 && result.ok) {
  console.log(`${label}: ok${showVersion ? ` (version ${result.dataset.version})` : ''}: ${describe(result.dataset)}`);
  if (values.source !== undefined) console.log(`${values.source}: copy check: no run of 12 words copied, every quote verbatim`);
} else {
  for (const problem of problems) console.error(formatProblem(problem));
  console.error(`${label}: ${String(problems.length)} problem${problems.length === 1 ? '' : 's'}`);
  process.exitCode = 1;
}

function describe(dataset: Dataset): string {
  const counts = countEntries(dataset);
  return (
    `${String(counts.sources)} sources, ${String(counts.entities)} people and organisations, ` +
    `${String(counts.quotes)} quotes, ${String(counts.deals)} deals, ${String(counts.facts)} facts`
  );
}
