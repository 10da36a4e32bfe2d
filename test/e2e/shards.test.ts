// A sharded bot (discord.js ShardingManager, one process per shard): a change made through one shard reaches all.
import type { APIMessage } from 'discord-api-types/v10';
import { describe, expect, it } from 'vitest';
import { shardOf } from '../support/fake-discord/index.ts';
import { botEnv, cleanUpAfterEachTest, exitCode, spawnBot, startFake, tempDataDir } from './harness.ts';
import { oneQuoteArticle } from '../support/articles.ts';

const MODERATOR = { user: { id: '400000000000000004', username: 'mod' }, memberPermissions: '32' };

/** A guild id that Discord's sharding formula puts on `shard` of `count`. */
function guildOnShard(shard: number, count: number): string {
  return String((98_765_432_100n * BigInt(count) + BigInt(shard)) << 22n);
}

function text(message: APIMessage): string {
  return JSON.stringify({ content: message.content, embeds: message.embeds });
}

cleanUpAfterEachTest();

describe('a bot with two shards', () => {
  it('given an import confirmed through shard 0, then /quote answered by shard 1 finds it and both shards report the same version', async () => {
    const fake = await startFake({ shardCount: 2, waitTimeoutMs: 20_000 });
    const dataDir = await tempDataDir();
    const guild0 = guildOnShard(0, 2);
    const guild1 = guildOnShard(1, 2);
    const env = { SHARD_COUNT: '2', DATA_DIR: dataDir, ATTACHMENT_HOSTS: new URL(fake.cdnUrl).host, DATA_GUILD_IDS: `${guild0},${guild1}`, LOG_LEVEL: 'warn' };
    const { child } = spawnBot(botEnv(fake, env));
    await fake.waitForShards(2, { timeoutMs: 60_000 });
    expect([shardOf(guild0, 2), shardOf(guild1, 2)]).toEqual([0, 1]);

    const article = oneQuoteArticle({
      source: 'test-shards',
      published: '2026-01-06',
      subject: 'Sharding test',
      person: { id: 'nurlan-testov', name: 'Nurlan Testov', aliases: ['Testov'] },
      quote: { id: 'q-testov', text: 'Every shard hears this.' },
    });
    const file = fake.addAttachment({ filename: 'article.json', content: JSON.stringify(article), contentType: 'application/json' });
    const handle = fake.sendCommand({ name: 'data', subcommand: 'import', options: { file }, guildId: guild0, ...MODERATOR });
    expect(handle.shardId).toBe(0);
    const preview = await handle.message({ until: (message) => (message.components ?? []).length > 0, timeoutMs: 20_000 });
    const confirm = (preview.components?.[0] as { components: { custom_id: string }[] }).components[0]?.custom_id ?? '';
    const click = await fake.clickButton(handle, confirm, MODERATOR);
    await click.callback({ timeoutMs: 20_000 });
    const applied = await handle.message({ until: (message) => text(message).includes('Import applied'), timeoutMs: 30_000 });
    expect(text(applied)).toContain('All 2 shards serve the same version.');

    const lookup = fake.sendCommand({ name: 'quote', options: { query: 'Testov' }, guildId: guild1 });
    expect(lookup.shardId).toBe(1);
    expect(JSON.stringify((await lookup.callback({ timeoutMs: 10_000 })).data)).toContain('Every shard hears this.');

    const status = fake.sendCommand({ name: 'data', subcommand: 'status', guildId: guild1, ...MODERATOR });
    const statusMessage = await status.message({ until: (message) => message.embeds.length > 0, timeoutMs: 20_000 });
    expect(text(statusMessage)).toContain('All 2 shards serve the same version.');

    child.kill('SIGTERM');
    expect(await exitCode(child, 30_000)).toBe(0);
  }, 120_000);
});
