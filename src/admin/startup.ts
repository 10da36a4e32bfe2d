// Opening the data at start-up: DATA_DIR checked before it is read, an interrupted change finished or discarded,
// and every way it can fail told in one line that names the file or setting and the problem.
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from 'pino';
import { ARTICLES_FOLDER } from '../data/load.ts';
import { formatProblem, type DataProblem } from '../data/validate.ts';
import { errorCode } from './durable.ts';
import { logFieldsOf, storeProblemOf } from './problems.ts';
import type { DataStore, RecoveryOutcome } from './store.ts';

const SHOWN_PROBLEMS = 10;

/**
 * Start-up cannot load the data. `message` is printed as is; `headline` is always one line (for a sharded manager
 * that reports each shard's failure in one line).
 */
export class DataLoadError extends Error {
  override readonly name = 'DataLoadError';
  constructor(
    message: string,
    readonly dataDir: string,
    readonly problems: readonly DataProblem[] = [],
    readonly headline: string = message,
  ) {
    super(message);
  }
}

/** The data directory did not validate: the problems, one per line, under a line naming the directory. */
export function invalidData(dataDir: string, problems: readonly DataProblem[]): DataLoadError {
  const shown = problems.slice(0, SHOWN_PROBLEMS).map(formatProblem);
  const more = problems.length > SHOWN_PROBLEMS ? [`… and ${String(problems.length - SHOWN_PROBLEMS)} more`] : [];
  const count = `${String(problems.length)} problem${problems.length === 1 ? '' : 's'}`;
  const headline = `The data in ${dataDir} is not valid (${count}; first: ${shown[0] ?? 'none'})`;
  return new DataLoadError([`The data in ${dataDir} is not valid:`, ...shown, ...more].join('\n'), dataDir, problems, headline);
}

/** What is wrong with a file-system error, in a few words: "permission denied (EACCES)". */
function reasonOf(error: unknown): string {
  const code = errorCode(error);
  switch (code) {
    case 'EACCES':
    case 'EPERM':
      return `permission denied (${code})`;
    case 'ENOTDIR':
      return 'it is not a folder (ENOTDIR)';
    case 'ELOOP':
      return 'it is a loop of symbolic links (ELOOP)';
    case 'EIO':
      return 'the disk failed to read it (EIO)';
    default:
      return code ?? (error instanceof Error ? error.message : String(error));
  }
}

/** Fails with one line when DATA_DIR is missing, not a folder, or has no readable articles folder. */
export async function checkDataDirectory(dataDir: string): Promise<void> {
  const fail = (problem: string): never => {
    throw new DataLoadError(problem, dataDir);
  };
  try {
    if (!(await stat(dataDir)).isDirectory()) fail(`DATA_DIR ${dataDir} is a file, not a folder: point DATA_DIR at the folder that holds ${ARTICLES_FOLDER}/.`);
  } catch (error) {
    if (error instanceof DataLoadError) throw error;
    if (errorCode(error) === 'ENOENT') fail(`DATA_DIR ${dataDir} does not exist: point DATA_DIR at the folder that holds ${ARTICLES_FOLDER}/.`);
    fail(`DATA_DIR ${dataDir} cannot be read: ${reasonOf(error)}.`);
  }
  const folder = path.join(dataDir, ARTICLES_FOLDER);
  try {
    await readdir(folder);
  } catch (error) {
    if (errorCode(error) === 'ENOENT') fail(`${folder} does not exist: DATA_DIR must hold an ${ARTICLES_FOLDER}/ folder of article files.`);
    fail(`${folder} cannot be read: ${reasonOf(error)}.`);
  }
}

/**
 * Finishes a change interrupted after its commit point or discards one interrupted before it. A damaged journal stops
 * start-up (guessing could serve a mix of two versions); a journal that cannot be tidied (a read-only data directory
 * holding leftovers of an uncommitted change) is logged in one line and the articles are served as they are.
 */
export async function recoverAtStartUp(store: DataStore, dataDir: string, logger: Logger): Promise<RecoveryOutcome> {
  let recovery: RecoveryOutcome;
  try {
    recovery = await store.recover();
  } catch (error) {
    const problem = storeProblemOf(error);
    if (!problem) throw error;
    if (problem.kind === 'damaged') throw new DataLoadError(`Start-up stopped: ${problem.message}. ${problem.remedy}`, dataDir);
    logger.warn({ ...logFieldsOf(problem) }, `could not check for an interrupted data change: ${problem.message}`);
    return 'clean';
  }
  if (recovery !== 'clean') logger.warn({ recovery }, recovery === 'rolled-forward' ? 'finished a data change interrupted by a stop' : 'discarded a data change interrupted before it was committed');
  return recovery;
}
