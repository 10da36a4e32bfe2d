// Optional HTTP endpoint for operators: /healthz for liveness probes, /metrics in Prometheus format (prom-client).
// One process serves it: the bot itself, or the shard manager for all its shards (see src/shards/manager.ts).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { countEntries } from '../data/dataset.ts';
import type { LiveSnapshot } from '../snapshot.ts';
import type { HandledInteraction } from './router.ts';

/** The bot's metrics, in a registry of its own (tests start several bots in one process). */
export class BotMetrics {
  readonly registry = new Registry();
  private readonly interactions: Counter<'type' | 'command' | 'outcome'>;
  private readonly latency: Histogram<'type'>;

  /** `labels` go on every series, e.g. { shard: '0' } in a shard, so the manager's aggregate keeps shards apart. */
  constructor(live: LiveSnapshot, gatewayPing: () => number | undefined, labels: Readonly<Record<string, string>> = {}) {
    this.registry.setDefaultLabels(labels);
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

/** What this process's gateway connection is doing, in words for /healthz. */
export interface GatewayStatus {
  /** True while ready, and while reconnecting for less than the recovery bound. */
  readonly ok: boolean;
  readonly gateway: 'ready' | 'connecting' | 'reconnecting' | 'closed';
  /** Why it is not ready, for the operator. */
  readonly reason?: string;
}

interface ShardConnection {
  readonly state: GatewayStatus['gateway'];
  readonly since: number;
  readonly code?: number;
}

/**
 * Follows the gateway shards of this process (discord.js events) for /healthz: a dropped connection that resumes within
 * `recoveryMs` is normal; one that has not recovered by then, or closed for good, makes the bot unhealthy.
 */
export class GatewayWatch {
  private readonly shards = new Map<number, ShardConnection>();

  constructor(
    shardIds: readonly number[],
    private readonly recoveryMs: number,
    private readonly now: () => number = Date.now,
  ) {
    for (const id of shardIds) this.shards.set(id, { state: 'connecting', since: this.now() });
  }

  ready(shardId: number): void {
    this.shards.set(shardId, { state: 'ready', since: this.now() });
  }

  /** The connection dropped with `code`; discord.js resumes or reconnects by itself. */
  dropped(shardId: number, code: number): void {
    const previous = this.shards.get(shardId);
    // Keep the time of the first drop: repeated failed attempts must not restart the clock.
    const since = previous?.state === 'reconnecting' ? previous.since : this.now();
    this.shards.set(shardId, { state: previous?.state === 'connecting' ? 'connecting' : 'reconnecting', since, code });
  }

  /** Discord closed the connection for good (a fatal close code): discord.js does not reconnect. */
  closed(shardId: number, code: number): void {
    this.shards.set(shardId, { state: 'closed', since: this.now(), code });
  }

  status(): GatewayStatus {
    const now = this.now();
    const problems: { gateway: GatewayStatus['gateway']; reason: string; fails: boolean }[] = [];
    for (const [id, shard] of this.shards) {
      const seconds = Math.round((now - shard.since) / 1000);
      const code = shard.code === undefined ? '' : ` with close code ${String(shard.code)}`;
      if (shard.state === 'closed') problems.push({ gateway: 'closed', reason: `shard ${String(id)}: Discord closed the gateway${code} and it will not reconnect`, fails: true });
      else if (shard.state === 'reconnecting') {
        problems.push({ gateway: 'reconnecting', reason: `shard ${String(id)}: the gateway dropped${code} ${String(seconds)} s ago and has not resumed`, fails: now - shard.since >= this.recoveryMs });
      } else if (shard.state === 'connecting') problems.push({ gateway: 'connecting', reason: `shard ${String(id)}: not connected to the gateway yet`, fails: true });
    }
    const worst = problems.find((problem) => problem.fails) ?? problems[0];
    if (!worst) return { ok: true, gateway: 'ready' };
    return { ok: !worst.fails, gateway: worst.gateway, reason: problems.map((problem) => problem.reason).join('; ') };
  }
}

/** /healthz's answer: 200 when `ok`, else 503; `body` is sent as JSON either way. */
export interface HealthAnswer {
  readonly ok: boolean;
  readonly body: Readonly<Record<string, unknown>>;
}

/** What the endpoint serves: the bot's own state, or (in the shard manager) every shard's. */
export interface HealthSource {
  health(): HealthAnswer | Promise<HealthAnswer>;
  metrics(): Promise<{ readonly contentType: string; readonly text: string }>;
}

/** How the data store is doing (a shared database may be out of reach); absent for stores that cannot fail that way. */
export type StoreState = () => { readonly ok: boolean; readonly detail?: string };

/**
 * The store's part of /healthz. A process that lost its database still answers lookups from memory: it stays healthy
 * (200) so a load balancer keeps it, and says "degraded" with why, for the operator.
 */
function storeFields(store: StoreState | undefined): { status?: 'degraded'; store?: string; reason?: string } {
  const state = store?.();
  if (!state || state.ok) return {};
  return { status: 'degraded', store: 'unavailable', ...(state.detail ? { reason: state.detail } : {}) };
}

/** The single bot's health: the gateway of this process, its live data, and its data store. */
export function botHealth(metrics: BotMetrics, gateway: GatewayWatch, live: LiveSnapshot, store?: StoreState): HealthSource {
  return {
    health: () => {
      const { dataset } = live.current;
      const status = gateway.status();
      const ok = status.ok && dataset.sources.length > 0;
      const reason = dataset.sources.length === 0 ? 'no data is loaded' : status.reason;
      return {
        ok,
        body: { status: ok ? 'ok' : 'unavailable', gateway: status.gateway, dataset: dataset.version, ...(reason === undefined ? {} : { reason }), ...(ok ? storeFields(store) : {}) },
      };
    },
    metrics: async () => ({ contentType: metrics.registry.contentType, text: await metrics.registry.metrics() }),
  };
}

/** Health of an endpoint-only process (HTTP mode): it serves when its data is loaded. */
export function endpointHealth(metrics: BotMetrics, live: LiveSnapshot, store?: StoreState): HealthSource {
  return {
    health: () => {
      const { dataset } = live.current;
      const ok = dataset.sources.length > 0;
      return {
        ok,
        body: { status: ok ? 'ok' : 'unavailable', mode: 'http', dataset: dataset.version, ...(ok ? storeFields(store) : { reason: 'no data is loaded' }) },
      };
    },
    metrics: async () => ({ contentType: metrics.registry.contentType, text: await metrics.registry.metrics() }),
  };
}

export interface HealthServer {
  /** The address it listens on, e.g. http://127.0.0.1:9464. */
  readonly url: string;
  /** Reports the bot's state now, not at the next regular refresh (a shard connected or was closed); resolves once served. */
  refresh(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Answers /healthz (200 or 503 with a JSON body saying why) and /metrics from `source`; false for any other path, so
 * that the same routes can sit on a server of their own or beside the interactions endpoint.
 */
export function healthRoutes(source: HealthSource): (request: IncomingMessage, response: ServerResponse) => boolean {
  return (request, response) => {
    const path = (request.url ?? '/').split('?')[0];
    if (path !== '/healthz' && path !== '/metrics') return false;
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { allow: 'GET, HEAD' }).end();
      return true;
    }
    if (path === '/healthz') {
      Promise.resolve(source.health()).then(
        ({ ok, body }) => {
          response.writeHead(ok ? 200 : 503, { 'content-type': 'application/json' }).end(JSON.stringify(body));
        },
        (error: unknown) => {
          response.writeHead(503, { 'content-type': 'application/json' }).end(JSON.stringify({ status: 'unavailable', reason: String(error) }));
        },
      );
      return true;
    }
    source.metrics().then(
      ({ contentType, text }) => {
        response.writeHead(200, { 'content-type': contentType }).end(text);
      },
      (error: unknown) => {
        response.writeHead(500, { 'content-type': 'text/plain' }).end(String(error));
      },
    );
    return true;
  };
}
