// Opening the data store the config asks for: the files of DATA_DIR and STATE_DIR by default, or PostgreSQL with
// DATABASE_URL, migrated and, on its first start, seeded from DATA_DIR. Every way it can fail is one line.
import { FileDataStore } from '../admin/file-store.ts';
import { storeProblemOf } from '../admin/problems.ts';
import { checkDataDirectory, DataLoadError, invalidData } from '../admin/startup.ts';
import { EMPTY_VERSION, type DataStore } from '../admin/store.ts';
import type { Config } from '../config.ts';
import type { Logger } from '../logger.ts';
import { locationOf, PgDataStore } from './postgres/pg-store.ts';
import { pushDataDirectory } from './push.ts';

/** Messages of opening a store; tests import them. */
export const openMessages = Object.freeze({
  cannotOpen: (location: string, reason: string) => `Start-up stopped: the database ${location} cannot be opened: ${reason}.`,
  unreachable: (problem: string) => `Start-up stopped: ${problem}. Start the bot again once the database is up.`,
});

/** Who seeds an empty database, in its history and audit log. */
export const SEEDER = Object.freeze({ id: 'system', name: 'first start (DATA_DIR)' });

/** The store the config asks for, ready to read. Throws DataLoadError, whose message is one line, when it cannot open. */
export async function openDataStore(config: Config, logger: Logger): Promise<DataStore> {
  const url = config.databaseUrl;
  if (url === undefined) return new FileDataStore({ dataDir: config.dataDir, stateDir: config.stateDir, historyLimit: config.historyLimit });
  let store: PgDataStore;
  try {
    store = await PgDataStore.open({ url, historyLimit: config.historyLimit, logger });
  } catch (error) {
    throw cannotOpen(locationOf(url), error);
  }
  try {
    await seedIfEmpty(store, config, logger);
  } catch (error) {
    await store.close();
    throw error instanceof DataLoadError ? error : cannotOpen(store.location, error);
  }
  return store;
}

/** An empty database gets the articles of DATA_DIR (the bundled data by default) as its first version. */
async function seedIfEmpty(store: PgDataStore, config: Config, logger: Logger): Promise<void> {
  if ((await store.liveVersion()) !== EMPTY_VERSION) return;
  await checkDataDirectory(config.dataDir);
  // Several processes starting on one empty database: the first seeds it, the others find it seeded.
  const result = await pushDataDirectory(store, config.dataDir, { by: SEEDER, action: 'seed', onlyOver: EMPTY_VERSION });
  if (result.kind === 'invalid') throw invalidData(config.dataDir, result.problems);
  if (result.kind === 'applied') logger.info({ dataDir: config.dataDir, version: result.to, database: store.location }, 'seeded the empty database from DATA_DIR');
}

function cannotOpen(location: string, error: unknown): DataLoadError {
  const problem = storeProblemOf(error);
  if (problem) return new DataLoadError(openMessages.unreachable(problem.message), location);
  return new DataLoadError(openMessages.cannotOpen(location, error instanceof Error ? error.message : String(error)), location);
}
