import { afterEach, describe, expect, it } from 'vitest';
import { BotMetrics, GatewayWatch, botHealth, startHealthServer, type HealthServer } from '../../src/discord/health.ts';
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
  server = await startHealthServer({ host: '127.0.0.1', port: 0, source: botHealth(metrics, gateway, app.live) });
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
    const { url } = await start(true, gateway);
    gateway.dropped(0, 4000);
    clock.now += RECOVERY_MS - 1000;
    gateway.dropped(0, 1006);
    expect(await healthz(url)).toMatchObject({ status: 200, body: { status: 'ok', gateway: 'reconnecting' } });
    clock.now += 1000;
    expect(await healthz(url)).toMatchObject({
      status: 503,
      body: { status: 'unavailable', gateway: 'reconnecting', reason: 'shard 0: the gateway dropped with close code 1006 60 s ago and has not resumed' },
    });
    gateway.ready(0);
    expect(await healthz(url)).toMatchObject({ status: 200, body: { status: 'ok', gateway: 'ready' } });
  });

  it('given a gateway closed for good, then /healthz answers 503 at once', async () => {
    const gateway = new GatewayWatch([0], RECOVERY_MS, () => clock.now);
    const { url } = await start(true, gateway);
    gateway.closed(0, 4004);
    expect(await healthz(url)).toMatchObject({ status: 503, body: { gateway: 'closed', reason: 'shard 0: Discord closed the gateway with close code 4004 and it will not reconnect' } });
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
