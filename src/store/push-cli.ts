// `npm run data:push -- [dir]`: loads a data directory (DATA_DIR by default) into the PostgreSQL store of DATABASE_URL
// as its new live version, validated as a whole and audited. Every running process of the bot loads it at once.
import { userInfo } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DataLockBusyError } from '../admin/lock.ts';
import { storeProblemOf } from '../admin/problems.ts';
import { invalidData } from '../admin/startup.ts';
import { ConfigError, loadConfig, readEnvironment, type Config } from '../config.ts';
import { createLogger, type Logger } from '../logger.ts';
import { PgDataStore } from './postgres/pg-store.ts';
import { pushDataDirectory } from './push.ts';

/** What data:push prints; tests import it. */
export const pushMessages = Object.freeze({
  usage: 'usage: npm run data:push -- [data-dir]   (default: DATA_DIR; needs DATABASE_URL)',
  needsDatabase: 'data:push loads a data directory into PostgreSQL: set DATABASE_URL (see .env.example). With files, edit DATA_DIR and use /data reload.',
  cannotOpen: (reason: string) => `Nothing was pushed: ${reason}.`,
  busy: 'Nothing was pushed: another data change is in progress. Try again in a moment.',
  unchanged: (version: string, location: string) => `Nothing changed: version ${version} is already live in ${location}.`,
  applied: (dir: string, location: string, from: string, to: string, summary: string) =>
    `Pushed ${dir} to ${location}: version ${from} → ${to} is live (${summary}). Every running process of the bot loads it now.`,
});

export interface PushIO {
  readonly env: NodeJS.ProcessEnv;
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
  readonly logger?: Logger;
}

/** Pushes the directory named in `argv` (or DATA_DIR); resolves with the exit code: 0 pushed or unchanged, 1 refused, 2 usage. */
export async function runPush(argv: readonly string[], io: PushIO): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h') || argv.length > 1) {
    io.stdout.write(`${pushMessages.usage}\n`);
    return argv.length > 1 ? 2 : 0;
  }
  let config: Config;
  try {
    config = loadConfig(io.env);
  } catch (error) {
    if (error instanceof ConfigError) return fail(io, `Config error: ${error.message}`);
    throw error;
  }
  if (config.databaseUrl === undefined) return fail(io, pushMessages.needsDatabase);
  const dir = path.resolve(argv[0] ?? config.dataDir);
  const logger = io.logger ?? createLogger(config.logLevel ?? 'warn', 2);

  let store: PgDataStore;
  try {
    store = await PgDataStore.open({ url: config.databaseUrl, historyLimit: config.historyLimit, logger });
  } catch (error) {
    return fail(io, pushMessages.cannotOpen(reasonOf(error)));
  }
  try {
    const result = await pushDataDirectory(store, dir, { by: { id: 'operator', name: `data:push by ${userInfo().username}` }, action: 'push' });
    switch (result.kind) {
      case 'invalid':
        return fail(io, `Nothing was pushed. ${invalidData(dir, result.problems).message}`);
      case 'unchanged':
        io.stdout.write(`${pushMessages.unchanged(result.version, store.location)}\n`);
        return 0;
      case 'applied':
        io.stdout.write(`${pushMessages.applied(dir, store.location, result.from, result.to, result.summary)}\n`);
        for (const note of result.notes) io.stderr.write(`${note}\n`);
        return 0;
    }
  } catch (error) {
    if (error instanceof DataLockBusyError) return fail(io, pushMessages.busy);
    const problem = storeProblemOf(error);
    if (problem) return fail(io, pushMessages.cannotOpen(problem.message));
    throw error;
  } finally {
    await store.close();
  }
}

function reasonOf(error: unknown): string {
  return storeProblemOf(error)?.message ?? (error instanceof Error ? error.message : String(error));
}

function fail(io: PushIO, line: string): number {
  io.stderr.write(`${line}\n`);
  return 1;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await runPush(process.argv.slice(2), { env: readEnvironment(), stdout: process.stdout, stderr: process.stderr });
}
