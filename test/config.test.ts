import { readFileSync } from 'node:fs';
import { copyFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BUNDLED_DATA_DIR, ConfigError, DEFAULTS, SETTING_NAMES, loadConfig, readEnvironment } from '../src/config.ts';

describe('loading the config', () => {
  it('given no variables at all, then the defaults apply and there is no token (terminal mode)', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ token: undefined, apiUrl: DEFAULTS.apiUrl, dataDir: BUNDLED_DATA_DIR, cooldownSeconds: 3, historyLimit: 10 });
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('given blank values (as .env.example leaves them), then they count as unset', () => {
    expect(loadConfig({ DISCORD_TOKEN: '', DISCORD_GUILD_ID: '  ' })).toMatchObject({ token: undefined, guildId: undefined });
  });

  it.each([
    [{ DISCORD_GUILD_ID: 'abc' }, /^DISCORD_GUILD_ID must be a Discord id \(17 to 20 digits\) \(got "abc"\)$/],
    [{ DISCORD_CLIENT_ID: '12' }, /^DISCORD_CLIENT_ID must be a Discord id/],
    [{ LOG_LEVEL: 'loud' }, /^LOG_LEVEL /],
    [{ DISCORD_API_URL: 'ftp://x' }, /^DISCORD_API_URL must be an http\(s\) URL/],
    [{ COOLDOWN_SECONDS: '-1' }, /^COOLDOWN_SECONDS must be 0 \(off\) or more/],
    [{ HEALTH_PORT: '70000' }, /^HEALTH_PORT must be a port number/],
    [{ MODERATOR_ROLE_IDS: '123456789012345678,nope' }, /^MODERATOR_ROLE_IDS /],
    [{ SHARD_COUNT: 'many' }, /^SHARD_COUNT must be "auto" or a number of shards/],
  ])('given %o, then start-up stops with one line naming the variable', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });

  it('given a malformed token, then the message names the variable but never echoes the secret', () => {
    let message = '';
    try {
      loadConfig({ DISCORD_TOKEN: 'secret with spaces' });
    } catch (error) {
      message = error instanceof Error ? error.message : '';
    }
    expect(message).toMatch(/^DISCORD_TOKEN /);
    expect(message).not.toContain('secret');
  });

  it('given DATABASE_URL blank, set or malformed, then it is unset, taken as is, or refused without echoing its password', () => {
    expect(loadConfig({ DATABASE_URL: ' ' }).databaseUrl).toBeUndefined();
    expect(loadConfig({ DATABASE_URL: 'postgres://bot:pw@db:5432/newsdesk' }).databaseUrl).toBe('postgres://bot:pw@db:5432/newsdesk');
    expect(() => loadConfig({ DATABASE_URL: 'mysql://bot:hunter2@db/newsdesk' })).toThrow(/^DATABASE_URL must be a PostgreSQL URL such as postgres:\/\/user:password@host:5432\/newsdesk$/);
  });

  it('given DATA_GUILD_IDS, DISCORD_GUILD_ID or neither, then the data’s home is that list, that server, or nowhere', () => {
    const home = '123456789012345678';
    const test = '223456789012345678';
    expect(loadConfig({ DATA_GUILD_IDS: `${home}, ${test}`, DISCORD_GUILD_ID: test }).dataGuildIds).toEqual([home, test]);
    expect(loadConfig({ DISCORD_GUILD_ID: test }).dataGuildIds).toEqual([test]);
    expect(loadConfig({ DATA_GUILD_IDS: ' ' }).dataGuildIds).toEqual([]);
    expect(() => loadConfig({ DATA_GUILD_IDS: 'my-server' })).toThrow(/^DATA_GUILD_IDS /);
  });

  it('given lists and a trailing slash on the API URL, then they are parsed', () => {
    const config = loadConfig({ MODERATOR_ROLE_IDS: '123456789012345678, 223456789012345678', DISCORD_API_URL: 'http://127.0.0.1:9/api/', SHARD_COUNT: 'auto' });
    expect(config.moderatorRoleIds).toEqual(['123456789012345678', '223456789012345678']);
    expect(config.apiUrl).toBe('http://127.0.0.1:9/api');
    expect(config.shardCount).toBe('auto');
  });
});

describe('reading the environment', () => {
  let dir = '';
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'newsdesk-env-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function envFile(text: string): Promise<string> {
    const file = path.join(dir, '.env');
    await writeFile(file, text);
    return file;
  }

  it('given .env.example copied as it is, then every setting has its default and the bot runs in the terminal', async () => {
    const file = path.join(dir, '.env');
    await copyFile(path.join(BUNDLED_DATA_DIR, '..', '.env.example'), file);
    const config = loadConfig(readEnvironment({}, file, false));
    expect(config).toMatchObject({ token: undefined, shardCount: undefined, healthPort: undefined, cooldownSeconds: DEFAULTS.cooldownSeconds, apiUrl: DEFAULTS.apiUrl });
    expect(config.gatewayShards).toEqual({ ids: [0], count: 1 });
  });

  it('given blank and commented values in .env, then they count as unset and the real environment wins over the file', async () => {
    const file = await envFile('# SHARD_COUNT=4\nSHARD_COUNT=\nHEALTH_PORT=\nLOG_LEVEL=debug\nCOOLDOWN_SECONDS=7\nDATA_DIR=/from/file\n');
    const config = loadConfig(readEnvironment({ COOLDOWN_SECONDS: '1', DATA_DIR: '  ' }, file, false));
    expect(config).toMatchObject({ shardCount: undefined, healthPort: undefined, logLevel: 'debug', cooldownSeconds: 1, dataDir: '/from/file' });
  });

  it('given the settings discord.js would read by itself, then they are taken out of the process environment it sees', async () => {
    const file = await envFile('DISCORD_TOKEN=from-file\n');
    const processEnv: NodeJS.ProcessEnv = { SHARD_COUNT: '', SHARDS: '[3]', SHARDING_MANAGER: 'true', SHARDING_MANAGER_MODE: 'process', PATH: '/bin' };
    const env = readEnvironment(processEnv, file, false);
    expect(processEnv).toEqual({ PATH: '/bin' });
    expect(env.DISCORD_TOKEN).toBe('from-file');
    // Without an IPC channel to a manager, SHARDING_MANAGER is an accident, not a shard.
    expect(loadConfig(env)).toMatchObject({ managedShard: false, gatewayShards: { ids: [0], count: 1 } });
  });

  it('given a shard spawned by the shard manager, then its shard comes from the manager and it binds no health port', async () => {
    const file = await envFile('HEALTH_PORT=9464\n');
    const processEnv: NodeJS.ProcessEnv = { SHARD_COUNT: '2', SHARDS: '1', SHARDING_MANAGER: 'true', SHARDING_MANAGER_MODE: 'process', DISCORD_TOKEN: 'x' };
    const config = loadConfig(readEnvironment(processEnv, file, true));
    expect(config).toMatchObject({ managedShard: true, token: 'x', shardCount: 2, gatewayShards: { ids: [1], count: 2 }, healthPort: undefined });
    // discord.js needs its markers to report the shard ready to the manager; the rest it gets as options.
    expect(processEnv).toEqual({ SHARDING_MANAGER: 'true', SHARDING_MANAGER_MODE: 'process' });
  });
});

describe('.env.example', () => {
  const lines = readFileSync(path.join(BUNDLED_DATA_DIR, '..', '.env.example'), 'utf8').split('\n');
  const filled = lines.flatMap((line) => /^([A-Z_]+)=$/.exec(line)?.slice(1) ?? []);
  const commented = lines.flatMap((line) => {
    const match = /^# ([A-Z_]+)=(.*)$/.exec(line);
    return match?.[1] === undefined ? [] : [{ name: match[1], value: match[2] ?? '' }];
  });

  it('given the example, then it lists every setting, and only the token and the client id are left to fill', () => {
    expect(filled).toEqual(['DISCORD_TOKEN', 'DISCORD_CLIENT_ID']);
    expect([...filled, ...commented.map(({ name }) => name)].sort()).toEqual([...SETTING_NAMES].sort());
  });

  it('given any commented setting uncommented as it is, then nothing changes: it shows the default', () => {
    const defaults = loadConfig({});
    for (const { name, value } of commented) {
      // The log level's default depends on the mode (info on Discord, warn in the terminal); the example shows the bot's.
      const changed = name === 'LOG_LEVEL' ? { ...loadConfig({ [name]: value }), logLevel: undefined } : loadConfig({ [name]: value });
      expect(changed, name).toEqual(defaults);
    }
  });
});
