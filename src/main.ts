// `npm start`: the bot on Discord (the gateway with DISCORD_TOKEN, an HTTP endpoint with INTERACTIONS_PORT), else the
// terminal mode. Every failure is one clear line.
import { pathToFileURL } from 'node:url';
import { DataLoadError, createApp } from './app.ts';
import { ConfigError, DEFAULTS, isSpawnedByShardManager, loadConfig, readEnvironment, type Config } from './config.ts';
import { describeLoginError } from './discord/client.ts';
import { startDiscordBot } from './discord/bot.ts';
import { startHttpBot } from './http/bot.ts';
import { ShardStartError, startShardManager } from './shards/manager.ts';
import { reportShardFailure } from './shards/coordinator.ts';
import { LOCALES, parseLocale } from './locale/locale.ts';
import { createLogger, type Logger } from './logger.ts';
import { operatorMessages } from './operator-messages.ts';
import { runTerminal } from './terminal/repl.ts';

export interface MainIO {
  readonly stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  readonly stdout: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  readonly stderr: NodeJS.WritableStream;
  /** Resolves when the bot is asked to stop (see listenForStop); may resolve before start-up is done. */
  readonly stopRequested: Promise<string>;
  /** A shard tells its manager why it cannot run, so the manager prints the line; resolves false if nobody heard. */
  readonly reportFailure?: (line: string) => Promise<boolean>;
  /** Command-line arguments after the script (`npm start -- --locale ru`). */
  readonly argv?: readonly string[];
}

/** What runs until it is told to stop: the bot, or the shard manager. */
interface Running {
  /** Settles only if it cannot go on (Discord closed the gateway for good): the message is the line to print. */
  readonly failed: Promise<Error>;
  stop(): Promise<void>;
}

/** Runs the bot until it is told to stop; resolves with the process exit code. */
export async function main(env: NodeJS.ProcessEnv, io: MainIO): Promise<number> {
  let config: Config;
  try {
    config = loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return fail(io, `Config error: ${error.message}`);
    throw error;
  }
  try {
    if (config.interactions) return await runUntilStopped(config, io, (logger) => startHttpBot(config, logger));
    if (!config.token) return await runInTerminal(config, env, io);
    return config.shardCount !== undefined && !config.managedShard ? await runSharded(config, io) : await runOnDiscord(config, io);
  } catch (error) {
    if (error instanceof DataLoadError) return fail(io, error.message);
    // A shard's unexpected failure still reaches its manager as one line; elsewhere a stack is the useful report.
    if (io.reportFailure) return fail(io, firstLine(error));
    throw error;
  }
}

async function runInTerminal(config: Config, env: NodeJS.ProcessEnv, io: MainIO): Promise<number> {
  const argv = io.argv ?? [];
  const flag = argv.findIndex((arg) => arg === '--locale');
  const locale = flag < 0 ? 'en' : parseLocale(argv[flag + 1]);
  if (!locale) return fail(io, `--locale takes ${LOCALES.join(' or ')}.`);
  const logger = createLogger(config.logLevel ?? DEFAULTS.terminalLogLevel, 2);
  const app = await createApp(config, logger);
  // https://no-color.org: any non-empty NO_COLOR turns colour off.
  const color = io.stdout.isTTY === true && !env.NO_COLOR;
  const interactive = io.stdin.isTTY === true && io.stdout.isTTY === true;
  await Promise.race([runTerminal(app, { input: io.stdin, output: io.stdout, isTTY: interactive, color, locale }), io.stopRequested]);
  await app.dataAdmin.stop();
  return 0;
}

async function runOnDiscord(config: Config, io: MainIO): Promise<number> {
  return runUntilStopped(config, io, (logger) => startDiscordBot(config, logger));
}

/** SHARD_COUNT set: this process only manages shards; each shard is this same entry, run by the ShardingManager. */
async function runSharded(config: Config, io: MainIO): Promise<number> {
  return runUntilStopped(config, io, (logger) => startShardManager(config, logger));
}

/**
 * Starts something that connects to Discord and runs it until a stop request (exit 0) or until it cannot go on
 * (exit 1); a failed start is one line. Stopping is bounded: past DEFAULTS.stopTimeoutMs the process exits anyway.
 */
async function runUntilStopped(config: Config, io: MainIO, start: (logger: Logger) => Promise<Running>): Promise<number> {
  const logger = createLogger(config.logLevel ?? DEFAULTS.logLevel, 1);
  let stopSignal: string | undefined;
  void io.stopRequested.then((signal) => (stopSignal = signal));
  let running: Running | undefined;
  try {
    const starting = start(logger);
    starting.catch(() => undefined);
    // A gateway that never answers must not make the process deaf to a stop request.
    running = await Promise.race([starting, io.stopRequested.then(() => undefined)]);
  } catch (error) {
    // Stopped while starting (Ctrl-C reaches every shard of the terminal's group too): not a failure.
    if (stopSignal !== undefined) return 0;
    if (error instanceof DataLoadError) throw error;
    logger.debug({ err: error }, 'start-up failed');
    return fail(io, error instanceof ShardStartError ? error.message : describeLoginError(error));
  }
  // Asked to stop before it was up: the process exit closes the half-open connection, and shards see their manager go.
  if (running === undefined) return 0;
  const outcome = await Promise.race([
    io.stopRequested.then((signal) => ({ signal, error: undefined })),
    running.failed.then((error) => ({ signal: undefined, error })),
  ]);
  if (outcome.signal !== undefined) logger.info({ signal: outcome.signal }, 'stop requested');
  const stopped = await stopWithin(running, DEFAULTS.stopTimeoutMs);
  if (!stopped) return fail(io, operatorMessages.stopTimedOut(DEFAULTS.stopTimeoutMs / 1000));
  return outcome.error ? fail(io, outcome.error.message) : 0;
}

/** Stops `running`; resolves false if that takes longer than `timeoutMs`. */
async function stopWithin(running: Running, timeoutMs: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<false>((resolve) => {
    timer = setTimeout(() => {
      resolve(false);
    }, timeoutMs);
  });
  try {
    return await Promise.race([running.stop().then(() => true), timedOut]);
  } finally {
    clearTimeout(timer);
  }
}

function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0] ?? message;
}

async function fail(io: MainIO, line: string): Promise<number> {
  if (!(await io.reportFailure?.(line))) io.stderr.write(`${line}\n`);
  return 1;
}

/**
 * Resolves with the first stop request: SIGTERM, SIGINT, or (in a shard) its manager going away. It keeps listening,
 * so a second signal (npm forwards the Ctrl-C the terminal already sent) cannot kill the process halfway through a stop.
 */
export function listenForStop(managedShard: boolean): Promise<string> {
  return new Promise((resolve) => {
    process.on('SIGTERM', () => {
      resolve('SIGTERM');
    });
    // Ctrl-C reaches every process of the terminal's group: a shard leaves stopping to its manager, which sends SIGTERM.
    process.on('SIGINT', () => {
      if (!managedShard) resolve('SIGINT');
    });
    if (managedShard) {
      process.once('disconnect', () => {
        resolve('shard manager gone');
      });
    }
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const managedShard = isSpawnedByShardManager();
  const stopRequested = listenForStop(managedShard);
  const env = readEnvironment();
  const io: MainIO = {
    stdin: process.stdin,
    stdout: process.stdout,
    stderr: process.stderr,
    stopRequested,
    argv: process.argv.slice(2),
    ...(managedShard ? { reportFailure: reportShardFailure } : {}),
  };
  process.exit(await main(env, io));
}
