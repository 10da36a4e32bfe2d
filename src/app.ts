// Assembles the bot's core from a config: the data store, the dataset, its live snapshot, data management, dispatch.
import { commands as defaultCommands } from '../commands/index.ts';
import { DataAdmin, type AuditEntry, type ShardCoordinator } from './admin/admin.ts';
import { problemFields } from './admin/audit.ts';
import { FileDataStore } from './admin/file-store.ts';
import { checkDataDirectory, invalidData, recoverAtStartUp } from './admin/startup.ts';
import type { DataStore } from './admin/store.ts';
import type { Config } from './config.ts';
import { loadDataDirectory } from './data/load.ts';
import { Dispatcher } from './interaction/dispatch.ts';
import type { BotServices, Command } from './interaction/types.ts';
import type { Logger } from './logger.ts';
import { buildSnapshot, LiveSnapshot } from './snapshot.ts';

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
  /** Where data changes are stored; the files in DATA_DIR and STATE_DIR by default. */
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
  const store = options.store ?? new FileDataStore({ dataDir: config.dataDir, stateDir: config.stateDir, historyLimit: config.historyLimit });
  await checkDataDirectory(config.dataDir);
  const recovery = await recoverAtStartUp(store, config.dataDir, logger);
  const result = await loadDataDirectory(config.dataDir, () => store.readArticles());
  if (!result.ok) throw invalidData(config.dataDir, result.problems);
  const live = new LiveSnapshot(buildSnapshot(result.dataset));
  logger.info({ dataDir: config.dataDir, version: result.dataset.version, ms: Math.round(performance.now() - started) }, 'dataset loaded');

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
