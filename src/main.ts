// `npm start`: the bot on Discord when DISCORD_TOKEN is set, else the terminal mode. Every failure is one clear line.
import { config as loadDotenv } from 'dotenv';
import { pathToFileURL } from 'node:url';
import { DataLoadError, createApp } from './app.ts';
import { ConfigError, DEFAULTS, loadConfig, type Config } from './config.ts';
import { describeLoginError } from './discord/client.ts';
import { startDiscordBot } from './discord/bot.ts';
import { startShardManager } from './shards/manager.ts';
import { LOCALES, parseLocale } from './locale/locale.ts';
import { createLogger, type Logger } from './logger.ts';
import { runTerminal } from './terminal/repl.ts';

export interface MainIO {
  readonly stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  readonly stdout: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  readonly stderr: NodeJS.WritableStream;
  /** Resolves when the bot is asked to stop (SIGINT/SIGTERM in production); called only once the bot runs. */
  readonly waitForStop: () => Promise<string>;
  /** Command-line arguments after the script (`npm start -- --locale ru`). */
  readonly argv?: readonly string[];
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
    if (!config.token) return await runInTerminal(config, env, io);
    return config.shardCount !== undefined && !config.managedShard ? await runSharded(config, io) : await runOnDiscord(config, io);
  } catch (error) {
    if (error instanceof DataLoadError) return fail(io, error.message);
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
  await runTerminal(app, { input: io.stdin, output: io.stdout, isTTY: interactive, color, locale });
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

/** Starts something that connects to Discord, runs it until a stop signal, stops it; a failed start is one line. */
async function runUntilStopped(config: Config, io: MainIO, start: (logger: Logger) => Promise<{ stop(): Promise<void> }>): Promise<number> {
  const logger = createLogger(config.logLevel ?? DEFAULTS.logLevel, 1);
  let running: { stop(): Promise<void> };
  try {
    running = await start(logger);
  } catch (error) {
    if (error instanceof DataLoadError) throw error;
    logger.debug({ err: error }, 'start-up failed');
    return fail(io, describeLoginError(error));
  }
  const signal = await io.waitForStop();
  logger.info({ signal }, 'stop requested');
  await running.stop();
  return 0;
}

function fail(io: MainIO, line: string): number {
  io.stderr.write(`${line}\n`);
  return 1;
}

/** Resolves on the first SIGINT or SIGTERM. */
export function waitForProcessSignal(): Promise<string> {
  return new Promise((resolve) => {
    const stop = (signal: string): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve(signal);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  loadDotenv({ quiet: true });
  const code = await main(process.env, { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, waitForStop: waitForProcessSignal, argv: process.argv.slice(2) });
  process.exit(code);
}
