import { afterEach, describe, expect, it } from 'vitest';
import { BotMetrics, GatewayWatch, botHealth, type HealthServer } from '../../src/discord/health.ts';
import { startHealthThread } from '../../src/discord/health-thread.ts';
import { createTestApp } from '../support/core.ts';

let server: HealthServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const RECOVERY_MS = 60_000;

/** A clock the tests move by hand. */
const clock = { now: 1_000_000 };

async function start(ready: boolean, gateway = new GatewayWatch([0], RECOVERY_MS, () => clock.now)): Promise<HealthServer> {
  const app = await createTestApp();
  const metrics = new BotMetrics(app.live, () => 42);
  metrics.record({ id: '1', type: 'command', command: 'quote', outcome: 'ok', latencyMs: 3 });
  if (ready) gateway.ready(0);
  server = await startHealthThread({ host: '127.0.0.1', port: 0, source: botHealth(metrics, gateway, app.live) });
  return server;
}

async function healthz(url: string): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${url}/healthz`);
  return { status: response.status, body: await response.json() };
}

describe('the health endpoint', () => {
  it('given the gateway is not connected yet, then /healthz answers 503', async () => {
    const { url } = await start(false);
    expect(await healthz(url)).toMatchObject({ status: 503, body: { status: 'unavailable', gateway: 'connecting', reason: 'shard 0: not connected to the gateway yet' } });
  });

  it('given a dropped gateway, then /healthz stays 200 while it may still resume and answers 503 with the reason once it has not', async () => {
    const gateway = new GatewayWatch([0], RECOVERY_MS, () => clock.now);
    const health = await start(true, gateway);
    gateway.dropped(0, 4000);
    clock.now += RECOVERY_MS - 1000;
    gateway.dropped(0, 1006);
    await health.refresh();
    expect(await healthz(health.url)).toMatchObject({ status: 200, body: { status: 'ok', gateway: 'reconnecting' } });
    clock.now += 1000;
    await health.refresh();
    expect(await healthz(health.url)).toMatchObject({
      status: 503,
      body: { status: 'unavailable', gateway: 'reconnecting', reason: 'shard 0: the gateway dropped with close code 1006 60 s ago and has not resumed' },
    });
    gateway.ready(0);
    await health.refresh();
    expect(await healthz(health.url)).toMatchObject({ status: 200, body: { status: 'ok', gateway: 'ready' } });
  });

  it('given a gateway closed for good, then /healthz answers 503 as soon as the bot reports it', async () => {
    const gateway = new GatewayWatch([0], RECOVERY_MS, () => clock.now);
    const health = await start(true, gateway);
    gateway.closed(0, 4004);
    await health.refresh();
    expect(await healthz(health.url)).toMatchObject({ status: 503, body: { gateway: 'closed', reason: 'shard 0: Discord closed the gateway with close code 4004 and it will not reconnect' } });
  });

  it('given the bot stops reporting (its event loop stuck), then /healthz answers 503 from its own thread, at once', async () => {
    const app = await createTestApp();
    const gateway = new GatewayWatch([0], RECOVERY_MS);
    gateway.ready(0);
    server = await startHealthThread({ host: '127.0.0.1', port: 0, source: botHealth(new BotMetrics(app.live, () => undefined), gateway, app.live), refreshMs: 60_000, staleMs: 200 });
    expect((await healthz(server.url)).status).toBe(200);
    // Block this thread well past the staleness bound while a probe runs in another process.
    const { spawnSync } = await import('node:child_process');
    const probe = spawnSync(process.execPath, ['-e', `setTimeout(() => fetch('${server.url}/healthz').then(async (r) => { console.log(r.status, await r.text()); }), 400)`], { encoding: 'utf8', timeout: 5000 });
    expect(probe.stdout).toMatch(/^503 .*event loop may be stuck/);
  });

  it('given the gateway is ready and data loaded, then /healthz answers 200 with the dataset version', async () => {
    const { url } = await start(true);
    expect(await healthz(url)).toEqual({ status: 200, body: { status: 'ok', gateway: 'ready', dataset: expect.stringMatching(/^[0-9a-f]{12}$/) as unknown } });
  });

  it('given a handled interaction, then /metrics reports it with the latency, gateway ping and dataset counts', async () => {
    const { url } = await start(true);
    const text = await (await fetch(`${url}/metrics`)).text();
    expect(text).toContain('newsdesk_interactions_total{type="command",command="quote",outcome="ok"} 1');
    expect(text).toContain('newsdesk_interaction_latency_seconds_bucket{le="0.005",type="command"} 1');
    expect(text).toContain('newsdesk_gateway_ping_seconds 0.042');
    expect(text).toContain('newsdesk_dataset_entries{kind="quotes"} 22');
    expect(text).toMatch(/newsdesk_dataset_info\{version="[0-9a-f]{12}"\} 1/);
  });

  it('given another path or method, then it answers 404 or 405', async () => {
    const { url } = await start(true);
    expect((await fetch(`${url}/nope`)).status).toBe(404);
    expect((await fetch(`${url}/healthz`, { method: 'POST' })).status).toBe(405);
  });
});
