// Starts the bot on Discord: core, client, router, login, health endpoint and a clean stop. The entry and e2e tests share it.
import { Events, Routes, WebSocketShardEvents, type Client, type REST } from 'discord.js';
import { GatewayDispatchEvents, type APIInteraction } from 'discord-api-types/v10';
import type { AuditEntry } from '../admin/admin.ts';
import { createApp, type App, type CreateAppOptions } from '../app.ts';
import { DEFAULTS, type Config } from '../config.ts';
import { renderAuditEntry } from '../format/data-embeds.ts';
import { finalizeReply } from '../format/reply.ts';
import type { Logger } from '../logger.ts';
import { DATA_HOME_HINT } from '../messages.ts';
import { IpcShardCoordinator } from '../shards/coordinator.ts';
import { GatewayClosedError, createDiscordClient, isFatalCloseCode } from './client.ts';
import { BotMetrics, GatewayWatch, botHealth, type HealthServer } from './health.ts';
import { startHealthThread } from './health-thread.ts';
import { restResponder } from './responder.ts';
import { InteractionRouter, type HandledInteraction, type RouterOptions } from './router.ts';

export interface RunningBot {
  readonly app: App;
  readonly client: Client;
  readonly router: InteractionRouter;
  readonly metrics: BotMetrics;
  /** The state of this process's gateway shards, as /healthz reports it. */
  readonly gateway: GatewayWatch;
  /** Present when HEALTH_PORT is set (never in a managed shard: the manager serves health for all). */
  readonly health: HealthServer | undefined;
  /** Settles only if Discord closes the gateway for good (4004, 4010–4014): the bot cannot go on and must exit. */
  readonly failed: Promise<GatewayClosedError>;
  /** Stops taking interactions, finishes those in flight (bounded), closes the gateway. Safe to call twice. */
  stop(): Promise<void>;
}

export interface StartOptions extends CreateAppOptions, RouterOptions {
  /** How long shutdown waits for interactions in flight. */
  readonly shutdownGraceMs?: number;
  /** How long a dropped gateway may take to resume before /healthz answers 503. */
  readonly gatewayRecoveryMs?: number;
}

/**
 * Loads the data, logs in and resolves once the gateway is ready. Rejects (after cleaning up) when login fails, with a
 * GatewayClosedError when Discord closes the gateway for good.
 */
export async function startDiscordBot(config: Config, logger: Logger, options: StartOptions = {}): Promise<RunningBot> {
  const token = config.token;
  if (!token) throw new Error('startDiscordBot needs DISCORD_TOKEN');
  const client = createDiscordClient(config);
  // A shard spawned by the ShardingManager keeps its data in step with the others through the manager.
  const shardIds = config.gatewayShards.ids;
  const coordinator = config.managedShard ? new IpcShardCoordinator(shardIds, logger) : undefined;
  const notify = config.modLogChannelId ? postAudit(client.rest, config.modLogChannelId) : undefined;
  const app = await createApp(config, logger, { coordinator, notify, ...options });
  if (config.dataGuildIds.length === 0) logger.info(DATA_HOME_HINT);
  coordinator?.handle(async (request) =>
    request.type === 'adopt' ? app.dataAdmin.adopt(request.version) : app.live.current.dataset.version,
  );

  const labels: Record<string, string> = config.managedShard ? { shard: shardIds.join(',') } : {};
  const metrics = new BotMetrics(app.live, () => (client.ws.ping >= 0 ? client.ws.ping : undefined), labels);
  const gateway = new GatewayWatch(shardIds, options.gatewayRecoveryMs ?? DEFAULTS.gatewayRecoveryMs);
  coordinator?.reportHealth(async () => ({
    shards: shardIds,
    gateway: gateway.status(),
    dataset: app.live.current.dataset.version,
    metrics: await metrics.registry.getMetricsAsJSON(),
  }));
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
  client.on(Events.ShardReady, (shardId) => {
    gateway.ready(shardId);
    void health?.refresh();
  });
  client.on(Events.ShardResume, (shardId) => {
    gateway.ready(shardId);
    void health?.refresh();
  });
  // discord.js emits this only for the fatal codes; it does not reconnect after them.
  let closedForGood: GatewayClosedError | undefined;
  let settleFailed: (error: GatewayClosedError) => void = () => undefined;
  const failed = new Promise<GatewayClosedError>((resolve) => {
    settleFailed = resolve;
  });
  client.on(Events.ShardDisconnect, (event, shardId) => {
    gateway.closed(shardId, event.code);
    const error = (closedForGood ??= new GatewayClosedError(event.code, shardId));
    logger.error({ shardId, code: event.code }, error.message);
    // The probe says so before anything acts on the failure (the process exits right after).
    void (health?.refresh() ?? Promise.resolve()).finally(() => {
      settleFailed(error);
    });
  });

  // Up before login, so a probe sees 503 while the gateway connects rather than nothing at all.
  const health =
    config.healthPort === undefined
      ? undefined
      : await startHealthThread({ host: config.healthHost, port: config.healthPort, source: botHealth(metrics, gateway, app.live, () => app.dataAdmin.health()) });
  if (health) logger.info({ url: health.url }, 'health endpoint listening');

  const ready = new Promise<void>((resolve) =>
    client.once(Events.ClientReady, () => {
      resolve();
    }),
  );
  try {
    await client.login(token);
    await Promise.race([ready, failed.then((error) => Promise.reject(error))]);
  } catch (error) {
    await health?.close();
    coordinator?.close();
    await app.dataAdmin.stop();
    await client.destroy();
    // At login discord.js rejects with its own words ("Used disallowed intents"); the close code says more.
    throw closedForGood ?? error;
  }
  // Reported before the line operators (and tests) wait for, so that a probe after it sees the bot ready.
  await health?.refresh();
  logger.info({ user: client.user?.tag, shards: client.ws.shards.size }, 'connected to Discord');
  // A drop that discord.js resumes by itself; /healthz turns 503 only if it does not recover in time.
  for (const shard of client.ws.shards.values()) {
    shard.on(WebSocketShardEvents.Close, ({ code }) => {
      if (!isFatalCloseCode(code)) gateway.dropped(shard.id, code);
      void health?.refresh();
    });
  }

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
  return { app, client, router, metrics, gateway, health, failed, stop };
}

/** Posts each audit entry to the moderators' channel, with no pings (REST with the bot token). */
export function postAudit(rest: REST, channelId: string): (entry: AuditEntry) => Promise<void> {
  return async (entry) => {
    const { data } = finalizeReply({ embeds: [renderAuditEntry(entry)] });
    await rest.post(Routes.channelMessages(channelId), { body: { embeds: data.embeds, allowed_mentions: data.allowed_mentions } });
  };
}
