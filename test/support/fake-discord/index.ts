// A fake Discord on a loopback port (REST v10, gateway, attachment CDN) that a real discord.js client logs in to.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { InteractionType, type APIApplicationCommand, type APIAttachment, type APIMessage, type APIUser } from 'discord-api-types/v10';
import { FakeClock, SnowflakeFactory, interactionToken } from './clock.ts';
import { customIdsOf, commandData, findComponent } from './dispatch.ts';
import { Gateway } from './gateway.ts';
import { DispatchedInteraction } from './handle.ts';
import { errorResult, readRequest, writeResult, type ParsedRequest, type RouteResult } from './http.ts';
import { InteractionRegistry, type InteractionRecord } from './interactions.ts';
import { MessageFlag } from './limits.ts';
import { DEFAULT_USER, PLAIN_MEMBER_PERMISSIONS, botUserObject, interactionPayload, userObject } from './payloads.ts';
import { interactionIdOf, route, type KnownChannel, type World } from './routes.ts';
import { CommandStore, MessageStore } from './store.ts';
import type {
  AttachmentInput,
  AutocompleteInput,
  CommandInput,
  ComponentInput,
  FakeDiscordOptions,
  GatewayFrame,
  InteractionHandle,
  InvokerOptions,
  RecordedCallback,
  RecordedRequest,
  WaitOptions,
} from './types.ts';
import { Waiters } from './waiting.ts';

export type * from './types.ts';
export { GatewayClose } from './gateway.ts';
export { LIMITS, MessageFlag } from './limits.ts';
export { DEFAULT_USER, PLAIN_MEMBER_PERMISSIONS } from './payloads.ts';

export const DEFAULT_TOKEN = 'fake-token';
export const DEFAULT_APPLICATION_ID = '1100000000000000001';
export const DEFAULT_GUILD_ID = '1100000000000000002';
export const DEFAULT_CHANNEL_ID = '1100000000000000003';
const MEMBER_JOINED_AT = '2024-01-01T00:00:00.000Z';

/** The shard Discord delivers a guild's events to: (guild_id >> 22) % shard_count. */
export function shardOf(guildId: string, shardCount: number): number {
  return Number((BigInt(guildId) >> 22n) % BigInt(shardCount));
}

/** Options for clicking or selecting on a message: who does it, and how long to wait for the component to appear. */
export type ComponentActionOptions = InvokerOptions & WaitOptions;

/**
 * The oracle for end-to-end tests: enforces Discord's rules independently of the bot and records what it received.
 *
 *   const fake = await FakeDiscord.start();
 *   const client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: fake.apiUrl } });
 *   await client.login(fake.token);
 *   const handle = fake.sendCommand({ name: 'quote', options: { query: 'budget' } });
 *   expect((await handle.callback()).type).toBe(4);
 *   await client.destroy(); await fake.close();
 */
export class FakeDiscord {
  readonly token: string;
  readonly applicationId: string;
  readonly botUser: APIUser;
  /** Guild and channel used when an interaction names none. */
  readonly guildId: string;
  readonly channelId: string;

  private readonly clock = new FakeClock();
  private readonly ids = new SnowflakeFactory(this.clock);
  private readonly waiters = new Waiters();
  private readonly server: Server;
  private readonly gateway: Gateway;
  private readonly store: MessageStore;
  private readonly commands: CommandStore;
  private readonly interactions: InteractionRegistry;
  private readonly world: World;
  private readonly recorded: RecordedRequest[] = [];
  private readonly frames: GatewayFrame[] = [];
  private readonly attachments = new Map<string, APIAttachment>();
  private readonly unregisteredCommandIds = new Map<string, string>();
  private readonly dmChannels = new Map<string, string>();
  /** Every TCP connection (HTTP keep-alive and upgraded gateway sockets), so close() can wait until each is gone. */
  private readonly sockets = new Set<Socket>();
  private readonly shardCount: number;
  private readonly waitTimeoutMs: number;
  private port = 0;
  private closing: Promise<void> | undefined;

  private constructor(options: FakeDiscordOptions) {
    this.token = options.token ?? DEFAULT_TOKEN;
    this.applicationId = options.applicationId ?? DEFAULT_APPLICATION_ID;
    this.botUser = botUserObject(options.botUserId ?? this.applicationId, options.botUsername ?? 'fake-bot');
    this.guildId = options.guildId ?? DEFAULT_GUILD_ID;
    this.channelId = options.channelId ?? DEFAULT_CHANNEL_ID;
    this.shardCount = options.shardCount ?? 1;
    this.waitTimeoutMs = options.waitTimeoutMs ?? 3000;

    this.store = new MessageStore({ clock: this.clock, ids: this.ids, cdnUrl: () => this.cdnUrl });
    this.commands = new CommandStore(this.ids, this.applicationId);
    this.interactions = new InteractionRegistry({ clock: this.clock, ids: this.ids, store: this.store, applicationId: this.applicationId, botUser: this.botUser });
    this.world = {
      token: this.token,
      applicationId: this.applicationId,
      botUser: this.botUser,
      defaultGuildId: this.guildId,
      recommendedShards: this.shardCount,
      maxConcurrency: options.maxConcurrency ?? 16,
      gatewayUrl: () => this.gatewayUrl,
      clock: this.clock,
      ids: this.ids,
      store: this.store,
      commands: this.commands,
      interactions: this.interactions,
      channels: new Map<string, KnownChannel>([[this.channelId, { guildId: this.guildId }]]),
    };
    this.server = createServer((request, response) => {
      void this.serve(request, response);
    });
    this.server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.once('close', () => this.sockets.delete(socket));
    });
    this.gateway = new Gateway(this.server, {
      clock: this.clock,
      token: this.token,
      applicationId: this.applicationId,
      botUser: this.botUser,
      heartbeatIntervalMs: options.heartbeatIntervalMs ?? 41_250,
      url: () => this.gatewayUrl,
      record: (frame) => this.frames.push(frame),
      onChange: () => {
        this.waiters.notify();
      },
    });
  }

  /** Starts a fake on 127.0.0.1 and an ephemeral port (or `options.port`). */
  static async start(options: FakeDiscordOptions = {}): Promise<FakeDiscord> {
    const fake = new FakeDiscord(options);
    await new Promise<void>((resolve, reject) => {
      fake.server.once('error', reject);
      fake.server.listen(options.port ?? 0, '127.0.0.1', () => {
        fake.server.off('error', reject);
        resolve();
      });
    });
    fake.port = (fake.server.address() as AddressInfo).port;
    return fake;
  }

  /** What a client passes as `rest.api` (DISCORD_API_URL), e.g. http://127.0.0.1:PORT/api. */
  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api`;
  }

  /** Base URL under which attachments are served. */
  get cdnUrl(): string {
    return `http://127.0.0.1:${this.port}/cdn`;
  }

  /** The gateway URL /gateway/bot hands out. */
  get gatewayUrl(): string {
    return `ws://127.0.0.1:${this.port}`;
  }

  /** Every HTTP request received so far, oldest first, with the answer given. */
  get requests(): readonly RecordedRequest[] {
    return this.recorded;
  }

  /** Every interaction callback received so far (accepted or refused). */
  get callbacks(): readonly RecordedCallback[] {
    return this.interactions.callbacks;
  }

  /** Every gateway payload sent or received. */
  get gatewayFrames(): readonly GatewayFrame[] {
    return this.frames;
  }

  /** Shard ids currently connected and past READY/RESUMED. */
  get readyShards(): ReadonlySet<number> {
    return this.gateway.readyShards;
  }

  /** The fake's clock: wall clock plus everything passed to advanceTime. */
  now(): number {
    return this.clock.now();
  }

  /** Makes the fake believe `ms` more have passed (interaction deadlines included); nothing sleeps. */
  advanceTime(ms: number): void {
    this.clock.advance(ms);
  }

  /** Resolves once at least `count` shards are ready. */
  async waitForShards(count: number, options: WaitOptions = {}): Promise<void> {
    await this.waiters.until(
      () => (this.gateway.readyShards.size >= count ? true : undefined),
      options.timeoutMs ?? 10_000,
      () => `${count} ready shard(s); ready now: [${[...this.gateway.readyShards].join(', ')}]`,
    );
  }

  /** Resolves with the first recorded request (past or future) that satisfies `predicate`. */
  waitForRequest(predicate: (request: RecordedRequest) => boolean, options: WaitOptions = {}): Promise<RecordedRequest> {
    return this.waiters.until(
      () => this.recorded.find(predicate),
      options.timeoutMs ?? this.waitTimeoutMs,
      () => `a matching request; received: ${this.recorded.map((r) => `${r.method} ${r.path} → ${r.status}`).join(', ') || 'none'}`,
    );
  }

  /** Closes a shard's socket with `code` (default 4000, which discord.js answers with a RESUME). */
  disconnectShard(shardId: number, code = 4000): void {
    this.gateway.disconnect(shardId, code);
  }

  /**
   * Refuses every gateway IDENTIFY and RESUME from now on by closing with `code`: a fatal code (4004, 4010–4014) at
   * login, or a resumable one (4000) after `disconnectShard` for a gateway that does not come back. Undo with
   * `acceptConnections()`.
   */
  refuseConnections(code: number): void {
    this.gateway.refuse(code);
  }

  /** Lets shards identify and resume again after `refuseConnections`. */
  acceptConnections(): void {
    this.gateway.refuse(undefined);
  }

  /** Stores a file and returns its attachment object, downloadable by plain GET from its url. */
  addAttachment(input: AttachmentInput): APIAttachment {
    const content = typeof input.content === 'string' ? Buffer.from(input.content, 'utf8') : input.content;
    const attachment = this.store.addFile(this.channelId, input.filename, content, input.contentType ?? guessContentType(input.filename), input.description);
    this.attachments.set(attachment.id, attachment);
    return attachment;
  }

  /** Commands registered globally, or for one guild. */
  registeredCommands(guildId?: string): readonly APIApplicationCommand[] {
    return this.commands.list(guildId);
  }

  /** Messages the bot posted in a channel (channel messages and interaction responses), oldest first. */
  channelMessages(channelId: string): readonly APIMessage[] {
    return this.store.channelMessages(channelId);
  }

  /** A message's current state, if it exists and was not deleted. */
  message(id: string): APIMessage | undefined {
    return this.store.get(id);
  }

  /** Dispatches a chat-input command interaction. */
  sendCommand(input: CommandInput): InteractionHandle {
    return this.dispatchCommand(input, false);
  }

  /** Dispatches an autocomplete interaction; one option must be focused. */
  sendAutocomplete(input: AutocompleteInput): InteractionHandle {
    return this.dispatchCommand(input, true);
  }

  /** Dispatches a component interaction (button or string select) on `input.message`, as a user could. */
  sendComponent(input: ComponentInput): InteractionHandle {
    const componentType = input.componentType ?? 2;
    const found = findComponent(input.message, input.customId);
    if (found === undefined) {
      throw new Error(`fake-discord: message ${input.message.id} has no component "${input.customId}" (it has: ${customIdsOf(input.message).join(', ') || 'none'})`);
    }
    if (found.type !== componentType) throw new Error(`fake-discord: component "${input.customId}" is type ${found.type}, not ${componentType}`);
    if (found.disabled) throw new Error(`fake-discord: component "${input.customId}" is disabled, so a user cannot use it`);
    if (found.isLink) throw new Error(`fake-discord: "${input.customId}" is a link button; Discord sends no interaction for it`);
    const values = input.values ?? [];
    if (componentType === 3) {
      const unknown = values.filter((value) => !found.optionValues.includes(value));
      if (unknown.length > 0) throw new Error(`fake-discord: select "${input.customId}" has no option(s) ${unknown.join(', ')}`);
      if (values.length < found.minValues || values.length > found.maxValues) {
        throw new Error(`fake-discord: select "${input.customId}" takes ${found.minValues}–${found.maxValues} values, not ${values.length}`);
      }
    }
    const user = input.user ?? DEFAULT_USER;
    const invoker = input.message.interaction_metadata?.user.id;
    if (((input.message.flags ?? 0) & MessageFlag.Ephemeral) !== 0 && invoker !== undefined && invoker !== user.id) {
      throw new Error(`fake-discord: message ${input.message.id} is ephemeral; only user ${invoker} can see it, not ${user.id}`);
    }
    this.store.adopt(input.message);
    const data = { custom_id: input.customId, component_type: componentType, ...(componentType === 3 ? { values: [...values] } : {}) };
    const guildId = input.guildId === null ? undefined : (input.guildId ?? guildOfMessage(input.message));
    return this.dispatch(InteractionType.MessageComponent, { ...input, guildId: guildId ?? null, channelId: input.channelId ?? input.message.channel_id }, data, `component ${input.customId}`, input.message);
  }

  /** Presses a button on a handle's original response (waiting for it to show the button) or on a given message. */
  async clickButton(target: InteractionHandle | APIMessage, customId: string, options: ComponentActionOptions = {}): Promise<InteractionHandle> {
    const { message, user } = await this.componentTarget(target, customId, options);
    return this.sendComponent({ ...options, user: options.user ?? user, customId, componentType: 2, message });
  }

  /** Picks `values` in a string select on a handle's original response or on a given message. */
  async selectValues(target: InteractionHandle | APIMessage, customId: string, values: readonly string[], options: ComponentActionOptions = {}): Promise<InteractionHandle> {
    const { message, user } = await this.componentTarget(target, customId, options);
    return this.sendComponent({ ...options, user: options.user ?? user, customId, componentType: 3, values, message });
  }

  /** Closes every socket, timer and the server; pending waits reject. Safe to call twice. */
  close(): Promise<void> {
    this.closing ??= this.shutdown();
    return this.closing;
  }

  private async shutdown(): Promise<void> {
    this.waiters.close();
    await this.gateway.close();
    const closed = new Promise<void>((resolve) => {
      this.server.close(() => {
        resolve();
      });
    });
    // discord.js keeps HTTP connections alive; without this, server.close() would wait for their idle timeout.
    this.server.closeAllConnections();
    for (const socket of this.sockets) socket.destroy();
    const socketsClosed = [...this.sockets].map((socket) => new Promise((resolve) => socket.once('close', resolve)));
    await Promise.all([closed, ...socketsClosed]);
  }

  private async componentTarget(target: InteractionHandle | APIMessage, customId: string, options: WaitOptions): Promise<{ message: APIMessage; user: APIUser | undefined }> {
    if (!(target instanceof DispatchedInteraction)) {
      if ('token' in target) throw new Error('fake-discord: clickButton/selectValues take a handle from this fake or a message');
      return { message: target, user: target.interaction_metadata?.user };
    }
    const message = await target.message({ until: (candidate) => findComponent(candidate, customId) !== undefined, ...options });
    return { message, user: target.interaction.user };
  }

  private dispatchCommand(input: CommandInput & { readonly focused?: string }, autocomplete: boolean): InteractionHandle {
    const guildId = input.guildId === null ? undefined : (input.guildId ?? this.guildId);
    const command = this.commands.find(input.name, guildId);
    const data = commandData({
      commandId: command?.id ?? this.unregisteredCommandId(input.name),
      name: input.name,
      command,
      ...(input.subcommand === undefined ? {} : { subcommand: input.subcommand }),
      ...(input.subcommandGroup === undefined ? {} : { subcommandGroup: input.subcommandGroup }),
      ...(input.options === undefined ? {} : { options: input.options }),
      ...(input.resolved === undefined ? {} : { resolved: input.resolved as Readonly<Record<string, unknown>> }),
      ...(input.focused === undefined ? {} : { focused: input.focused }),
      autocomplete,
      knownAttachments: this.attachments,
    });
    const type = autocomplete ? InteractionType.ApplicationCommandAutocomplete : InteractionType.ApplicationCommand;
    return this.dispatch(type, input, data, `/${input.name}`, undefined);
  }

  /** Commands need not be registered to be sent; an unregistered name still gets one stable id per fake. */
  private unregisteredCommandId(name: string): string {
    const existing = this.unregisteredCommandIds.get(name);
    if (existing) return existing;
    const id = this.ids.next();
    this.unregisteredCommandIds.set(name, id);
    return id;
  }

  private dispatch(type: InteractionType, input: InvokerOptions, data: Readonly<Record<string, unknown>>, label: string, message: APIMessage | undefined): InteractionHandle {
    const user = userObject(input.user ?? DEFAULT_USER);
    const guildId = input.guildId === null ? undefined : (input.guildId ?? this.guildId);
    const channelId = input.channelId ?? (guildId === undefined ? this.dmChannelOf(user.id) : this.channelId);
    const shardCount = this.gateway.identifiedShardCount ?? this.shardCount;
    const shardId = input.shardId ?? (guildId === undefined ? 0 : shardOf(guildId, shardCount));
    if (!this.gateway.readyShards.has(shardId)) {
      throw new Error(`fake-discord: cannot deliver ${label} on shard ${shardId}: it is not connected (ready shards: [${[...this.gateway.readyShards].join(', ')}])`);
    }
    this.world.channels.set(channelId, guildId === undefined ? { recipient: user } : { guildId });

    const id = this.ids.next();
    const token = interactionToken(id);
    const payload = interactionPayload({
      id,
      token,
      type,
      applicationId: this.applicationId,
      data,
      user,
      guildId,
      channelId,
      memberPermissions: input.memberPermissions ?? PLAIN_MEMBER_PERMISSIONS,
      roles: input.roles ?? [],
      locale: input.locale ?? 'en-US',
      joinedAt: MEMBER_JOINED_AT,
      ...(message === undefined ? {} : { message }),
    });
    const record: InteractionRecord = {
      id,
      token,
      type,
      label,
      createdAt: this.clock.now(),
      shardId,
      channelId,
      guildId,
      user,
      payload,
      sourceMessageId: message?.id,
      acknowledgedWith: undefined,
      originalMessageId: undefined,
      deferredFirstFollowUpPending: false,
      followUpIds: [],
    };
    this.interactions.register(record);
    this.gateway.dispatch(shardId, 'INTERACTION_CREATE', payload);
    return new DispatchedInteraction(record, {
      waiters: this.waiters,
      store: this.store,
      interactions: this.interactions,
      requests: () => this.recorded,
      waitTimeoutMs: this.waitTimeoutMs,
    });
  }

  private dmChannelOf(userId: string): string {
    const existing = this.dmChannels.get(userId);
    if (existing) return existing;
    const id = this.ids.next();
    this.dmChannels.set(userId, id);
    return id;
  }

  /** One HTTP exchange: parse, route, record, answer. Never rejects. */
  private async serve(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const time = this.clock.now();
    let parsed: ParsedRequest | undefined;
    let result: RouteResult;
    try {
      parsed = await readRequest(request);
      result = route(parsed, this.world);
    } catch (error) {
      result = errorResult(error);
    }
    this.recorded.push({
      method: parsed?.method ?? request.method ?? 'GET',
      path: parsed?.rawPath ?? request.url ?? '/',
      query: parsed?.query ?? {},
      headers: request.headers,
      body: parsed?.body,
      files: parsed?.files ?? [],
      multipart: parsed?.multipart ?? false,
      status: result.status,
      responseBody: result.json,
      time,
      interactionId: parsed === undefined ? undefined : interactionIdOf(parsed, this.world),
    });
    if (!response.destroyed) writeResult(response, result);
    this.waiters.notify();
  }
}

/** Messages from the gateway carry guild_id although APIMessage does not declare it. */
function guildOfMessage(message: APIMessage): string | undefined {
  const value: unknown = Reflect.get(message, 'guild_id');
  return typeof value === 'string' ? value : undefined;
}

function guessContentType(filename: string): string {
  const extension = filename.toLowerCase().split('.').pop() ?? '';
  const types: Readonly<Record<string, string>> = { json: 'application/json', txt: 'text/plain', csv: 'text/csv', md: 'text/markdown', png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg' };
  return types[extension] ?? 'application/octet-stream';
}
