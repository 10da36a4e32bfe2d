// A fake Discord on a loopback port (REST v10, gateway, attachment CDN) that a real discord.js client logs in to, or
// that POSTs signed interactions to an HTTP endpoint. It is the end-to-end tests' oracle: it enforces Discord's rules on
// its own (never with the bot's code) and records what it received. What it covers:
// - Delivery: over the gateway (default; shards, RESUME), or by HTTP once `setInteractionsEndpoint(urls)` is set —
//   Ed25519-signed POSTs (`publicKey` is the 64-hex key), round-robin over replicas or `replica: n`, the HTTP answer
//   taken as the initial response (JSON or multipart), no answer within 3 s taken as none. `sendPing`,
//   `postToEndpoint` and `probeEndpoint` test the endpoint's own refusals (bad signature, stale timestamp, 2 MiB body).
// - What users do: sendCommand, sendAutocomplete, clickButton / selectValues / sendComponent, sendMessageCommand and
//   sendUserCommand (context menus), submitModal (a shown modal, or a forged one); `userMessage` posts a message by a
//   person for context menus to run on. Each returns an InteractionHandle: callback(), message(), modal(), followUps,
//   delivery(), requests.
// - Where: every send takes InvokerOptions — guildId (null outside guilds), installs ([0] guild, [1] user, both),
//   context (0 guild, 1 bot DM, 2 private channel), locale, guildLocale, appPermissions. The payload then carries
//   `authorizing_integration_owners`, `context`, a group DM or DM channel, minimal `app_permissions` where only a user
//   install reaches, and the bot user gets 50001 in channels it is not in. A click or a modal submission inherits the
//   place of the interaction it answers.
// - Answers: every callback, webhook edit, follow-up and channel message is checked against Discord's limits (embeds,
//   components, modals with labels and text inputs, autocomplete, flags, files) and timing (3 s, 15 min, 40060), and
//   5 follow-ups at most for an app reached only through a user install.
// - Registration: bulk PUT of global or guild commands with Discord's naming, length, option, localization,
//   `integration_types`/`contexts` and context-menu rules; `registeredCommands()` and `commandsOffered(place)` (what a
//   user at that place would be shown) read it back.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { ApplicationCommandType, InteractionType, type APIApplicationCommand, type APIAttachment, type APIMessage, type APIUser } from 'discord-api-types/v10';
import { FakeClock, SnowflakeFactory, interactionToken } from './clock.ts';
import { Context, isCommandOffered, resolvePlace, type CommandPlace } from './contexts.ts';
import { customIdsOf, commandData, findComponent } from './dispatch.ts';
import { InteractionsEndpoint } from './endpoint.ts';
import { Gateway } from './gateway.ts';
import { DispatchedInteraction } from './handle.ts';
import { Faults } from './faults.ts';
import { errorResult, readRequest, writeResult, type ParsedRequest, type RouteResult } from './http.ts';
import { InteractionRegistry, type InteractionRecord } from './interactions.ts';
import { DISCORD_LOCALES, MessageFlag } from './limits.ts';
import { forgedSubmission, modalSubmission } from './modals.ts';
import { BOT_CHANNEL_PERMISSIONS, DEFAULT_USER, PLAIN_MEMBER_PERMISSIONS, botUserObject, interactionPayload, userObject } from './payloads.ts';
import type {
  EndpointAnswer,
  EndpointOptions,
  EndpointProbe,
  EndpointProbeOptions,
  ForgedModalInput,
  MessageCommandInput,
  ModalSubmitInput,
  RawEndpointPost,
  RecordedDelivery,
  UserCommandInput,
  UserMessageInput,
} from './reach-types.ts';
import { interactionIdOf, route, type KnownChannel, type World } from './routes.ts';
import { CommandStore, MessageStore } from './store.ts';
import { userMessage } from './user-messages.ts';
import type {
  AttachmentInput,
  AutocompleteInput,
  CommandInput,
  ComponentInput,
  FakeDiscordOptions,
  Fault,
  FaultRule,
  InjectedFault,
  GatewayFrame,
  InteractionHandle,
  InvokerOptions,
  RecordedCallback,
  RecordedRequest,
  WaitOptions,
} from './types.ts';
import { Waiters } from './waiting.ts';

export type * from './types.ts';
export type * from './reach-types.ts';
export { GatewayClose } from './gateway.ts';
export type { CommandPlace } from './contexts.ts';
export { Context, Install, USER_INSTALL_APP_PERMISSIONS } from './contexts.ts';
export { DISCORD_LOCALES, LIMITS, MessageFlag } from './limits.ts';
export { BOT_CHANNEL_PERMISSIONS, DEFAULT_USER, PLAIN_MEMBER_PERMISSIONS } from './payloads.ts';
export { DEFAULT_AUTHOR } from './user-messages.ts';

export const DEFAULT_TOKEN = 'fake-token';
export const DEFAULT_APPLICATION_ID = '1100000000000000001';
export const DEFAULT_GUILD_ID = '1100000000000000002';
export const DEFAULT_CHANNEL_ID = '1100000000000000003';
const MEMBER_JOINED_AT = '2024-01-01T00:00:00.000Z';
/** The other person in a private channel (group DM or DM between users) unless a test names one. */
export const OTHER_USER = Object.freeze({ id: '300000000000000002', username: 'friend', globalName: 'Friend' });

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
  private readonly faults = new Faults();
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
  private readonly privateChannels = new Map<string, string>();
  private readonly endpoint: InteractionsEndpoint;
  /** What each dispatched interaction was sent with, so a click or a modal submission on its reply defaults to the same. */
  private readonly invokers = new Map<string, InvokerOptions>();
  private readonly submittedModals = new Set<string>();
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
    this.endpoint = new InteractionsEndpoint({
      clock: this.clock,
      applicationId: this.applicationId,
      interactions: this.interactions,
      nextId: () => this.ids.next(),
      onChange: () => {
        this.waiters.notify();
      },
    });
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
   * From now on, requests that match `rule` get its fault instead of the normal answer (until `times` is used up or
   * the returned handle's remove()). A faulted request is recorded with the status the bot saw (0: no answer) and
   * changes nothing; a refused interaction callback is therefore not in `callbacks`.
   */
  injectFault(rule: FaultRule): InjectedFault {
    return this.faults.add(rule);
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

  /** Messages of a channel, oldest first: the bot's (channel messages, interaction responses) and those from userMessage. */
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
    return this.dispatch(InteractionType.MessageComponent, this.invokerAt(input.message, input), data, `component ${input.customId}`, input.message);
  }

  /** Presses a button on a handle's original response (waiting for it to show the button) or on a given message. */
  async clickButton(target: InteractionHandle | APIMessage, customId: string, options: ComponentActionOptions = {}): Promise<InteractionHandle> {
    const { message, defaults } = await this.componentTarget(target, customId, options);
    return this.sendComponent({ ...defaults, ...options, customId, componentType: 2, message });
  }

  /** Picks `values` in a string select on a handle's original response or on a given message. */
  async selectValues(target: InteractionHandle | APIMessage, customId: string, values: readonly string[], options: ComponentActionOptions = {}): Promise<InteractionHandle> {
    const { message, defaults } = await this.componentTarget(target, customId, options);
    return this.sendComponent({ ...defaults, ...options, customId, componentType: 3, values, message });
  }

  /** Posts a message as a person would (mentions parsed from content), e.g. `fake.userMessage({ content: '<@1…> said @everyone' })`. */
  userMessage(input: UserMessageInput = {}): APIMessage {
    const guildId = input.guildId === null ? undefined : (input.guildId ?? this.guildId);
    const channelId = input.channelId ?? (guildId === undefined ? undefined : this.channelId);
    if (channelId === undefined) throw new Error('fake-discord: a message outside a guild needs a channelId (e.g. from a DM handle\'s payload)');
    const attachments = (input.attachments ?? []).map((file) => {
      const content = typeof file.content === 'string' ? Buffer.from(file.content, 'utf8') : file.content;
      return this.store.addFile(channelId, file.filename, content, file.contentType ?? guessContentType(file.filename), file.description);
    });
    const message = userMessage(input, { id: this.ids.next(), timestamp: this.clock.isoNow(), channelId, guildId, attachments });
    if (guildId !== undefined && !this.world.channels.has(channelId)) this.world.channels.set(channelId, { guildId });
    return this.store.createRaw(message);
  }

  /** Runs a message context-menu command on a message: `fake.sendMessageCommand({ name: 'Find in the news', message })`. */
  sendMessageCommand(input: MessageCommandInput): InteractionHandle {
    const message = typeof input.message === 'string' ? this.store.get(input.message) : input.message;
    if (message === undefined) throw new Error(`fake-discord: there is no message ${typeof input.message === 'string' ? input.message : input.message.id} (deleted, or never made)`);
    if (typeof input.message !== 'string') this.store.adopt(message);
    const invoker = this.invokerAt(message, input);
    const command = this.commands.find(input.name, invoker.guildId ?? undefined, ApplicationCommandType.Message);
    const data = {
      id: command?.id ?? this.unregisteredCommandId(input.name, ApplicationCommandType.Message),
      name: input.name,
      type: ApplicationCommandType.Message,
      target_id: message.id,
      resolved: { messages: { [message.id]: message } },
      ...(command?.guild_id === undefined ? {} : { guild_id: command.guild_id }),
    };
    return this.dispatch(InteractionType.ApplicationCommand, invoker, data, `message command "${input.name}"`, undefined, { targetMessageId: message.id });
  }

  /** Runs a user context-menu command on a user: `fake.sendUserCommand({ name: 'Profile', target: { id: '3…' } })`. */
  sendUserCommand(input: UserCommandInput): InteractionHandle {
    const target = userObject(input.target);
    const guildId = input.guildId === null ? undefined : (input.guildId ?? (input.context === 1 || input.context === 2 ? undefined : this.guildId));
    const command = this.commands.find(input.name, guildId, ApplicationCommandType.User);
    const member = { roles: [], joined_at: MEMBER_JOINED_AT, nick: null, avatar: null, premium_since: null, pending: false, communication_disabled_until: null, flags: 0, permissions: PLAIN_MEMBER_PERMISSIONS };
    const data = {
      id: command?.id ?? this.unregisteredCommandId(input.name, ApplicationCommandType.User),
      name: input.name,
      type: ApplicationCommandType.User,
      target_id: target.id,
      resolved: { users: { [target.id]: target }, ...(guildId === undefined ? {} : { members: { [target.id]: member } }) },
      ...(command?.guild_id === undefined ? {} : { guild_id: command.guild_id }),
    };
    return this.dispatch(InteractionType.ApplicationCommand, { ...input, guildId: guildId ?? null }, data, `user command "${input.name}"`, undefined, { targetUser: target });
  }

  /**
   * Submits the modal a handle's interaction showed, as its user would (waits for the modal first):
   * `await fake.submitModal(handle, { values: { text: 'new wording' } })`. Pass `{ customId, values, ... }` instead of a
   * handle to forge a submission for a modal that was never shown (refusal tests).
   */
  async submitModal(target: InteractionHandle | ForgedModalInput, input: ModalSubmitInput & WaitOptions = {}): Promise<InteractionHandle> {
    if (!(target instanceof DispatchedInteraction)) {
      if ('token' in target) throw new Error('fake-discord: submitModal takes a handle from this fake or a forged { customId, ... }');
      const data = target.components === undefined ? forgedSubmission(target.customId, target.values ?? {}) : { custom_id: target.customId, components: [...target.components] };
      const invoker = target.message === undefined ? target : this.invokerAt(target.message, target);
      return this.dispatch(InteractionType.ModalSubmit, invoker, data, `forged modal ${target.customId}`, target.message);
    }
    const modal = await target.modal(input);
    const opener = target.interaction;
    if (input.user !== undefined && input.user.id !== opener.user.id) {
      throw new Error(`fake-discord: only user ${opener.user.id} sees this modal, not ${input.user.id}; forge a submission with submitModal({ customId, ... })`);
    }
    if (this.submittedModals.has(opener.id)) throw new Error(`fake-discord: the modal of interaction ${opener.id} was already submitted, and Discord closed it`);
    const data = modalSubmission(modal as unknown as Readonly<Record<string, unknown>>, input.values ?? {});
    this.submittedModals.add(opener.id);
    const message = opener.sourceMessageId === undefined ? undefined : this.store.get(opener.sourceMessageId);
    const { replica: _replica, shardId: _shardId, ...defaults } = this.invokers.get(opener.id) ?? {};
    const { values: _values, timeoutMs: _timeoutMs, ...overrides } = input;
    return this.dispatch(InteractionType.ModalSubmit, { ...defaults, ...overrides }, data, `modal ${modal.custom_id}`, message, { triggeredBy: opener });
  }

  /** The registered commands Discord would show a user at a place: `fake.commandsOffered({ context: 2, installs: [1] })`. */
  commandsOffered(place: CommandPlace = {}): readonly APIApplicationCommand[] {
    const candidates = [...this.commands.list(), ...(place.guildId === undefined ? [] : this.commands.list(place.guildId))];
    return candidates.filter((command) => isCommandOffered(command, place));
  }

  /** The application's Ed25519 public key as 64 hex characters: what the bot's DISCORD_PUBLIC_KEY holds. */
  get publicKey(): string {
    return this.endpoint.publicKey;
  }

  /** Every POST the fake made to an interactions endpoint, with its answer, oldest first. */
  get deliveries(): readonly RecordedDelivery[] {
    return this.endpoint.deliveries;
  }

  /**
   * Delivers interactions by signed HTTP POST instead of the gateway, round-robin over `urls` (replicas behind a load
   * balancer; `replica` in InvokerOptions picks one): `fake.setInteractionsEndpoint([a, b])`. `[]` goes back to the gateway.
   */
  setInteractionsEndpoint(urls: string | readonly string[], options: EndpointOptions = {}): void {
    this.endpoint.configure(typeof urls === 'string' ? [urls] : urls, options.timeoutMs);
  }

  /** Sends a PING (type 1) to an endpoint; a working one answers 200 `{ type: 1 }`: `(await fake.sendPing()).body`. */
  sendPing(options: { readonly replica?: number | string } = {}): Promise<EndpointAnswer> {
    return this.endpoint.ping(options.replica);
  }

  /** POSTs a hand-made request to an endpoint: `await fake.postToEndpoint({ body: {...}, signature: 'wrong-key' })`. */
  postToEndpoint(input: RawEndpointPost = {}): Promise<EndpointAnswer> {
    return this.endpoint.postRaw(input);
  }

  /** Sends one broken request an endpoint must refuse: `(await fake.probeEndpoint('old-timestamp')).status` should be 401. */
  probeEndpoint(kind: EndpointProbe, options: EndpointProbeOptions = {}): Promise<EndpointAnswer> {
    return this.endpoint.probe(kind, options);
  }

  /** Closes every socket, timer and the server; pending waits reject. Safe to call twice. */
  close(): Promise<void> {
    this.closing ??= this.shutdown();
    return this.closing;
  }

  private async shutdown(): Promise<void> {
    await this.endpoint.close();
    this.waiters.close();
    this.faults.close();
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

  private async componentTarget(target: InteractionHandle | APIMessage, customId: string, options: WaitOptions): Promise<{ message: APIMessage; defaults: InvokerOptions }> {
    if (!(target instanceof DispatchedInteraction)) {
      if ('token' in target) throw new Error('fake-discord: clickButton/selectValues take a handle from this fake or a message');
      const user = target.interaction_metadata?.user;
      return { message: target, defaults: user === undefined ? {} : { user } };
    }
    const message = await target.message({ until: (candidate) => findComponent(candidate, customId) !== undefined, ...options });
    // The same user, place and install as the interaction the message answers; a fresh replica and shard.
    const { replica: _replica, shardId: _shardId, ...defaults } = this.invokers.get(target.id) ?? {};
    return { message, defaults: { ...defaults, user: target.interaction.user } };
  }

  /** Invoker options for acting on `message`: its channel and guild, the context and install it was posted through. */
  private invokerAt(message: APIMessage, input: InvokerOptions): InvokerOptions {
    const known = this.world.channels.get(message.channel_id);
    const owners = message.interaction_metadata?.authorizing_integration_owners;
    const installs = owners === undefined ? undefined : Object.keys(owners).map(Number);
    const guildId = input.guildId === null ? undefined : (input.guildId ?? guildOfMessage(message));
    return {
      ...input,
      guildId: guildId ?? null,
      channelId: input.channelId ?? message.channel_id,
      ...(input.installs === undefined && installs !== undefined ? { installs } : {}),
      ...(input.context === undefined && known?.context !== undefined ? { context: known.context } : {}),
    };
  }

  private dispatchCommand(input: CommandInput & { readonly focused?: string }, autocomplete: boolean): InteractionHandle {
    const guildId = this.guildOf(input);
    const command = this.commands.find(input.name, guildId);
    const data = commandData({
      commandId: command?.id ?? this.unregisteredCommandId(input.name, ApplicationCommandType.ChatInput),
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
  private unregisteredCommandId(name: string, type: ApplicationCommandType): string {
    const key = `${type}:${name}`;
    const existing = this.unregisteredCommandIds.get(key);
    if (existing) return existing;
    const id = this.ids.next();
    this.unregisteredCommandIds.set(key, id);
    return id;
  }

  /** The guild an interaction happens in: none for `guildId: null` or a DM/private-channel context, else the default. */
  private guildOf(input: InvokerOptions): string | undefined {
    if (input.guildId === null) return undefined;
    return input.guildId ?? (input.context === Context.BotDM || input.context === Context.PrivateChannel ? undefined : this.guildId);
  }

  private dispatch(
    type: InteractionType,
    input: InvokerOptions,
    data: Readonly<Record<string, unknown>>,
    label: string,
    message: APIMessage | undefined,
    extra: { readonly targetMessageId?: string; readonly targetUser?: APIUser; readonly triggeredBy?: InteractionRecord } = {},
  ): InteractionHandle {
    const user = userObject(input.user ?? DEFAULT_USER);
    const locale = input.locale ?? 'en-US';
    const guildLocale = input.guildLocale ?? 'en-US';
    for (const [field, value] of [['locale', locale], ['guildLocale', guildLocale]] as const) {
      if (!DISCORD_LOCALES.has(value)) throw new Error(`fake-discord: ${field} "${value}" is not one of Discord's locales (${[...DISCORD_LOCALES].join(', ')})`);
    }
    const guildId = this.guildOf(input);
    const place = resolvePlace(
      {
        guildId,
        channelId: input.channelId ?? (guildId === undefined ? undefined : this.channelId),
        installs: input.installs,
        context: input.context,
        privateChannel: input.privateChannel,
        otherUser: userObject(input.otherUser ?? OTHER_USER),
        appPermissions: input.appPermissions,
        botChannelPermissions: BOT_CHANNEL_PERMISSIONS,
      },
      user,
      (kind) => this.privateChannelOf(user.id, kind),
    );
    const shardCount = this.gateway.identifiedShardCount ?? this.shardCount;
    const shardId = input.shardId ?? (guildId === undefined ? 0 : shardOf(guildId, shardCount));
    // With an endpoint set, Discord sends interactions only by HTTP: no shard needs to be connected.
    const url = this.endpoint.active ? this.endpoint.pick(input.replica) : undefined;
    if (url === undefined && !this.gateway.readyShards.has(shardId)) {
      throw new Error(`fake-discord: cannot deliver ${label} on shard ${shardId}: it is not connected (ready shards: [${[...this.gateway.readyShards].join(', ')}])`);
    }
    const botAbsent = !place.botInChannel;
    this.world.channels.set(place.channelId, guildId === undefined ? { recipient: user, botAbsent, context: place.context } : { guildId, botAbsent, context: place.context });

    const id = this.ids.next();
    const token = interactionToken(id);
    const payload = interactionPayload({
      id,
      token,
      type,
      applicationId: this.applicationId,
      data,
      user,
      place,
      memberPermissions: input.memberPermissions ?? PLAIN_MEMBER_PERMISSIONS,
      roles: input.roles ?? [],
      locale,
      guildLocale,
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
      channelId: place.channelId,
      guildId,
      user,
      place,
      payload,
      sourceMessageId: message?.id,
      acknowledgedWith: undefined,
      originalMessageId: undefined,
      deferredFirstFollowUpPending: false,
      followUpIds: [],
      ...(extra.targetMessageId === undefined ? {} : { targetMessageId: extra.targetMessageId }),
      ...(extra.targetUser === undefined ? {} : { targetUser: extra.targetUser }),
      ...(extra.triggeredBy === undefined ? {} : { triggeredBy: extra.triggeredBy }),
      ...(url === undefined ? {} : { deliveredTo: url }),
    };
    this.interactions.register(record);
    this.invokers.set(id, { ...input, guildId: guildId ?? null, channelId: place.channelId, installs: place.installs, context: place.context });
    if (url === undefined) this.gateway.dispatch(shardId, 'INTERACTION_CREATE', payload);
    else this.endpoint.deliver(record, url);
    return new DispatchedInteraction(record, {
      waiters: this.waiters,
      store: this.store,
      interactions: this.interactions,
      requests: () => this.recorded,
      deliveries: () => this.endpoint.deliveries,
      waitTimeoutMs: this.waitTimeoutMs,
    });
  }

  /** One stable channel id per user and kind: the bot's DM with them, a DM between users, a group DM. */
  private privateChannelOf(userId: string, kind: string): string {
    const key = `${kind}:${userId}`;
    const existing = this.privateChannels.get(key);
    if (existing) return existing;
    const id = this.ids.next();
    this.privateChannels.set(key, id);
    return id;
  }

  /** One HTTP exchange: parse, route, record, answer. Never rejects. */
  private async serve(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const time = this.clock.now();
    let parsed: ParsedRequest | undefined;
    let result: RouteResult;
    let fault: Fault | undefined;
    try {
      parsed = await readRequest(request);
      fault = this.faults.take(parsed);
      // Only a download cut short or dripped needs the real answer; every other fault keeps the request from the routes.
      result = fault === undefined || fault.kind === 'truncate' || fault.kind === 'drip' ? route(parsed, this.world) : { status: Faults.statusOf(fault, undefined) };
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
      status: fault ? Faults.statusOf(fault, result) : result.status,
      responseBody: fault ? undefined : result.json,
      time,
      interactionId: parsed === undefined ? undefined : interactionIdOf(parsed, this.world),
    });
    if (!response.destroyed) {
      if (fault) this.faults.answer(request, response, fault, result);
      else writeResult(response, result);
    }
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
