// Reads the data directory: every `articles/*.json` file, validated together into one dataset.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { RawArticleFile, ValidationResult } from './validate.ts';
import { validateArticleFiles } from './validate.ts';

/** Where article files live inside a data directory. */
export const ARTICLES_FOLDER = 'articles';

/** Article file names are plain, so that a name from an upload can never point outside the folder. */
export const ARTICLE_FILE_NAME = /^[a-z0-9][a-z0-9._-]{0,100}\.json$/;

/** Reads the raw text of every article file, sorted by name. Throws when the folder cannot be read. */
export async function readArticleFiles(dataDir: string): Promise<RawArticleFile[]> {
  const folder = path.join(dataDir, ARTICLES_FOLDER);
  const names = (await readdir(folder)).filter((name) => name.endsWith('.json') && !name.startsWith('.')).sort();
  return Promise.all(
    names.map(async (name) => ({ file: `${ARTICLES_FOLDER}/${name}`, text: await readFile(path.join(folder, name), 'utf8') })),
  );
}

/** Reads and validates the data directory; an unreadable folder is reported as a problem, not thrown. */
export async function loadDataDirectory(dataDir: string): Promise<ValidationResult> {
  let files: RawArticleFile[];
  try {
    files = await readArticleFiles(dataDir);
  } catch (error) {
    const reason = error instanceof Error && 'code' in error && error.code === 'ENOENT' ? 'does not exist' : 'cannot be read';
    return { ok: false, problems: [{ file: path.join(dataDir, ARTICLES_FOLDER), path: '', message: reason }] };
  }
  if (files.length === 0) {
    return { ok: false, problems: [{ file: path.join(dataDir, ARTICLES_FOLDER), path: '', message: 'holds no article files (*.json)' }] };
  }
  return validateArticleFiles(files);
}
