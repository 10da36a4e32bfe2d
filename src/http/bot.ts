// The bot behind an HTTP Interactions Endpoint: the same core and router as on the gateway, no gateway connection (or
// one beside it with GATEWAY=true). Stateless, so replicas behind a load balancer share only the data store.
import { REST } from 'discord.js';
import { createApp, type App, type CreateAppOptions } from '../app.ts';
import { DEFAULTS, type Config } from '../config.ts';
import { postAudit, startDiscordBot, type StartOptions } from '../discord/bot.ts';
import { BotMetrics, botHealth, endpointHealth, healthRoutes, type HealthSource } from '../discord/health.ts';
import { startHealthThread } from '../discord/health-thread.ts';
import { InteractionRouter, type HandledInteraction } from '../discord/router.ts';
import type { Logger } from '../logger.ts';
import { DATA_HOME_HINT } from '../messages.ts';
import { startInteractionsEndpoint, type InteractionsEndpoint } from './endpoint.ts';

export interface RunningHttpBot {
  readonly app: App;
  readonly router: InteractionRouter;
  readonly metrics: BotMetrics;
  readonly endpoint: InteractionsEndpoint;
  /** Settles only if the process cannot go on (the gateway beside it closed for good). */
  readonly failed: Promise<Error>;
  stop(): Promise<void>;
}

/** Starts the endpoint (and the gateway beside it when configured); resolves once it listens. */
export async function startHttpBot(config: Config, logger: Logger, options: StartOptions = {}): Promise<RunningHttpBot> {
  const interactions = config.interactions;
  if (!interactions) throw new Error('startHttpBot needs INTERACTIONS_PORT and DISCORD_PUBLIC_KEY');
  // Edits and follow-ups authenticate with the interaction token; the bot token (if any) only posts to the mod log.
  const rest = new REST({ api: config.apiUrl });
  if (config.token) rest.setToken(config.token);
  const endpointOf = (router: InteractionRouter, health: HealthSource): Promise<InteractionsEndpoint> =>
    startInteractionsEndpoint({ host: interactions.host, port: interactions.port, publicKey: interactions.publicKey, router, rest, logger, fallback: healthRoutes(health) });

  if (config.gateway) {
    const bot = await startDiscordBot(config, logger, options);
    const endpoint = await endpointOf(bot.router, botHealth(bot.metrics, bot.gateway, bot.app.live, () => bot.app.dataAdmin.health()));
    logger.info({ url: endpoint.url }, 'interactions endpoint listening beside the gateway');
    return {
      app: bot.app,
      router: bot.router,
      metrics: bot.metrics,
      endpoint,
      failed: bot.failed,
      stop: async () => {
        // The router drains first (late arrivals on either door are told to retry), then both doors close.
        await bot.stop();
        await endpoint.close();
      },
    };
  }

  const notify = config.modLogChannelId && config.token ? postAudit(rest, config.modLogChannelId) : undefined;
  if (config.modLogChannelId && !config.token) logger.warn('MOD_LOG_CHANNEL_ID needs DISCORD_TOKEN to post; /data actions are audited to the log and the store only');
  const app = await createApp(config, logger, { ...(notify ? { notify } : {}), ...(options as CreateAppOptions) });
  if (config.dataGuildIds.length === 0) logger.info(DATA_HOME_HINT);
  const metrics = new BotMetrics(app.live, () => undefined);
  const onHandled = (event: HandledInteraction): void => {
    metrics.record(event);
    options.onHandled?.(event);
  };
  const router = new InteractionRouter(app.dispatcher, app.services, { ...options, onHandled });
  const health = endpointHealth(metrics, app.live, () => app.dataAdmin.health());
  const endpoint = await endpointOf(router, health);
  logger.info({ url: endpoint.url }, 'interactions endpoint listening');
  // HEALTH_PORT as well: probes answered from their own thread, whatever the endpoint is busy with.
  const healthServer = config.healthPort === undefined ? undefined : await startHealthThread({ host: config.healthHost, port: config.healthPort, source: health });
  if (healthServer) logger.info({ url: healthServer.url }, 'health endpoint listening');

  let stopping: Promise<void> | undefined;
  return {
    app,
    router,
    metrics,
    endpoint,
    failed: new Promise<Error>(() => undefined),
    stop: () => {
      stopping ??= (async () => {
        logger.info({ pending: router.pending }, 'shutting down');
        await router.drain(options.shutdownGraceMs ?? DEFAULTS.shutdownGraceMs);
        await app.dataAdmin.stop();
        await endpoint.close();
        await healthServer?.close();
        rest.clearHashSweeper();
        rest.clearHandlerSweeper();
        logger.info('stopped');
      })();
      return stopping;
    },
  };
}
