// The only reader of process.env: every setting parsed with zod, frozen, and explained in one line when wrong.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/** The bundled data directory, found relative to this file so the bot works from any working directory. */
export const BUNDLED_DATA_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'data');

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
  // Set by discord.js's ShardingManager in the processes it spawns.
  SHARDING_MANAGER: optional(z.string()),
  HEALTH_HOST: optional(z.string()),
  DATABASE_URL: optional(z.string().regex(/^postgres(ql)?:\/\/\S+$/, 'must be a PostgreSQL URL such as postgres://user:password@host:5432/newsdesk')),
});

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
  readonly dataWatch: boolean;
  readonly healthPort: number | undefined;
  readonly healthHost: string;
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
  const apiUrl = (vars.DISCORD_API_URL ?? DEFAULTS.apiUrl).replace(/\/+$/, '');
  const dataDir = path.resolve(vars.DATA_DIR ?? BUNDLED_DATA_DIR);
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
    managedShard: vars.SHARDING_MANAGER === 'true',
    dataWatch: vars.DATA_WATCH ?? false,
    healthPort: vars.HEALTH_PORT,
    healthHost: vars.HEALTH_HOST ?? DEFAULTS.healthHost,
    databaseUrl: vars.DATABASE_URL,
  });
}
