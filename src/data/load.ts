// Reads the data directory: every `articles/*.json` file, validated together into one dataset.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { RawArticleFile, ValidationResult } from './validate.ts';
import { validateArticleFiles } from './validate.ts';

/** Where article files live inside a data directory. */
export const ARTICLES_FOLDER = 'articles';

/** Article file names are plain, so that a name from an upload can never point outside the folder. */
export const ARTICLE_FILE_NAME = /^[a-z0-9][a-z0-9._-]{0,100}\.json$/;

/** Files read at once: enough to keep the disk busy, few enough that their completions never stall the event loop. */
const READ_CONCURRENCY = 16;

/** Reads the raw text of every article file, sorted by name. Throws when the folder cannot be read. */
export async function readArticleFiles(dataDir: string): Promise<RawArticleFile[]> {
  const folder = path.join(dataDir, ARTICLES_FOLDER);
  const names = (await readdir(folder)).filter((name) => name.endsWith('.json') && !name.startsWith('.')).sort();
  const files: RawArticleFile[] = new Array<RawArticleFile>(names.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < names.length) {
      const index = next++;
      const name = names[index] ?? '';
      files[index] = { file: `${ARTICLES_FOLDER}/${name}`, text: await readFile(path.join(folder, name), 'utf8') };
    }
  };
  await Promise.all(Array.from({ length: Math.min(READ_CONCURRENCY, names.length) }, worker));
  return files;
}

/**
 * Reads and validates the data directory; an unreadable folder is reported as a problem, not thrown. `read` reads
 * the files (the bot's store reads them after finishing an interrupted change).
 */
export async function loadDataDirectory(dataDir: string, read: () => Promise<RawArticleFile[]> = () => readArticleFiles(dataDir)): Promise<ValidationResult> {
  let files: RawArticleFile[];
  try {
    files = await read();
  } catch (error) {
    const reason = error instanceof Error && 'code' in error && error.code === 'ENOENT' ? 'does not exist' : 'cannot be read';
    return { ok: false, problems: [{ file: path.join(dataDir, ARTICLES_FOLDER), path: '', message: reason }] };
  }
  if (files.length === 0) {
    return { ok: false, problems: [{ file: path.join(dataDir, ARTICLES_FOLDER), path: '', message: 'holds no article files (*.json)' }] };
  }
  return validateArticleFiles(files);
}
