// The bot as an HTTP interactions endpoint, as a real process: no token, no gateway, the same answers.
import { describe, expect, it, vi } from 'vitest';
import type { FakeDiscord } from '../support/fake-discord/index.ts';
import { cleanUpAfterEachTest, exitCode, logLines, spawnBot, startFake, type Spawned } from './harness.ts';

cleanUpAfterEachTest();

/** `npm start` with INTERACTIONS_PORT and no token; resolves with the endpoint's URL once it listens. */
async function startEndpointProcess(fake: FakeDiscord, extra: NodeJS.ProcessEnv = {}): Promise<Spawned & { url: string }> {
  const spawned = spawnBot({
    INTERACTIONS_PORT: '0',
    DISCORD_PUBLIC_KEY: fake.publicKey,
    DISCORD_API_URL: fake.apiUrl,
    COOLDOWN_SECONDS: '0',
    STATE_DIR: process.env.STATE_DIR,
    ...extra,
  });
  const url = await vi.waitFor(
    () => {
      const line = logLines(spawned.output().stdout).find((entry) => entry.msg === 'interactions endpoint listening');
      if (typeof line?.url !== 'string') throw new Error(`not listening yet: ${spawned.output().stderr}`);
      return line.url;
    },
    { timeout: 20_000, interval: 100 },
  );
  return { ...spawned, url };
}

describe('HTTP interactions mode', () => {
  it('given INTERACTIONS_PORT and DISCORD_PUBLIC_KEY without a token, then /quote is answered over HTTP, /healthz is on the same port, and SIGTERM exits 0', async () => {
    const fake = await startFake();
    const { child, url } = await startEndpointProcess(fake);
    fake.setInteractionsEndpoint(url);
    expect(await fake.sendPing()).toMatchObject({ status: 200, body: { type: 1 } });
    const callback = await fake.sendCommand({ name: 'quote', options: { query: 'Tokayev' } }).callback({ timeoutMs: 5000 });
    expect(JSON.stringify(callback.data)).toContain('Kassym-Jomart Tokayev');
    const health = await fetch(url.replace('/interactions', '/healthz'));
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok', mode: 'http' });
    expect(fake.readyShards.size).toBe(0);
    child.kill('SIGTERM');
    expect(await exitCode(child)).toBe(0);
  });

  it('given INTERACTIONS_PORT without the public key, then it stops at once with one line naming it', async () => {
    const { child, output } = spawnBot({ INTERACTIONS_PORT: '0' });
    expect(await exitCode(child)).toBe(1);
    expect(output().stderr.trim()).toMatch(/^Config error: DISCORD_PUBLIC_KEY must be set with INTERACTIONS_PORT/);
  });
});
