// Starts the bot on Discord: core, client, router, login, health endpoint and a clean stop. The entry and e2e tests share it.
import { Events, Routes, Status, type Client } from 'discord.js';
import { GatewayDispatchEvents, type APIInteraction } from 'discord-api-types/v10';
import type { AuditEntry } from '../admin/admin.ts';
import { createApp, type App, type CreateAppOptions } from '../app.ts';
import { DEFAULTS, type Config } from '../config.ts';
import { renderAuditEntry } from '../format/data-embeds.ts';
import { finalizeReply } from '../format/reply.ts';
import type { Logger } from '../logger.ts';
import { DATA_HOME_HINT } from '../messages.ts';
import { IpcShardCoordinator } from '../shards/coordinator.ts';
import { createDiscordClient } from './client.ts';
import { BotMetrics, startHealthServer, type HealthServer } from './health.ts';
import { restResponder } from './responder.ts';
import { InteractionRouter, type HandledInteraction, type RouterOptions } from './router.ts';

export interface RunningBot {
  readonly app: App;
  readonly client: Client;
  readonly router: InteractionRouter;
  readonly metrics: BotMetrics;
  /** Present when HEALTH_PORT is set. */
  readonly health: HealthServer | undefined;
  /** Stops taking interactions, finishes those in flight (bounded), closes the gateway. Safe to call twice. */
  stop(): Promise<void>;
}

export interface StartOptions extends CreateAppOptions, RouterOptions {
  /** How long shutdown waits for interactions in flight. */
  readonly shutdownGraceMs?: number;
}

/** Loads the data, logs in and resolves once the gateway is ready. Rejects (after cleaning up) when login fails. */
export async function startDiscordBot(config: Config, logger: Logger, options: StartOptions = {}): Promise<RunningBot> {
  const token = config.token;
  if (!token) throw new Error('startDiscordBot needs DISCORD_TOKEN');
  const client = createDiscordClient(config);
  // A shard spawned by the ShardingManager keeps its data in step with the others through the manager.
  const coordinator = config.managedShard ? new IpcShardCoordinator(shardIdsOf(client), logger) : undefined;
  const notify = config.modLogChannelId ? postAudit(client, config.modLogChannelId) : undefined;
  const app = await createApp(config, logger, { coordinator, notify, ...options });
  if (config.dataGuildIds.length === 0) logger.info(DATA_HOME_HINT);
  coordinator?.handle(async (request) =>
    request.type === 'adopt' ? app.dataAdmin.adopt(request.version) : app.live.current.dataset.version,
  );

  const metrics = new BotMetrics(app.live, () => (client.ws.ping >= 0 ? client.ws.ping : undefined));
  const onHandled = (event: HandledInteraction): void => {
    metrics.record(event);
    options.onHandled?.(event);
  };
  const router = new InteractionRouter(app.dispatcher, app.services, { ...options, onHandled });
  // The raw payload, not discord.js's interaction object: the gateway is one door to the router, the HTTP endpoint another.
  client.ws.on(GatewayDispatchEvents.InteractionCreate, (raw: APIInteraction) => {
    void router.handle(raw, restResponder(client.rest, { id: raw.id, applicationId: raw.application_id, token: raw.token }));
  });
  client.on(Events.Error, (error) => {
    logger.error({ err: error }, 'discord client error');
  });
  client.on(Events.ShardDisconnect, (event, shardId) => {
    logger.warn({ shardId, code: event.code }, 'gateway disconnected');
  });

  // Up before login, so a probe sees 503 while the gateway connects rather than nothing at all.
  const health =
    config.healthPort === undefined
      ? undefined
      : await startHealthServer({
          host: config.healthHost,
          port: config.healthPort,
          metrics,
          live: app.live,
          ready: () => client.isReady() && client.ws.status === Status.Ready,
        });
  if (health) logger.info({ url: health.url }, 'health endpoint listening');

  const ready = new Promise<void>((resolve) =>
    client.once(Events.ClientReady, () => {
      resolve();
    }),
  );
  try {
    await client.login(token);
    await ready;
  } catch (error) {
    await health?.close();
    coordinator?.close();
    await app.dataAdmin.stop();
    await client.destroy();
    throw error;
  }
  logger.info({ user: client.user?.tag, shards: client.ws.shards.size }, 'connected to Discord');

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      logger.info({ pending: router.pending }, 'shutting down');
      await router.drain(options.shutdownGraceMs ?? DEFAULTS.shutdownGraceMs);
      await app.dataAdmin.stop();
      coordinator?.close();
      await health?.close();
      await client.destroy();
      logger.info('stopped');
    })();
    return stopping;
  };
  return { app, client, router, metrics, health, stop };
}

/** The shard ids this process serves, as the ShardingManager gave them. */
function shardIdsOf(client: Client): number[] {
  const shards: unknown = client.options.shards;
  if (Array.isArray(shards)) return shards.filter((shard): shard is number => typeof shard === 'number');
  return typeof shards === 'number' ? [shards] : [0];
}

/** Posts each audit entry to the moderators' channel, with no pings. */
function postAudit(client: Client, channelId: string): (entry: AuditEntry) => Promise<void> {
  return async (entry) => {
    const { data } = finalizeReply({ embeds: [renderAuditEntry(entry)] });
    await client.rest.post(Routes.channelMessages(channelId), { body: { embeds: data.embeds, allowed_mentions: data.allowed_mentions } });
  };
}
