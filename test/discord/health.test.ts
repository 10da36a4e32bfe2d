import { afterEach, describe, expect, it } from 'vitest';
import { BotMetrics, startHealthServer, type HealthServer } from '../../src/discord/health.ts';
import { createTestApp } from '../support/core.ts';

let server: HealthServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function start(ready: boolean): Promise<HealthServer> {
  const app = await createTestApp();
  const metrics = new BotMetrics(app.live, () => 42);
  metrics.record({ id: '1', type: 'command', command: 'quote', outcome: 'ok', latencyMs: 3 });
  server = await startHealthServer({ host: '127.0.0.1', port: 0, metrics, live: app.live, ready: () => ready });
  return server;
}

describe('the health endpoint', () => {
  it('given the gateway is not ready, then /healthz answers 503', async () => {
    const { url } = await start(false);
    const response = await fetch(`${url}/healthz`);
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({ status: 'unavailable', gateway: 'not ready' });
  });

  it('given the gateway is ready and data loaded, then /healthz answers 200 with the dataset version', async () => {
    const { url } = await start(true);
    const response = await fetch(`${url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'ok', gateway: 'ready', dataset: expect.stringMatching(/^[0-9a-f]{12}$/) as unknown });
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
