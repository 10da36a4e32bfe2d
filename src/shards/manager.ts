// The sharded bot's parent process: spawns one process per shard (discord.js ShardingManager), relays data changes,
// serves the one /healthz and /metrics for all shards, and stops them all on a signal or when one cannot run.
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { REST, Routes, ShardingManager, type Shard } from 'discord.js';
import type { RESTGetAPIGatewayBotResult } from 'discord-api-types/v10';
import { AggregatorRegistry, Gauge, Registry, type MetricObjectWithValues, type MetricValue } from 'prom-client';
import type { ShardVersion } from '../admin/admin.ts';
import { DEFAULTS, type Config } from '../config.ts';
import type { HealthAnswer, HealthServer, HealthSource } from '../discord/health.ts';
import { startHealthThread } from '../discord/health-thread.ts';
import type { Logger } from '../logger.ts';
import { operatorMessages } from '../operator-messages.ts';
import { isShardMessage, type ShardHealth, type ShardRequest } from './protocol.ts';

/** How long the manager waits for every shard to answer a broadcast (an adopt may rebuild a large index). */
const BROADCAST_TIMEOUT_MS = 60_000;
/** Discord lets one identify per 5 s per bucket; shards beyond max_concurrency are spawned this far apart. */
const IDENTIFY_SPACING_MS = 5500;
/** How long a shard may take to log in before start-up fails. */
const SHARD_READY_TIMEOUT_MS = 60_000;
/** A health probe does not wait longer than this for a shard's report: a shard that cannot answer is not healthy. */
const HEALTH_REPORT_TIMEOUT_MS = 2000;
/** After its drain, a shard gets this long to close the gateway and exit before it is killed. */
const STOP_MARGIN_MS = 5000;

/** The sharded bot could not start: the message is the one line to print. */
export class ShardStartError extends Error {
  override readonly name = 'ShardStartError';
}

export interface RunningManager {
  readonly manager: ShardingManager;
  /** Present when HEALTH_PORT is set: /healthz and /metrics for every shard. */
  readonly health: HealthServer | undefined;
  /** Settles only if a shard reports that it cannot run (a fatal gateway close): the message is the line to print. */
  readonly failed: Promise<Error>;
  /** Stops every shard (each drains its interactions) and resolves when all have exited. */
  stop(): Promise<void>;
}

export interface ShardManagerOptions {
  /** How long each shard drains on stop; the manager kills a shard that takes much longer. */
  readonly shutdownGraceMs?: number;
}

/** How many shards, and how fast they may identify, from Discord's own recommendation. */
async function shardPlan(config: Config, token: string): Promise<{ total: number; spacingMs: number }> {
  const rest = new REST({ api: config.apiUrl, retries: 1 }).setToken(token);
  try {
    const gateway = (await rest.get(Routes.gatewayBot())) as RESTGetAPIGatewayBotResult;
    const total = config.shardCount === 'auto' ? Math.max(1, gateway.shards) : (config.shardCount ?? 1);
    const spacingMs = total <= gateway.session_start_limit.max_concurrency ? 0 : IDENTIFY_SPACING_MS;
    return { total, spacingMs };
  } finally {
    rest.clearHashSweeper();
    rest.clearHandlerSweeper();
  }
}

/** The entry each shard runs: this same bot, built (dist/src/main.js) or, in development under tsx, src/main.ts. */
function shardEntry(): string {
  const self = fileURLToPath(import.meta.url);
  return path.resolve(path.dirname(self), '..', `main${path.extname(self)}`);
}

/**
 * Spawns the shards and relays their broadcasts. Rejects with a ShardStartError (one line, relayed from the shard when
 * it said why) if a shard cannot start; no shard is left running then.
 */
export async function startShardManager(config: Config, logger: Logger, options: ShardManagerOptions = {}): Promise<RunningManager> {
  const token = config.token;
  if (!token) throw new Error('sharding needs DISCORD_TOKEN');
  const graceMs = options.shutdownGraceMs ?? DEFAULTS.shutdownGraceMs;
  const { total, spacingMs } = await shardPlan(config, token);
  const manager = new ShardingManager(shardEntry(), {
    totalShards: total,
    token,
    mode: 'process',
    // Off until every shard is up: a shard that fails at start-up would fail again.
    respawn: false,
    // Keeps --enable-source-maps (or, in development, tsx's loader) in every shard process.
    execArgv: process.execArgv,
  });
  const reports = new HealthReports(manager);
  let failure: string | undefined;
  let cannotRun: (error: Error) => void = () => undefined;
  const failed = new Promise<Error>((resolve) => {
    cannotRun = resolve;
  });

  manager.on('shardCreate', (shard) => {
    logger.info({ shard: shard.id }, 'shard spawned');
    shard.on('death', () => {
      // Off during a deliberate stop, so only a real crash says it respawns.
      if (manager.respawn) logger.warn({ shard: shard.id }, 'shard exited; it respawns and loads the current data');
      void health?.refresh();
    });
    shard.on('ready', () => {
      void health?.refresh();
    });
    shard.on('error', (error: unknown) => {
      logger.error({ err: error, shard: shard.id }, 'shard could not be respawned');
    });
    shard.on('message', (message: unknown) => {
      if (!isShardMessage(message)) return;
      if (message.newsdesk === 'broadcast') void relay(manager, shard, message.id, message.request, logger);
      else if (message.newsdesk === 'health-report') reports.settle(message.id, message.health);
      else if (message.newsdesk === 'failed') {
        manager.respawn = false;
        failure ??= message.line;
        cannotRun(new ShardStartError(message.line));
      }
    });
  });

  const health =
    config.healthPort === undefined
      ? undefined
      : await startHealthThread({ host: config.healthHost, port: config.healthPort, source: shardsHealth(reports) });
  if (health) logger.info({ url: health.url }, 'health endpoint listening');

  try {
    await manager.spawn({ amount: total, delay: spacingMs, timeout: SHARD_READY_TIMEOUT_MS });
  } catch (error) {
    await stopShards(manager, graceMs);
    await health?.close();
    const reason = error instanceof Error ? error.message : String(error);
    // The shard's own line travels over IPC and may arrive just after its exit.
    failure ??= await Promise.race([failed.then((shardError) => shardError.message), delay(1000)]);
    throw new ShardStartError(failure ?? operatorMessages.shardsCouldNotStart(reason));
  }
  manager.respawn = true;
  // Reported before the line operators (and tests) wait for, so that a probe after it sees every shard.
  await health?.refresh();
  logger.info({ shards: total }, 'all shards ready');

  let stopping: Promise<void> | undefined;
  return {
    manager,
    health,
    failed,
    stop: () => {
      stopping ??= (async () => {
        await stopShards(manager, graceMs);
        await health?.close();
      })();
      return stopping;
    },
  };
}

/** Sends SIGTERM to every shard (each drains like a single bot) and kills one that does not exit in time. */
async function stopShards(manager: ShardingManager, graceMs: number): Promise<void> {
  manager.respawn = false;
  await Promise.all(
    [...manager.shards.values()].map(async (shard) => {
      const child = shard.process;
      if (!child || child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs + STOP_MARGIN_MS);
      await exited;
      clearTimeout(timer);
    }),
  );
}

/** The manager's side of health reports: asks a shard process and matches its answer to the question. */
class HealthReports {
  private readonly waiting = new Map<string, (health: ShardHealth) => void>();

  constructor(private readonly manager: ShardingManager) {}

  /** Every shard's report, or why there is none (not running, no answer in time). */
  async collect(): Promise<{ readonly shard: number; readonly health?: ShardHealth; readonly problem?: string }[]> {
    const ids = Array.from({ length: Number(this.manager.totalShards) }, (_, shard) => shard);
    return Promise.all(
      ids.map(async (id) => {
        const shard = this.manager.shards.get(id);
        if (!shard?.process?.connected) return { shard: id, problem: `shard ${String(id)}: its process is not running` };
        if (!shard.ready) return { shard: id, problem: `shard ${String(id)}: starting, not connected to Discord yet` };
        const health = await this.ask(shard);
        return health ? { shard: id, health } : { shard: id, problem: `shard ${String(id)}: did not answer within ${String(HEALTH_REPORT_TIMEOUT_MS / 1000)} s` };
      }),
    );
  }

  settle(id: string, health: ShardHealth): void {
    this.waiting.get(id)?.(health);
  }

  private async ask(shard: Shard): Promise<ShardHealth | undefined> {
    const id = randomUUID();
    let timer: NodeJS.Timeout | undefined;
    const answered = new Promise<ShardHealth | undefined>((resolve) => {
      this.waiting.set(id, resolve);
      timer = setTimeout(() => {
        resolve(undefined);
      }, HEALTH_REPORT_TIMEOUT_MS);
    });
    try {
      await shard.send({ newsdesk: 'health', id });
      return await answered;
    } catch {
      return undefined;
    } finally {
      clearTimeout(timer);
      this.waiting.delete(id);
    }
  }
}

/** /healthz and /metrics over every shard: healthy only when all are connected and serve the same data version. */
function shardsHealth(reports: HealthReports): HealthSource {
  return {
    health: async (): Promise<HealthAnswer> => {
      const collected = await reports.collect();
      const problems: string[] = [];
      const shards = collected.map(({ shard, health, problem }) => {
        if (problem) problems.push(problem);
        if (health && !health.gateway.ok) problems.push(health.gateway.reason ?? `shard ${String(shard)}: the gateway is not ready`);
        return { shard, gateway: health?.gateway.gateway ?? 'unknown', dataset: health?.dataset ?? null };
      });
      const versions = [...new Set(collected.flatMap(({ health }) => (health ? [health.dataset] : [])))];
      if (versions.length > 1) {
        problems.push(`the shards serve different data versions: ${shards.map(({ shard, dataset }) => `shard ${String(shard)} ${dataset ?? '?'}`).join(', ')}`);
      }
      const ok = problems.length === 0;
      return { ok, body: { status: ok ? 'ok' : 'unavailable', dataset: versions.length === 1 ? versions[0] : null, shards, ...(ok ? {} : { problems }) } };
    },
    metrics: async () => {
      const collected = await reports.collect();
      const own = new Registry();
      const up = new Gauge({ name: 'newsdesk_shard_up', help: 'Whether each shard answered and its gateway is ready (1) or not (0).', labelNames: ['shard'], registers: [own] });
      for (const { shard, health } of collected) up.set({ shard: String(shard) }, health?.gateway.ok ? 1 : 0);
      const perShard = collected.flatMap(({ health }) => (health ? [health.metrics as MetricObjectWithValues<MetricValue<string>>[]] : []));
      // Every series carries its shard label, so aggregation keeps each shard's values apart.
      const merged = Registry.merge([AggregatorRegistry.aggregate(perShard), own]);
      return { contentType: merged.contentType, text: await merged.metrics() };
    },
  };
}

function delay(ms: number): Promise<undefined> {
  return new Promise((resolve) => {
    setTimeout(() => {
      resolve(undefined);
    }, ms).unref();
  });
}

/** Sends a request to every shard and the collected answers back to the shard that asked. */
async function relay(manager: ShardingManager, origin: Shard, id: string, request: ShardRequest, logger: Logger): Promise<void> {
  const shards = [...manager.shards.values()];
  const answers = new Map<number, string>();
  await new Promise<void>((resolve) => {
    const timer = setTimeout(finish, BROADCAST_TIMEOUT_MS);
    const listeners = shards.map((shard) => {
      const listener = (message: unknown): void => {
        if (!isShardMessage(message) || message.newsdesk !== 'response' || message.id !== id) return;
        answers.set(message.shard, message.version);
        if (answers.size === shards.length) finish();
      };
      shard.on('message', listener);
      return { shard, listener };
    });
    function finish(): void {
      clearTimeout(timer);
      for (const { shard, listener } of listeners) shard.off('message', listener);
      resolve();
    }
    for (const shard of shards) {
      shard.send({ newsdesk: 'request', id, request }).catch((error: unknown) => {
        logger.warn({ err: error, shard: shard.id }, 'could not reach a shard');
      });
    }
  });
  const collected: ShardVersion[] = [...answers].map(([shard, version]) => ({ shard, version })).sort((a, b) => a.shard - b.shard);
  if (collected.length < shards.length) logger.warn({ answered: collected.length, shards: shards.length }, 'not every shard answered in time');
  await origin.send({ newsdesk: 'collected', id, shards: collected }).catch((error: unknown) => {
    logger.warn({ err: error, shard: origin.id }, 'could not answer the shard that asked');
  });
}
