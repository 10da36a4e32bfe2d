// Assembles the bot's core from a config: the data store, the dataset, its live snapshot, data management, dispatch.
import { commands as defaultCommands } from '../commands/index.ts';
import { DataAdmin, type AuditEntry, type ShardCoordinator } from './admin/admin.ts';
import { DataStore } from './admin/store.ts';
import type { Config } from './config.ts';
import { loadDataDirectory } from './data/load.ts';
import { formatProblem, type DataProblem } from './data/validate.ts';
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

/** The data directory did not validate: start-up stops with the list of problems. */
export class DataLoadError extends Error {
  override readonly name = 'DataLoadError';
  constructor(
    readonly dataDir: string,
    readonly problems: readonly DataProblem[],
  ) {
    const shown = problems.slice(0, 10).map(formatProblem);
    const more = problems.length > 10 ? [`… and ${String(problems.length - 10)} more`] : [];
    super([`The data in ${dataDir} is not valid:`, ...shown, ...more].join('\n'));
  }
}

export interface CreateAppOptions {
  readonly commands?: readonly Command[];
  /** Reaches the other shards of a sharded bot. */
  readonly coordinator?: ShardCoordinator;
  /** Posts data changes to the moderators' channel. */
  readonly notify?: (entry: AuditEntry) => Promise<void>;
}

/** Finishes any interrupted data change, loads and validates the data, and wires the services every front end shares. */
export async function createApp(config: Config, logger: Logger, options: CreateAppOptions = {}): Promise<App> {
  const started = performance.now();
  const store = new DataStore({ dataDir: config.dataDir, stateDir: config.stateDir, historyLimit: config.historyLimit });
  const recovery = await store.recover().catch((error: unknown) => {
    // A read-only data directory cannot hold a journal: serve it as it is; changes will report the problem.
    logger.warn({ err: error, stateDir: config.stateDir }, 'could not check for an interrupted data change');
    return 'clean' as const;
  });
  if (recovery !== 'clean') logger.warn({ recovery }, 'finished an interrupted data change');
  const result = await loadDataDirectory(config.dataDir, () => store.readArticles());
  if (!result.ok) throw new DataLoadError(config.dataDir, result.problems);
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
  });
  await dataAdmin.start().catch((error: unknown) => {
    logger.warn({ err: error, stateDir: config.stateDir }, 'data history is unavailable: rollback will not know this version');
  });
  const services: BotServices = { config, live, logger, commands: options.commands ?? defaultCommands, dataAdmin };
  return { config, logger, live, services, dispatcher: new Dispatcher(services), dataAdmin };
}
