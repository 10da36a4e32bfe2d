// Assembles the bot's core from a config: the dataset, its live snapshot, the commands and the dispatcher.
import { commands as defaultCommands } from '../commands/index.ts';
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
}

/** The data directory did not validate: start-up stops with the list of problems. */
export class DataLoadError extends Error {
  override readonly name = 'DataLoadError';
  constructor(
    readonly dataDir: string,
    readonly problems: readonly DataProblem[],
  ) {
    const shown = problems.slice(0, 10).map(formatProblem);
    const more = problems.length > 10 ? [`… and ${problems.length - 10} more`] : [];
    super([`The data in ${dataDir} is not valid:`, ...shown, ...more].join('\n'));
  }
}

export interface CreateAppOptions {
  readonly commands?: readonly Command[];
}

/** Loads and validates the data directory, then wires the services every front end shares. */
export async function createApp(config: Config, logger: Logger, options: CreateAppOptions = {}): Promise<App> {
  const started = performance.now();
  const result = await loadDataDirectory(config.dataDir);
  if (!result.ok) throw new DataLoadError(config.dataDir, result.problems);
  const live = new LiveSnapshot(buildSnapshot(result.dataset));
  logger.info(
    { dataDir: config.dataDir, version: result.dataset.version, ms: Math.round(performance.now() - started) },
    'dataset loaded',
  );
  const services: BotServices = { config, live, logger, commands: options.commands ?? defaultCommands };
  return { config, logger, live, services, dispatcher: new Dispatcher(services) };
}
