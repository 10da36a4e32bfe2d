// `npm run data:draft -- <file> --publisher … --published YYYY-MM-DD [--authors "A, B"] [--url …] [--out draft.json]`
import { readFile, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { loadDataDirectory } from '../data/load.ts';
import { UserError } from '../interaction/errors.ts';
import { draftArticle, liveDataOf, type LiveData } from './draft.ts';
import { summaryLines } from './summary.ts';

const USAGE = 'usage: npm run data:draft -- <article.txt|.md|.html> --publisher NAME --published YYYY-MM-DD [--authors "A, B"] [--url URL] [--out draft.json] [--data DIR]';

async function main(): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      allowPositionals: true,
      options: {
        publisher: { type: 'string' }, published: { type: 'string' }, authors: { type: 'string' }, url: { type: 'string' },
        out: { type: 'string' }, data: { type: 'string' },
      },
    });
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  const file = positionals[0];
  if (!file || positionals.length > 1 || values.publisher === undefined || values.published === undefined) {
    console.error(USAGE);
    return 2;
  }
  let content: Buffer;
  try {
    content = await readFile(file);
  } catch (error) {
    const code = error instanceof Error && 'code' in error ? String(error.code) : '';
    console.error(`${file}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a folder, not an article' : 'cannot be read'}`);
    return 1;
  }
  const live = await liveData(values.data ?? process.env.DATA_DIR ?? 'data');
  try {
    const draft = draftArticle({
      upload: { name: file, content },
      source: {
        publisher: values.publisher, published: values.published,
        authors: (values.authors ?? '').split(',').map((author) => author.trim()).filter(Boolean),
        ...(values.url !== undefined ? { url: values.url } : {}),
      },
      live,
    });
    const json = `${JSON.stringify({ $schema: '../schema.json', ...draft.article }, null, 2)}\n`;
    if (values.out) await writeFile(values.out, json);
    else process.stdout.write(json);
    for (const line of summaryLines(draft)) console.error(line);
    console.error(values.out ? `\nWrote ${values.out} (suggested name: data/articles/${draft.fileName}).` : `\nSuggested file name: data/articles/${draft.fileName}.`);
    return 0;
  } catch (error) {
    if (error instanceof UserError) {
      console.error(error.message);
      return 1;
    }
    throw error;
  }
}

/** The live data's entities to reuse; a broken or missing data directory only means nothing is reused. */
async function liveData(dataDir: string): Promise<LiveData | undefined> {
  const result = await loadDataDirectory(dataDir);
  if (result.ok) return liveDataOf(result.dataset);
  console.error(`note: ${dataDir} did not load (${String(result.problems.length)} problems): no entities are reused.`);
  return undefined;
}

process.exitCode = await main();
