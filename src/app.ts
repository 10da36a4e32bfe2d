// Assembles the bot's core from a config: the data store, the dataset, its live snapshot, data management, dispatch.
import { commands as defaultCommands } from '../commands/index.ts';
import { DataAdmin, type AuditEntry, type ShardCoordinator } from './admin/admin.ts';
import { problemFields } from './admin/audit.ts';
import { checkDataDirectory, DataLoadError, invalidData, recoverAtStartUp } from './admin/startup.ts';
import type { DataStore, RecoveryOutcome } from './admin/store.ts';
import type { Config } from './config.ts';
import { loadDataDirectory } from './data/load.ts';
import { validateArticleFiles, type ValidationResult } from './data/validate.ts';
import { Dispatcher } from './interaction/dispatch.ts';
import type { BotServices, Command } from './interaction/types.ts';
import type { Logger } from './logger.ts';
import { buildSnapshotInSlices, LiveSnapshot } from './snapshot.ts';
import { openDataStore } from './store/open.ts';

export interface App {
  readonly config: Config;
  readonly logger: Logger;
  readonly live: LiveSnapshot;
  readonly services: BotServices;
  readonly dispatcher: Dispatcher;
  readonly dataAdmin: DataAdmin;
}

export { DataLoadError } from './admin/startup.ts';

export interface CreateAppOptions {
  readonly commands?: readonly Command[];
  /** Reaches the other shards of a sharded bot. */
  readonly coordinator?: ShardCoordinator;
  /** Posts data changes to the moderators' channel. */
  readonly notify?: (entry: AuditEntry) => Promise<void>;
  /** Where data changes are stored; by default PostgreSQL with DATABASE_URL, else the files in DATA_DIR and STATE_DIR. */
  readonly store?: DataStore;
  /** Refused /data attempts after one posted to the moderators' channel are counted this long, then posted as one. */
  readonly refusalWindowMs?: number;
}

/**
 * Finishes any interrupted data change, loads and validates the data, and wires the services every front end shares.
 * Throws DataLoadError, whose message names the file or setting and the problem, when the data cannot be served.
 */
export async function createApp(config: Config, logger: Logger, options: CreateAppOptions = {}): Promise<App> {
  const started = performance.now();
  const store = options.store ?? (await openDataStore(config, logger));
  let live: LiveSnapshot;
  let recovery: RecoveryOutcome;
  try {
    // With a database, DATA_DIR only seeds an empty one (done when the store opened).
    if (config.databaseUrl === undefined) await checkDataDirectory(config.dataDir);
    recovery = await recoverAtStartUp(store, config.dataDir, logger);
    const result = await loadLiveData(config, store);
    if (!result.ok) throw invalidData(store.location, result.problems);
    live = new LiveSnapshot(await buildSnapshotInSlices(result.dataset, logger));
  } catch (error) {
    // A store opened here holds connections that would keep a failed start from exiting.
    if (!options.store) await store.close();
    throw error;
  }
  logger.info({ storage: store.location, version: live.current.dataset.version, ms: Math.round(performance.now() - started) }, 'dataset loaded');

  const dataAdmin = new DataAdmin({
    config,
    live,
    store,
    logger,
    coordinator: options.coordinator,
    notify: options.notify,
    importTimeoutMs: config.importTimeoutSeconds * 1000,
    refusalWindowMs: options.refusalWindowMs,
  });
  await dataAdmin.start(recovery).catch((error: unknown) => {
    logger.warn({ ...problemFields(error), stateDir: config.stateDir }, 'data history is unavailable: rollback will not know this version');
  });
  const services: BotServices = { config, live, logger, commands: options.commands ?? defaultCommands, dataAdmin };
  return { config, logger, live, services, dispatcher: new Dispatcher(services), dataAdmin };
}

/** The live articles, validated: from DATA_DIR (an unreadable folder is a problem), or from the database. */
async function loadLiveData(config: Config, store: DataStore): Promise<ValidationResult> {
  if (config.databaseUrl === undefined) return loadDataDirectory(config.dataDir, () => store.readArticles());
  try {
    return validateArticleFiles(await store.readArticles());
  } catch (error) {
    throw new DataLoadError(`Start-up stopped: ${error instanceof Error ? error.message : String(error)}.`, store.location);
  }
}
