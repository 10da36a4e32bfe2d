// `npm run bench:draft -- <article.txt> <curated.json> [--data DIR]`: drafts the article and scores it against the curated file.
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { buildDataset } from '../src/data/dataset.ts';
import { loadDataDirectory } from '../src/data/load.ts';
import { parseArticleFile } from '../src/data/validate.ts';
import { draftArticle, liveDataOf, type DraftRequest, type LiveData } from '../src/draft/draft.ts';
import { language } from '../src/draft/language.ts';
import { scoreDraft } from '../src/draft/score.ts';

/** The goals issue 11 sets for the bundled article. */
const GOALS = Object.freeze({ recall: 0.95, speakerAccuracy: 0.9, precision: 0.9, milliseconds: 1000 });
const WARM_RUNS = 5;

const { values, positionals } = parseArgs({ allowPositionals: true, options: { data: { type: 'string' } } });
const [textFile, curatedFile] = positionals;
if (!textFile || !curatedFile) {
  console.error('usage: npm run bench:draft -- <article.txt> <curated.json> [--data DIR]');
  process.exit(2);
}
let content: Buffer;
try {
  content = await readFile(textFile);
} catch {
  console.error(`${textFile}: not found; the benchmark needs the article's text (it is never part of the repository).`);
  process.exit(2);
}
const parsed = parseArticleFile({ file: curatedFile, text: await readFile(curatedFile, 'utf8') });
if (!parsed.document) {
  console.error(`${curatedFile}: not a valid article file (${parsed.problems[0]?.message ?? 'unknown problem'})`);
  process.exit(2);
}
const curated = parsed.document.article;

// Drafting against live data that already holds this article would find every entity: leave it out.
let live: LiveData | undefined;
if (values.data) {
  const loaded = await loadDataDirectory(values.data);
  if (!loaded.ok) throw new Error(`${values.data} does not load`);
  live = liveDataOf(buildDataset(loaded.dataset.documents.filter((document) => document.article.source.id !== curated.source.id)));
}

const request: DraftRequest = {
  upload: { name: textFile, content },
  source: { publisher: curated.source.publisher, published: curated.source.published, authors: curated.source.authors, ...(curated.source.url ? { url: curated.source.url } : {}) },
  ...(live ? { live } : {}),
};
let started = performance.now();
language();
const modelLoad = performance.now() - started;
started = performance.now();
const draft = draftArticle(request);
const cold = performance.now() - started;
const warm: number[] = [];
for (let i = 0; i < WARM_RUNS; i++) {
  started = performance.now();
  draftArticle(request);
  warm.push(performance.now() - started);
}
warm.sort((a, b) => a - b);
const median = warm[Math.floor(warm.length / 2)] ?? 0;

const score = scoreDraft(draft.article, curated, live?.entities ?? []);
const percent = (value: number): string => `${(value * 100).toFixed(1)} %`;
const rows: [string, string, string, boolean][] = [
  ['quotation recall (verbatim)', `${percent(score.recall)} (${String(score.found)}/${String(score.curatedQuotes)})`, `≥ ${percent(GOALS.recall)}`, score.recall >= GOALS.recall],
  ['speaker accuracy', `${percent(score.speakerAccuracy)} (${String(score.rightSpeaker)}/${String(score.found)})`, `≥ ${percent(GOALS.speakerAccuracy)}`, score.speakerAccuracy >= GOALS.speakerAccuracy],
  ['precision', `${percent(score.precision)} (${String(score.draftedQuotes - score.extra.length)}/${String(score.draftedQuotes)})`, `≥ ${percent(GOALS.precision)}`, score.precision >= GOALS.precision],
  ['entity recall', percent(score.entityRecall), '–', true],
  ['time, loading the language model (once per process)', `${modelLoad.toFixed(0)} ms`, '–', true],
  ['time, first draft', `${cold.toFixed(0)} ms`, `< ${String(GOALS.milliseconds)} ms`, cold < GOALS.milliseconds],
  [`time, median of ${String(WARM_RUNS)} more`, `${median.toFixed(0)} ms`, `< ${String(GOALS.milliseconds)} ms`, median < GOALS.milliseconds],
];
console.log(`${textFile} against ${curatedFile}${live ? ` (reusing ${String(live.entities.length)} live entities)` : ' (no live data)'}\n`);
console.log('| measure | result | goal |\n|---|---:|---:|');
for (const [name, result, goal, met] of rows) console.log(`| ${name} | ${result} | ${goal}${met ? '' : ' ✗'} |`);
const show = (title: string, items: readonly string[]): void => {
  if (items.length > 0) console.log(`\n${title}:\n${items.map((item) => `  • ${item}`).join('\n')}`);
};
show('Missed quotations', score.missed);
show('Drafted quotations not in the curated file', score.extra);
show('Wrong speakers', score.wrongSpeakers.map((wrong) => `“${wrong.text}”: drafted ${wrong.drafted}, curated ${wrong.curated}`));
show('Curated entities not drafted', score.missedEntities);
if (rows.some(([, , , met]) => !met)) process.exitCode = 1;
