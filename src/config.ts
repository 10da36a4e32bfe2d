// The only reader of process.env and .env: every setting parsed with zod, frozen, and explained in one line when wrong.
import { parse as parseDotenv } from 'dotenv';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/** The folder holding package.json: the project root, whether this file runs from src/ or from the built dist/src/. */
function packageRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) return path.resolve(from, '..');
  }
}

/** The bundled data directory, found relative to this file so the bot works from any working directory. */
export const BUNDLED_DATA_DIR = path.join(packageRoot(path.dirname(fileURLToPath(import.meta.url))), 'data');

/** Defaults in one frozen object, so docs, tests and code agree on them. */
export const DEFAULTS = Object.freeze({
  apiUrl: 'https://discord.com/api',
  attachmentHosts: ['cdn.discordapp.com', 'media.discordapp.net'],
  logLevel: 'info',
  /** The terminal mode shows answers on stdout; only warnings go to stderr unless LOG_LEVEL says otherwise. */
  terminalLogLevel: 'warn',
  cooldownSeconds: 3,
  maxUploadBytes: 1024 * 1024,
  historyLimit: 10,
  importTimeoutSeconds: 300,
  healthHost: '127.0.0.1',
  dataWatchDebounceMs: 500,
  shutdownGraceMs: 5000,
  /** A gateway that has not resumed after this long makes /healthz answer 503. */
  gatewayRecoveryMs: 60_000,
  /** A stop (drain included) that takes longer than this ends the process anyway, with exit code 1. */
  stopTimeoutMs: 15_000,
});

/** A setting that is missing or malformed: the message names the variable and is meant to be printed as is. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

const snowflake = z.string().regex(/^\d{17,20}$/, 'must be a Discord id (17 to 20 digits)');
const snowflakeList = z
  .string()
  .transform((value) => value.split(',').map((item) => item.trim()).filter(Boolean))
  .pipe(z.array(snowflake));
const blankAsUndefined = (value: unknown): unknown => (typeof value === 'string' && value.trim() === '' ? undefined : value);
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(blankAsUndefined, schema.optional());
const booleanFlag = z.enum(['true', 'false', '1', '0', 'yes', 'no']).transform((value) => ['true', '1', 'yes'].includes(value));
const port = z.coerce
  .number()
  .int('must be a port number (1 to 65535, or 0 for any free port)')
  .min(0, 'must be a port number (1 to 65535, or 0 for any free port)')
  .max(65535, 'must be a port number (1 to 65535, or 0 for any free port)');

const EnvSchema = z.object({
  DISCORD_TOKEN: optional(
    z.string().regex(/^[\w.-]+$/, 'must be the bot token from the Discord developer portal (letters, digits, dots, dashes)'),
  ),
  DISCORD_CLIENT_ID: optional(snowflake),
  DISCORD_GUILD_ID: optional(snowflake),
  DATA_GUILD_IDS: optional(snowflakeList),
  DISCORD_API_URL: optional(z.url({ protocol: /^https?$/, error: 'must be an http(s) URL such as https://discord.com/api' })),
  ATTACHMENT_HOSTS: optional(z.string()),
  LOG_LEVEL: optional(z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])),
  DATA_DIR: optional(z.string()),
  STATE_DIR: optional(z.string()),
  COOLDOWN_SECONDS: optional(z.coerce.number().min(0, 'must be 0 (off) or more').max(3600, 'must be at most 3600')),
  MODERATOR_ROLE_IDS: optional(snowflakeList),
  BOT_OWNER_IDS: optional(snowflakeList),
  MOD_LOG_CHANNEL_ID: optional(snowflake),
  MAX_UPLOAD_BYTES: optional(z.coerce.number().int().min(1024, 'must be at least 1024').max(25 * 1024 * 1024, 'must be at most 26214400 (25 MiB)')),
  HISTORY_LIMIT: optional(z.coerce.number().int().min(1, 'must be at least 1').max(1000, 'must be at most 1000')),
  IMPORT_TIMEOUT_SECONDS: optional(z.coerce.number().int().min(1, 'must be at least 1').max(840, 'must be at most 840 (an interaction token lives 15 minutes)')),
  SHARD_COUNT: optional(z.union([z.literal('auto'), z.coerce.number().int().min(1).max(1000)], { error: 'must be "auto" or a number of shards' })),
  DATA_WATCH: optional(booleanFlag),
  HEALTH_PORT: optional(port),
  // Set by discord.js's ShardingManager in the processes it spawns (readEnvironment drops them anywhere else).
  SHARDING_MANAGER: optional(z.string()),
  SHARDS: optional(z.string().regex(/^\d+$|^\[\d+(,\d+)*\]$/, 'must be a shard id or a JSON list of shard ids (set by the shard manager)')),
  HEALTH_HOST: optional(z.string()),
  INTERACTIONS_PORT: optional(port),
  INTERACTIONS_HOST: optional(z.string()),
  DISCORD_PUBLIC_KEY: optional(z.string().regex(/^[0-9a-fA-F]{64}$/, 'must be the application’s public key from the Developer Portal (64 hexadecimal characters)')),
  GATEWAY: optional(booleanFlag),
  DATABASE_URL: optional(z.string().regex(/^postgres(ql)?:\/\/\S+$/, 'must be a PostgreSQL URL such as postgres://user:password@host:5432/newsdesk')),
});

/** Every setting an operator may set (what .env.example lists); the rest of EnvSchema is set by the shard manager. */
export const SETTING_NAMES: readonly string[] = Object.freeze(Object.keys(EnvSchema.shape).filter((name) => !['SHARDING_MANAGER', 'SHARDS'].includes(name)));

export interface Config {
  /** Absent: the bot runs in terminal mode. */
  readonly token: string | undefined;
  readonly clientId: string | undefined;
  readonly guildId: string | undefined;
  /**
   * The data's home: the servers whose moderators may change the dataset everyone reads (DATA_GUILD_IDS, else
   * DISCORD_GUILD_ID). Empty: nobody can, and /data is not registered.
   */
  readonly dataGuildIds: readonly string[];
  /** REST base URL, without the version: Discord's own, a fake in tests, or a REST proxy. */
  readonly apiUrl: string;
  /** Hosts (with port when not default) that uploads may be downloaded from. */
  readonly attachmentHosts: readonly string[];
  /** As set by LOG_LEVEL; each mode has its own default (DEFAULTS.logLevel, DEFAULTS.terminalLogLevel). */
  readonly logLevel: string | undefined;
  readonly dataDir: string;
  /** Where history, audit log and pending writes live: outside the article folder, beside it by default. */
  readonly stateDir: string;
  readonly cooldownSeconds: number;
  readonly moderatorRoleIds: readonly string[];
  readonly ownerIds: readonly string[];
  readonly modLogChannelId: string | undefined;
  readonly maxUploadBytes: number;
  readonly historyLimit: number;
  /** How long an import preview waits for Confirm. */
  readonly importTimeoutSeconds: number;
  readonly shardCount: number | 'auto' | undefined;
  /** This process is one shard spawned by the ShardingManager (so it must not start a manager of its own). */
  readonly managedShard: boolean;
  /** The shards this process connects, passed to discord.js explicitly: [0] of 1 unless the manager said otherwise. */
  readonly gatewayShards: { readonly ids: readonly number[]; readonly count: number };
  readonly dataWatch: boolean;
  /** Absent in a managed shard: the manager alone serves health and metrics, for every shard. */
  readonly healthPort: number | undefined;
  readonly healthHost: string;
  /** HTTP interactions mode (INTERACTIONS_PORT): Discord POSTs interactions here; /healthz and /metrics share the port. */
  readonly interactions: { readonly port: number; readonly host: string; readonly publicKey: string } | undefined;
  /** In HTTP mode, also connect to the gateway (GATEWAY=true with a token); otherwise the gateway is the only door. */
  readonly gateway: boolean;
  /** PostgreSQL shared by every process of the bot; absent: the files of DATA_DIR and STATE_DIR. */
  readonly databaseUrl: string | undefined;
}

/** Parses the environment into a frozen Config, or throws a ConfigError naming the first bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const name = String(issue?.path[0] ?? 'environment');
    const given = env[name];
    const secret = name === 'DISCORD_TOKEN' || name === 'DATABASE_URL';
    const shown = secret || given === undefined ? '' : ` (got "${given.slice(0, 40)}")`;
    throw new ConfigError(`${name} ${issue?.message ?? 'is invalid'}${shown}`);
  }
  const vars = parsed.data;
  // Discord signs every request with the application's key: an endpoint that cannot check the signature must not start.
  if (vars.INTERACTIONS_PORT !== undefined && vars.DISCORD_PUBLIC_KEY === undefined) {
    throw new ConfigError('DISCORD_PUBLIC_KEY must be set with INTERACTIONS_PORT (Developer Portal → General Information → Public Key)');
  }
  if (vars.GATEWAY === true && vars.DISCORD_TOKEN === undefined) throw new ConfigError('GATEWAY=true needs DISCORD_TOKEN (the gateway logs in as the bot)');
  if (vars.INTERACTIONS_PORT !== undefined && vars.SHARD_COUNT !== undefined && vars.SHARDING_MANAGER === undefined) {
    throw new ConfigError('SHARD_COUNT does not go with INTERACTIONS_PORT: run HTTP replicas and sharded gateway processes as separate processes');
  }
  const apiUrl = (vars.DISCORD_API_URL ?? DEFAULTS.apiUrl).replace(/\/+$/, '');
  const dataDir = path.resolve(vars.DATA_DIR ?? BUNDLED_DATA_DIR);
  const managedShard = vars.SHARDING_MANAGER === 'true' && vars.SHARDS !== undefined && typeof vars.SHARD_COUNT === 'number';
  const shardIds = managedShard && vars.SHARDS !== undefined ? [JSON.parse(vars.SHARDS) as number | number[]].flat() : [0];
  const attachmentHosts = vars.ATTACHMENT_HOSTS
    ? vars.ATTACHMENT_HOSTS.split(',').map((host) => host.trim().toLowerCase()).filter(Boolean)
    : [...DEFAULTS.attachmentHosts];

  return Object.freeze({
    token: vars.DISCORD_TOKEN,
    clientId: vars.DISCORD_CLIENT_ID,
    guildId: vars.DISCORD_GUILD_ID,
    dataGuildIds: Object.freeze(vars.DATA_GUILD_IDS ?? (vars.DISCORD_GUILD_ID === undefined ? [] : [vars.DISCORD_GUILD_ID])),
    apiUrl,
    attachmentHosts: Object.freeze(attachmentHosts),
    logLevel: vars.LOG_LEVEL,
    dataDir,
    stateDir: path.resolve(vars.STATE_DIR ?? path.join(dataDir, '.state')),
    cooldownSeconds: vars.COOLDOWN_SECONDS ?? DEFAULTS.cooldownSeconds,
    moderatorRoleIds: Object.freeze(vars.MODERATOR_ROLE_IDS ?? []),
    ownerIds: Object.freeze(vars.BOT_OWNER_IDS ?? []),
    modLogChannelId: vars.MOD_LOG_CHANNEL_ID,
    maxUploadBytes: vars.MAX_UPLOAD_BYTES ?? DEFAULTS.maxUploadBytes,
    historyLimit: vars.HISTORY_LIMIT ?? DEFAULTS.historyLimit,
    importTimeoutSeconds: vars.IMPORT_TIMEOUT_SECONDS ?? DEFAULTS.importTimeoutSeconds,
    shardCount: vars.SHARD_COUNT,
    managedShard,
    gatewayShards: Object.freeze({ ids: Object.freeze(shardIds), count: managedShard && typeof vars.SHARD_COUNT === 'number' ? vars.SHARD_COUNT : 1 }),
    dataWatch: vars.DATA_WATCH ?? false,
    healthPort: managedShard ? undefined : vars.HEALTH_PORT,
    healthHost: vars.HEALTH_HOST ?? DEFAULTS.healthHost,
    interactions:
      vars.INTERACTIONS_PORT === undefined || vars.DISCORD_PUBLIC_KEY === undefined
        ? undefined
        : Object.freeze({ port: vars.INTERACTIONS_PORT, host: vars.INTERACTIONS_HOST ?? DEFAULTS.healthHost, publicKey: vars.DISCORD_PUBLIC_KEY.toLowerCase() }),
    gateway: vars.INTERACTIONS_PORT === undefined ? vars.DISCORD_TOKEN !== undefined : vars.GATEWAY === true && vars.DISCORD_TOKEN !== undefined,
    databaseUrl: vars.DATABASE_URL,
  });
}

/**
 * Variables discord.js reads from process.env by itself (Client: SHARDS, SHARD_COUNT, DISCORD_TOKEN, SHARDING_MANAGER;
 * ShardingManager: DISCORD_TOKEN). A blank SHARD_COUNT= there made the client ask for 0 shards.
 */
const READ_BY_DISCORD_JS = ['DISCORD_TOKEN', 'SHARDS', 'SHARD_COUNT', 'SHARDING_MANAGER', 'SHARDING_MANAGER_MODE'] as const;

/**
 * The settings of this process: `envFile` (.env, when present) under the real environment, where a blank value counts
 * as unset. `.env` is never written into process.env, and discord.js's own readers are removed from it, so nothing
 * reaches discord.js except the options the bot passes. A managed shard (spawned with an IPC channel) keeps the
 * manager's SHARDING_MANAGER markers, which discord.js needs to report the shard ready.
 */
export function readEnvironment(processEnv: NodeJS.ProcessEnv = process.env, envFile = '.env', hasIpcChannel = hasManagerChannel()): NodeJS.ProcessEnv {
  const fromFile = existsSync(envFile) ? parseDotenv(readFileSync(envFile)) : {};
  const env: NodeJS.ProcessEnv = { ...fromFile };
  for (const [name, value] of Object.entries(processEnv)) {
    if (value !== undefined && (value.trim() !== '' || !(name in fromFile))) env[name] = value;
  }
  const spawnedByManager = isSpawnedByShardManager(env, hasIpcChannel);
  if (!spawnedByManager) {
    delete env.SHARDING_MANAGER;
    delete env.SHARDS;
  }
  for (const name of READ_BY_DISCORD_JS) {
    if (!(spawnedByManager && name.startsWith('SHARDING_MANAGER'))) Reflect.deleteProperty(processEnv, name);
  }
  return env;
}

/** Whether this process is a shard that discord.js's ShardingManager forked (its marker, and the IPC channel to it). */
export function isSpawnedByShardManager(env: NodeJS.ProcessEnv = process.env, hasIpcChannel = hasManagerChannel()): boolean {
  return env.SHARDING_MANAGER === 'true' && hasIpcChannel;
}

function hasManagerChannel(): boolean {
  return typeof process.send === 'function';
}
