// The bot as an operator runs it: `npm start` in a checkout with a .env, stopped by signals, sharded or not.
import { once } from 'node:events';
import { cp, readFile, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { APIInteractionResponseCallbackData } from 'discord-api-types/v10';
import { describe, expect, it, vi } from 'vitest';
import { SETTING_NAMES } from '../../src/config.ts';
import { GatewayClose, shardOf, type FakeDiscord, type RecordedCallback } from '../support/fake-discord/index.ts';
import { freePort, isRunning, listeningPorts, processTree } from '../support/processes.ts';
import { operatorMessages } from '../../src/operator-messages.ts';
import { ROOT, botEnv, cleanUpAfterEachTest, exitCode, logLines, spawnBot, spawnNpm, startFake, tempDir, type Spawned } from './harness.ts';

cleanUpAfterEachTest();

/** A checkout as a user has it after `npm ci && npm run build`: the project's files, node_modules linked, no .env. */
async function scratchCheckout(): Promise<string> {
  const dir = await tempDir('newsdesk-checkout-');
  const files = ['package.json', 'package-lock.json', 'tsconfig.json', 'tsconfig.build.json', '.env.example', 'scripts', 'src', 'commands', 'dist'];
  // Timestamps kept, so prestart finds dist/ as fresh as it is here and does not rebuild.
  for (const file of files) await cp(path.join(ROOT, file), path.join(dir, file), { recursive: true, preserveTimestamps: true });
  await cp(path.join(ROOT, 'data', 'articles'), path.join(dir, 'data', 'articles'), { recursive: true });
  await symlink(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'));
  return dir;
}

function embedsOf(callback: RecordedCallback): string {
  return JSON.stringify((callback.data as APIInteractionResponseCallbackData | undefined)?.embeds ?? []);
}

/** A guild id that Discord's sharding formula puts on `shard` of `count`. */
function guildOnShard(shard: number, count: number): string {
  return String((987_654_321n * BigInt(count) + BigInt(shard)) << 22n);
}

/** Waits for the log line with `msg` and returns it. */
async function logLine(spawned: Spawned, msg: string, timeout = 60_000): Promise<Record<string, unknown>> {
  return vi.waitFor(
    () => {
      const line = logLines(spawned.output().stdout).find((candidate) => candidate.msg === msg);
      if (!line) throw new Error(`no "${msg}" log line yet; stderr: ${spawned.output().stderr}`);
      return line;
    },
    { timeout, interval: 100 },
  );
}

/** Resolves once `shards` shards are connected; fails at once, with what it printed, if the bot exits first. */
async function serving(fake: FakeDiscord, bot: Spawned, shards = 1): Promise<void> {
  const exited = once(bot.child, 'exit').then(([code]) => {
    throw new Error(`the bot exited (${String(code)}) before connecting: ${bot.output().stderr}`);
  });
  await Promise.race([fake.waitForShards(shards, { timeoutMs: 60_000 }), exited]);
}

async function healthz(url: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${url}/healthz`);
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function runningOf(pids: readonly number[]): Promise<number[]> {
  const running = await Promise.all(pids.map(isRunning));
  return pids.filter((_, index) => running[index]);
}

describe('a .env copied from .env.example', () => {
  it('given only the token and the API URL filled in, then `npm start` connects and answers /quote Tokayev', async () => {
    const fake = await startFake();
    const dir = await scratchCheckout();
    const example = await readFile(path.join(dir, '.env.example'), 'utf8');
    const env = example.replace(/^DISCORD_TOKEN=$/m, `DISCORD_TOKEN=${fake.token}`).replace(/^# DISCORD_API_URL=.*$/m, `DISCORD_API_URL=${fake.apiUrl}`);
    expect(env).not.toBe(example);
    await writeFile(path.join(dir, '.env'), env);

    const bot = spawnNpm(['start'], {}, dir);
    await serving(fake, bot);
    const callback = await fake.sendCommand({ name: 'quote', options: { query: 'Tokayev' } }).callback({ timeoutMs: 5000 });
    expect(embedsOf(callback)).toContain('Kassym-Jomart Tokayev');
    bot.child.kill('SIGTERM');
    expect(await exitCode(bot.child)).toBe(0);
  });

  it('given every setting present but blank, in .env and in the environment (as Docker env files give them), then `npm start` still connects', async () => {
    const fake = await startFake();
    const dir = await scratchCheckout();
    const blanks = SETTING_NAMES.filter((name) => name !== 'DISCORD_TOKEN' && name !== 'DISCORD_API_URL').map((name) => `${name}=`);
    await writeFile(path.join(dir, '.env'), [...blanks, `DISCORD_TOKEN=${fake.token}`, `DISCORD_API_URL=${fake.apiUrl}`, ''].join('\n'));

    const bot = spawnNpm(['start'], { SHARD_COUNT: '', SHARDS: '', SHARDING_MANAGER: '', HEALTH_PORT: '' }, dir);
    await serving(fake, bot);
    const callback = await fake.sendCommand({ name: 'quote', options: { query: 'Tokayev' } }).callback({ timeoutMs: 5000 });
    expect(embedsOf(callback)).toContain('Kassym-Jomart Tokayev');
    bot.child.kill('SIGTERM');
    expect(await exitCode(bot.child)).toBe(0);
  });
});

describe('stopping `npm start`', () => {
  /** Starts `npm start` against a fresh fake and returns it once every shard serves, with its health URL and process tree. */
  async function startBot(shards: number): Promise<{ fake: FakeDiscord; bot: Spawned; url: string; tree: number[] }> {
    const fake = await startFake({ shardCount: Math.max(1, shards), waitTimeoutMs: 20_000 });
    const bot = spawnNpm(['start'], botEnv(fake, { HEALTH_PORT: '0', LOG_LEVEL: 'info', ...(shards > 0 ? { SHARD_COUNT: String(shards) } : {}) }));
    await serving(fake, bot, Math.max(1, shards));
    const listening = await logLine(bot, 'health endpoint listening');
    if (shards > 0) await logLine(bot, 'all shards ready');
    await vi.waitFor(async () => {
      expect((await healthz(String(listening.url))).status).toBe(200);
    });
    return { fake, bot, url: String(listening.url), tree: await processTree(bot.child.pid ?? 0) };
  }

  it.each([
    ['SIGTERM', 'npm'],
    ['SIGINT', 'npm'],
    ['SIGTERM', 'node'],
    ['SIGINT', 'the terminal (the whole process group)'],
  ] as const)('given an unsharded bot, then %s to %s stops every process, frees the port and exits 0', async (signal, target) => {
    const { bot, url, tree } = await startBot(0);
    // npm, then node itself: no shell between them (npm start execs node) to die and leave node running.
    expect(tree).toHaveLength(2);
    const [npm = 0, node = 0] = tree;
    if (target === 'npm') process.kill(npm, signal);
    else if (target === 'node') process.kill(node, signal);
    else process.kill(-npm, signal);
    expect(await exitCode(bot.child, 20_000)).toBe(0);
    expect(await runningOf(tree)).toEqual([]);
    await expect(fetch(`${url}/healthz`)).rejects.toThrow();
    expect(logLines(bot.output().stdout).map((line) => line.msg)).toContain('stopped');
  });

  it.each([
    ['SIGTERM', 'npm'],
    ['SIGINT', 'the terminal (the whole process group)'],
  ] as const)('given a bot with two shards, then %s to %s stops the manager and both shards, frees the port and exits 0 without respawning', async (signal, target) => {
    const { bot, url, tree } = await startBot(2);
    expect(tree).toHaveLength(4);
    const [npm = 0] = tree;
    process.kill(target === 'npm' ? npm : -npm, signal);
    expect(await exitCode(bot.child, 30_000)).toBe(0);
    expect(await runningOf(tree)).toEqual([]);
    await expect(fetch(`${url}/healthz`)).rejects.toThrow();
    const messages = logLines(bot.output().stdout).map((line) => String(line.msg));
    expect(messages.filter((msg) => msg === 'stopped')).toHaveLength(2);
    expect(messages.filter((msg) => msg.includes('respawn'))).toEqual([]);
  }, 60_000);
});

describe('a bot with two shards', () => {
  it('given both shards serving, then the manager alone serves /healthz and /metrics for both; a crashed shard shows as 503 until it is back', async () => {
    const fake = await startFake({ shardCount: 2, waitTimeoutMs: 20_000 });
    const bot = spawnNpm(['start'], botEnv(fake, { SHARD_COUNT: '2', HEALTH_PORT: '0', LOG_LEVEL: 'info' }));
    const url = String((await logLine(bot, 'health endpoint listening')).url);
    await logLine(bot, 'all shards ready');
    const [npm = 0, manager = 0, ...shards] = await processTree(bot.child.pid ?? 0);
    expect(shards).toHaveLength(2);
    // One port for the whole bot: the manager's.
    expect(await listeningPorts(manager)).toEqual([Number(new URL(url).port)]);
    for (const shard of shards) expect(await listeningPorts(shard)).toEqual([]);

    const { status, body } = await healthz(url);
    expect(status).toBe(200);
    expect(body).toEqual({
      status: 'ok',
      dataset: expect.stringMatching(/^[0-9a-f]{12}$/) as unknown,
      shards: [
        { shard: 0, gateway: 'ready', dataset: body.dataset },
        { shard: 1, gateway: 'ready', dataset: body.dataset },
      ],
    });

    for (const shard of [0, 1]) {
      const guildId = guildOnShard(shard, 2);
      expect(shardOf(guildId, 2)).toBe(shard);
      await fake.sendCommand({ name: 'quote', options: { query: 'Tokayev' }, guildId }).callback({ timeoutMs: 5000 });
    }
    const metrics = await (await fetch(`${url}/metrics`)).text();
    for (const shard of ['0', '1']) {
      expect(metrics).toMatch(new RegExp(`^newsdesk_interactions_total\\{type="command",command="quote",outcome="ok",shard="${shard}"\\} 1$`, 'm'));
      expect(metrics).toMatch(new RegExp(`^newsdesk_dataset_info\\{version="${String(body.dataset)}",shard="${shard}"\\} 1$`, 'm'));
      expect(metrics).toMatch(new RegExp(`^newsdesk_shard_up\\{shard="${shard}"\\} 1$`, 'm'));
    }

    // A crash, not a stop: the manager respawns the shard, and says so.
    process.kill(shards[1] ?? 0, 'SIGKILL');
    await vi.waitFor(
      async () => {
        const down = await healthz(url);
        expect(down.status).toBe(503);
        expect(JSON.stringify(down.body.problems)).toContain('shard 1: ');
      },
      { timeout: 10_000, interval: 50 },
    );
    await vi.waitFor(
      async () => {
        expect((await healthz(url)).status).toBe(200);
      },
      { timeout: 60_000, interval: 200 },
    );

    process.kill(npm, 'SIGTERM');
    expect(await exitCode(bot.child, 30_000)).toBe(0);
    const respawns = logLines(bot.output().stdout).filter((line) => String(line.msg).includes('respawns'));
    expect(respawns).toHaveLength(1);
  }, 120_000);

  it('given Discord closes one shard’s gateway with 4004, then the manager prints that one line, stops every shard and exits 1', async () => {
    const fake = await startFake({ shardCount: 2, waitTimeoutMs: 20_000 });
    const bot = spawnBot(botEnv(fake, { SHARD_COUNT: '2', LOG_LEVEL: 'info' }));
    await logLine(bot, 'all shards ready');
    const tree = await processTree(bot.child.pid ?? 0);
    expect(tree).toHaveLength(3);
    fake.disconnectShard(1, GatewayClose.AuthenticationFailed);
    expect(await exitCode(bot.child, 30_000)).toBe(1);
    expect(bot.output().stderr).toBe(`${operatorMessages.gatewayClosed(GatewayClose.AuthenticationFailed)}\n`);
    expect(await runningOf(tree)).toEqual([]);
    expect(logLines(bot.output().stdout).filter((line) => String(line.msg).includes('respawn'))).toEqual([]);
  }, 60_000);

  it('given a DATA_DIR that does not exist, then the manager says what the shard said, in the same words as an unsharded bot, and exits 1', async () => {
    const fake = await startFake({ shardCount: 2 });
    const dataDir = path.join(await tempDir('newsdesk-missing-'), 'nothing-here');
    const unsharded = spawnBot(botEnv(fake, { DATA_DIR: dataDir }));
    expect(await exitCode(unsharded.child)).toBe(1);
    const sharded = spawnBot(botEnv(fake, { DATA_DIR: dataDir, SHARD_COUNT: '2', LOG_LEVEL: 'warn' }));
    expect(await exitCode(sharded.child, 30_000)).toBe(1);
    expect(sharded.output().stderr).toBe(unsharded.output().stderr);
    expect(sharded.output().stderr).toContain(dataDir);
    expect(sharded.output().stderr).not.toMatch(/Could not connect|Shard 0/);
  }, 60_000);
});

describe('the container health check (node dist/src/healthcheck.js)', () => {
  it('given the bot serving on HEALTH_PORT, then it exits 0; once the bot has stopped, 1 with one line saying why', async () => {
    const fake = await startFake();
    const port = await freePort();
    const env = botEnv(fake, { HEALTH_PORT: String(port) });
    const bot = spawnBot(env);
    await serving(fake, bot);
    await vi.waitFor(async () => {
      expect((await healthz(`http://127.0.0.1:${String(port)}`)).status).toBe(200);
    });
    const healthy = spawnBot(env, ['src/healthcheck.ts']);
    expect(await exitCode(healthy.child)).toBe(0);
    bot.child.kill('SIGTERM');
    expect(await exitCode(bot.child)).toBe(0);
    const down = spawnBot(env, ['src/healthcheck.ts']);
    expect(await exitCode(down.child)).toBe(1);
    expect(down.output().stderr).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${String(port)}/healthz did not answer: .+\n$`));
  });
});

describe('the CLIs on the built JavaScript', () => {
  it('given `npm run -s ask -- quote Tokayev`, then it answers from dist/ and exits 0', async () => {
    const ask = spawnNpm(['run', '-s', 'ask', '--', 'quote', 'Tokayev'], { NO_COLOR: '1', STATE_DIR: process.env.STATE_DIR });
    expect(await exitCode(ask.child)).toBe(0);
    expect(ask.output().stdout).toContain('Kassym-Jomart Tokayev');
    expect(ask.output().stderr).toBe('');
  });
});
