// The sharded bot's parent process: spawns one process per shard (discord.js ShardingManager) and relays data changes.
import { REST, Routes, ShardingManager, type Shard } from 'discord.js';
import { fileURLToPath } from 'node:url';
import type { RESTGetAPIGatewayBotResult } from 'discord-api-types/v10';
import type { ShardVersion } from '../admin/admin.ts';
import type { Config } from '../config.ts';
import type { Logger } from '../logger.ts';
import { isShardMessage, type ShardRequest } from './protocol.ts';

/** How long the manager waits for every shard to answer a broadcast (an adopt may rebuild a large index). */
const BROADCAST_TIMEOUT_MS = 60_000;
/** Discord lets one identify per 5 s per bucket; shards beyond max_concurrency are spawned this far apart. */
const IDENTIFY_SPACING_MS = 5500;

export interface RunningManager {
  readonly manager: ShardingManager;
  /** Stops every shard (each drains its interactions) and resolves when all have exited. */
  stop(): Promise<void>;
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

/** Spawns the shards (each runs src/main.ts as a shard) and relays their broadcasts. Rejects if a shard cannot start. */
export async function startShardManager(config: Config, logger: Logger): Promise<RunningManager> {
  const token = config.token;
  if (!token) throw new Error('sharding needs DISCORD_TOKEN');
  const { total, spacingMs } = await shardPlan(config, token);
  const entry = fileURLToPath(new URL('../main.ts', import.meta.url));
  const manager = new ShardingManager(entry, {
    totalShards: total,
    token,
    mode: 'process',
    respawn: true,
    // Keeps the TypeScript loader (tsx) in every shard process.
    execArgv: process.execArgv,
  });
  manager.on('shardCreate', (shard) => {
    logger.info({ shard: shard.id }, 'shard spawned');
    shard.on('death', () => {
      logger.warn({ shard: shard.id }, 'shard exited; it respawns and loads the current data');
    });
    shard.on('message', (message: unknown) => {
      if (isShardMessage(message) && message.newsdesk === 'broadcast') {
        void relay(manager, shard, message.id, message.request, logger);
      }
    });
  });
  await manager.spawn({ amount: total, delay: spacingMs, timeout: 60_000 });
  logger.info({ shards: total }, 'all shards ready');

  return {
    manager,
    stop: async () => {
      // Each shard handles SIGTERM like a single bot: drain, close the gateway, exit 0.
      manager.respawn = false;
      await Promise.all(
        [...manager.shards.values()].map(async (shard) => {
          const child = shard.process;
          if (!child || child.exitCode !== null) return;
          const exited = new Promise<void>((resolve) => {
            child.once('exit', () => {
              resolve();
            });
          });
          child.kill('SIGTERM');
          await exited;
        }),
      );
    },
  };
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
