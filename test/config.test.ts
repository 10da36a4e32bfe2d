import { describe, expect, it } from 'vitest';
import { BUNDLED_DATA_DIR, ConfigError, DEFAULTS, loadConfig } from '../src/config.ts';

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
