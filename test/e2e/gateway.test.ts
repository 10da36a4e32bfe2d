// Gateway close codes through the fake: fatal ones end the bot with one line, the others are resumed, and a gateway
// that does not come back makes /healthz say so.
import { describe, expect, it, vi } from 'vitest';
import { GatewayClosedError } from '../../src/discord/client.ts';
import { operatorMessages } from '../../src/operator-messages.ts';
import { GatewayClose, type FakeDiscord } from '../support/fake-discord/index.ts';
import { botEnv, cleanUpAfterEachTest, exitCode, logLines, spawnBot, startFake, startHarness } from './harness.ts';

cleanUpAfterEachTest();

const FATAL = [
  GatewayClose.AuthenticationFailed,
  GatewayClose.InvalidShard,
  GatewayClose.ShardingRequired,
  GatewayClose.InvalidApiVersion,
  GatewayClose.InvalidIntents,
  GatewayClose.DisallowedIntents,
];

async function healthz(url: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${url}/healthz`);
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** Waits until the fake has seen the bot identify or resume again after `since` frames, and the shard is back. */
async function reconnected(fake: FakeDiscord, since: number): Promise<void> {
  await vi.waitFor(
    () => {
      const again = fake.gatewayFrames.slice(since).some((frame) => frame.direction === 'in' && (frame.op === 2 || frame.op === 6));
      expect(again && fake.readyShards.has(0)).toBe(true);
    },
    { timeout: 10_000, interval: 50 },
  );
}

describe('a fatal gateway close', () => {
  it.each(FATAL)('given the bot is serving and Discord closes the gateway with %i, then it fails with one line saying what to fix and /healthz answers 503', async (code) => {
    const { fake, bot } = await startHarness({ HEALTH_PORT: '0' });
    fake.disconnectShard(0, code);
    const error = await bot.failed;
    expect(error).toBeInstanceOf(GatewayClosedError);
    expect(error.message).toBe(operatorMessages.gatewayClosed(code));
    expect(error.message).not.toContain('\n');
    const { status, body } = await healthz(bot.health?.url ?? '');
    expect(status).toBe(503);
    expect(body).toMatchObject({ gateway: 'closed', reason: `shard 0: Discord closed the gateway with close code ${String(code)} and it will not reconnect` });
  });

  it('given Discord refuses the intents at login (4014), then start-up fails with that one line', async () => {
    const fake = await startFake();
    fake.refuseConnections(GatewayClose.DisallowedIntents);
    await expect(startHarness({}, {}, fake)).rejects.toThrow(operatorMessages.gatewayClosed(GatewayClose.DisallowedIntents));
  });

  it('given the bot process is serving and Discord closes the gateway with 4004, then it exits 1 with one line on stderr', async () => {
    const fake = await startFake();
    const { child, output } = spawnBot(botEnv(fake, { LOG_LEVEL: 'warn' }));
    await fake.waitForShards(1, { timeoutMs: 15_000 });
    fake.disconnectShard(0, GatewayClose.AuthenticationFailed);
    expect(await exitCode(child)).toBe(1);
    expect(output().stderr).toBe(`${operatorMessages.gatewayClosed(GatewayClose.AuthenticationFailed)}\n`);
    expect(output().stderr).toContain('DISCORD_TOKEN');
    expect(logLines(output().stdout).map((line) => line.code)).toContain(4004);
  });
});

describe('a gateway that drops', () => {
  it.each([
    ['resumed', GatewayClose.UnknownError],
    ['resumed', GatewayClose.SessionTimedOut],
    ['re-identified', GatewayClose.InvalidSeq],
  ])('given Discord closes the gateway with a code after which the session is %s (%i), then the bot comes back and answers', async (_how, code) => {
    const { fake, bot } = await startHarness({ HEALTH_PORT: '0' });
    const since = fake.gatewayFrames.length;
    fake.disconnectShard(0, code);
    await reconnected(fake, since);
    const callback = await fake.sendCommand({ name: 'quote', options: { query: 'Tokayev' } }).callback({ timeoutMs: 5000 });
    expect(callback.status).toBe(204);
    await vi.waitFor(async () => {
      expect(await healthz(bot.health?.url ?? '')).toMatchObject({ status: 200, body: { gateway: 'ready' } });
    });
  });

  it('given a dropped gateway that Discord keeps refusing, then /healthz answers 503 with the reason once the recovery time is over, and 200 once it is back', async () => {
    const { fake, bot } = await startHarness({ HEALTH_PORT: '0' }, { gatewayRecoveryMs: 1000 });
    const url = bot.health?.url ?? '';
    fake.refuseConnections(GatewayClose.UnknownError);
    fake.disconnectShard(0, GatewayClose.UnknownError);
    await vi.waitFor(async () => {
      expect(await healthz(url)).toMatchObject({ status: 200, body: { gateway: 'reconnecting' } });
    });
    await vi.waitFor(
      async () => {
        const { status, body } = await healthz(url);
        expect(status).toBe(503);
        expect(body).toMatchObject({ status: 'unavailable', gateway: 'reconnecting' });
        expect(body.reason).toMatch(/^shard 0: the gateway dropped with close code 4000 \d+ s ago and has not resumed$/);
      },
      { timeout: 5000, interval: 100 },
    );
    fake.acceptConnections();
    await vi.waitFor(
      async () => {
        expect(await healthz(url)).toMatchObject({ status: 200, body: { status: 'ok', gateway: 'ready' } });
      },
      { timeout: 10_000, interval: 100 },
    );
  });
});
