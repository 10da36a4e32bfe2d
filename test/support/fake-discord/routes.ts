// The REST routes the fake serves (a small slice of Discord's API v10 plus the attachment CDN), with Discord's auth rules.
import { MessageType, type APIUser } from 'discord-api-types/v10';
import type { FakeClock, SnowflakeFactory } from './clock.ts';
import { isSnowflake } from './clock.ts';
import { DiscordErrors, type ParsedRequest, type RouteResult } from './http.ts';
import type { InteractionRegistry } from './interactions.ts';
import { dmChannel, guildTextChannel, newMessage } from './payloads.ts';
import type { CommandStore, MessageStore } from './store.ts';

/**
 * Where a channel the fake has seen lives: a guild, or a DM with one user. `botAbsent` marks channels reached only
 * through a user install (a guild that did not add the bot, a group DM): the bot user can neither read nor post there.
 */
export type KnownChannel = ({ readonly guildId: string } | { readonly recipient: APIUser }) & { readonly botAbsent?: boolean; readonly context?: number };

/** Everything routes read or change. */
export interface World {
  readonly token: string;
  readonly applicationId: string;
  readonly botUser: APIUser;
  readonly defaultGuildId: string;
  readonly recommendedShards: number;
  readonly maxConcurrency: number;
  readonly gatewayUrl: () => string;
  readonly clock: FakeClock;
  readonly ids: SnowflakeFactory;
  readonly store: MessageStore;
  readonly commands: CommandStore;
  readonly interactions: InteractionRegistry;
  readonly channels: Map<string, KnownChannel>;
}

type Handler = (request: ParsedRequest, params: readonly string[], world: World) => RouteResult;

interface Route {
  readonly method: string;
  /** Segments after /api/v10; ':' marks a parameter. */
  readonly path: readonly string[];
  readonly auth: boolean;
  readonly handler: Handler;
}

const param = (params: readonly string[], index: number): string => params[index] ?? '';

const ROUTES: readonly Route[] = [
  {
    method: 'GET',
    path: ['gateway', 'bot'],
    auth: true,
    handler: (_request, _params, world) => ({
      status: 200,
      json: {
        url: world.gatewayUrl(),
        shards: world.recommendedShards,
        session_start_limit: { total: 1000, remaining: 1000, reset_after: 14_400_000, max_concurrency: world.maxConcurrency },
      },
    }),
  },
  { method: 'GET', path: ['gateway'], auth: false, handler: (_request, _params, world) => ({ status: 200, json: { url: world.gatewayUrl() } }) },
  { method: 'GET', path: ['users', '@me'], auth: true, handler: (_request, _params, world) => ({ status: 200, json: world.botUser }) },
  {
    method: 'GET',
    path: ['applications', '@me'],
    auth: true,
    handler: (_request, _params, world) => ({
      status: 200,
      json: { id: world.applicationId, name: world.botUser.username, icon: null, description: '', bot_public: true, bot_require_code_grant: false, flags: 0, bot: world.botUser },
    }),
  },
  {
    method: 'POST',
    path: ['interactions', ':', ':', 'callback'],
    auth: false,
    handler: (request, params, world) => world.interactions.callback(request, param(params, 0), param(params, 1)),
  },
  {
    method: 'POST',
    path: ['webhooks', ':', ':'],
    auth: false,
    handler: (request, params, world) => world.interactions.followUp(request, param(params, 0), param(params, 1)),
  },
  ...['GET', 'PATCH', 'DELETE'].map(
    (method): Route => ({
      method,
      path: ['webhooks', ':', ':', 'messages', ':'],
      auth: false,
      handler: (request, params, world) => world.interactions.webhookMessage(request, param(params, 0), param(params, 1), param(params, 2)),
    }),
  ),
  ...commandRoutes(['applications', ':', 'commands'], () => undefined),
  ...commandRoutes(['applications', ':', 'guilds', ':', 'commands'], (params) => param(params, 1)),
  {
    method: 'GET',
    path: ['channels', ':'],
    auth: true,
    handler: (_request, params, world) => ({ status: 200, json: channelObject(botChannel(param(params, 0), world), param(params, 0)) }),
  },
  {
    method: 'POST',
    path: ['channels', ':', 'messages'],
    auth: true,
    handler: (request, params, world) => {
      const channelId = param(params, 0);
      const channel = botChannel(channelId, world);
      const skeleton = newMessage({
        id: world.ids.next(),
        channelId,
        guildId: 'guildId' in channel ? channel.guildId : undefined,
        author: world.botUser,
        timestamp: world.clock.isoNow(),
        type: MessageType.Default,
      });
      return { status: 200, json: world.store.create(skeleton, request.body ?? {}, request.files, 'channel') };
    },
  },
  {
    method: 'GET',
    path: ['channels', ':', 'messages', ':'],
    auth: true,
    handler: (_request, params, world) => {
      botChannel(param(params, 0), world);
      const message = world.store.get(param(params, 1));
      if (message?.channel_id !== param(params, 0)) throw DiscordErrors.unknownMessage();
      return { status: 200, json: message };
    },
  },
];

function commandRoutes(path: readonly string[], guildOf: (params: readonly string[]) => string | undefined): Route[] {
  const checkApplication = (params: readonly string[], world: World): void => {
    if (param(params, 0) !== world.applicationId) throw DiscordErrors.missingAccess();
  };
  return [
    {
      method: 'GET',
      path,
      auth: true,
      handler: (_request, params, world) => {
        checkApplication(params, world);
        return { status: 200, json: world.commands.list(guildOf(params)) };
      },
    },
    {
      method: 'PUT',
      path,
      auth: true,
      handler: (request, params, world) => {
        checkApplication(params, world);
        return { status: 200, json: world.commands.overwrite(guildOf(params), request.body) };
      },
    },
  ];
}

/** Any snowflake is a channel: one the fake has seen keeps its guild or DM, others are text channels of the default guild. */
function knownChannel(channelId: string, world: World): KnownChannel {
  if (!isSnowflake(channelId)) throw DiscordErrors.unknownChannel();
  return world.channels.get(channelId) ?? { guildId: world.defaultGuildId };
}

/** A channel the bot user itself is in; where only a user install reaches, Discord answers 50001 Missing Access. */
function botChannel(channelId: string, world: World): KnownChannel {
  const channel = knownChannel(channelId, world);
  if (channel.botAbsent === true) throw DiscordErrors.missingAccess();
  return channel;
}

function channelObject(channel: KnownChannel, channelId: string): Readonly<Record<string, unknown>> {
  return 'guildId' in channel ? guildTextChannel(channelId, channel.guildId) : dmChannel(channelId, channel.recipient);
}

function matches(pattern: readonly string[], segments: readonly string[]): string[] | undefined {
  if (pattern.length !== segments.length) return undefined;
  const params: string[] = [];
  for (const [index, part] of pattern.entries()) {
    const segment = segments[index] ?? '';
    if (part === ':') params.push(segment);
    else if (part !== segment) return undefined;
  }
  return params;
}

/** Answers one parsed request; throws DiscordHttpError for refusals (the server turns them into Discord's answers). */
export function route(request: ParsedRequest, world: World): RouteResult {
  const [root, version, ...rest] = request.segments;
  if (root === 'cdn') return cdn(request, request.segments.slice(1), world);
  if (root !== 'api' || version !== 'v10') throw DiscordErrors.notFound();

  const candidates = ROUTES.flatMap((candidate) => {
    const params = matches(candidate.path, rest);
    return params ? [{ candidate, params }] : [];
  });
  if (candidates.length === 0) throw DiscordErrors.notFound();
  const found = candidates.find(({ candidate }) => candidate.method === request.method);
  if (!found) throw DiscordErrors.methodNotAllowed();
  if (found.candidate.auth && request.headers.authorization !== `Bot ${world.token}`) throw DiscordErrors.unauthorized();
  return found.candidate.handler(request, found.params, world);
}

/** GET /cdn/attachments/{channel}/{attachment}/{filename}: the stored bytes. */
function cdn(request: ParsedRequest, rest: readonly string[], world: World): RouteResult {
  const [kind, _channelId, attachmentId, filename] = rest;
  if (request.method !== 'GET' && request.method !== 'HEAD') throw DiscordErrors.methodNotAllowed();
  const file = kind === 'attachments' && rest.length === 4 && attachmentId !== undefined ? world.store.file(attachmentId) : undefined;
  if (file === undefined || file.filename !== filename) throw DiscordErrors.notFound();
  return { status: 200, raw: { body: file.content, contentType: file.contentType } };
}

/** The interaction a request belongs to, by id (callbacks) or token (webhooks), for recording. */
export function interactionIdOf(request: ParsedRequest, world: World): string | undefined {
  const [root, version, kind, first, second] = request.segments;
  if (root !== 'api' || version !== 'v10') return undefined;
  if (kind === 'interactions' && first !== undefined) return world.interactions.get(first)?.id;
  if (kind === 'webhooks' && second !== undefined) return world.interactions.withToken(second)?.id;
  return undefined;
}
