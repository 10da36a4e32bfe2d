// Optional HTTP endpoint for operators: /healthz for liveness probes, /metrics in Prometheus format (prom-client).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { countEntries } from '../data/dataset.ts';
import type { LiveSnapshot } from '../snapshot.ts';
import type { HandledInteraction } from './router.ts';

/** The bot's metrics, in a registry of its own (tests start several bots in one process). */
export class BotMetrics {
  readonly registry = new Registry();
  private readonly interactions: Counter<'type' | 'command' | 'outcome'>;
  private readonly latency: Histogram<'type'>;

  constructor(live: LiveSnapshot, gatewayPing: () => number | undefined) {
    collectDefaultMetrics({ register: this.registry, prefix: 'newsdesk_' });
    this.interactions = new Counter({
      name: 'newsdesk_interactions_total',
      help: 'Interactions handled, by type, command and outcome (ok, notice, cooldown, error, failed-reply).',
      labelNames: ['type', 'command', 'outcome'],
      registers: [this.registry],
    });
    this.latency = new Histogram({
      name: 'newsdesk_interaction_latency_seconds',
      help: 'From receiving an interaction to Discord accepting the answer.',
      labelNames: ['type'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [this.registry],
    });
    new Gauge({
      name: 'newsdesk_gateway_ping_seconds',
      help: 'Average gateway heartbeat round trip; absent before the first heartbeat.',
      registers: [this.registry],
      collect() {
        const ping = gatewayPing();
        if (ping !== undefined && ping >= 0) this.set(ping / 1000);
      },
    });
    new Gauge({
      name: 'newsdesk_dataset_info',
      help: 'The live dataset version (content hash) as a label; always 1.',
      labelNames: ['version'],
      registers: [this.registry],
      collect() {
        this.reset();
        this.set({ version: live.current.dataset.version }, 1);
      },
    });
    new Gauge({
      name: 'newsdesk_dataset_entries',
      help: 'Entries in the live dataset, by kind.',
      labelNames: ['kind'],
      registers: [this.registry],
      collect() {
        const counts: Readonly<Record<string, number>> = { ...countEntries(live.current.dataset) };
        for (const [kind, count] of Object.entries(counts)) this.set({ kind }, count);
      },
    });
  }

  /** Records one handled interaction (the router's onHandled hook). */
  readonly record = (event: HandledInteraction): void => {
    this.interactions.inc({ type: event.type, command: event.command, outcome: event.outcome });
    this.latency.observe({ type: event.type }, event.latencyMs / 1000);
  };
}

export interface HealthServer {
  /** The address it listens on, e.g. http://127.0.0.1:9464. */
  readonly url: string;
  close(): Promise<void>;
}

/** Serves /healthz (200 only when the gateway is ready and data is loaded, else 503) and /metrics. */
export async function startHealthServer(options: {
  readonly host: string;
  readonly port: number;
  readonly metrics: BotMetrics;
  readonly ready: () => boolean;
  readonly live: LiveSnapshot;
}): Promise<HealthServer> {
  const server: Server = createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0];
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    if (path === '/healthz') {
      const { dataset } = options.live.current;
      const gateway = options.ready();
      const ok = gateway && dataset.sources.length > 0;
      response.writeHead(ok ? 200 : 503, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ status: ok ? 'ok' : 'unavailable', gateway: gateway ? 'ready' : 'not ready', dataset: dataset.version }));
      return;
    }
    if (path === '/metrics') {
      options.metrics.registry.metrics().then(
        (text) => {
          response.writeHead(200, { 'content-type': options.metrics.registry.contentType }).end(text);
        },
        (error: unknown) => {
          response.writeHead(500, { 'content-type': 'text/plain' }).end(String(error));
        },
      );
      return;
    }
    response.writeHead(404, { 'content-type': 'text/plain' }).end('not found: try /healthz or /metrics\n');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  return {
    url: `http://${address.address}:${String(address.port)}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          resolve();
        });
      }),
  };
}
