// The interaction lifecycle as Discord enforces it: one initial callback within 3 s, then webhook edits for 15 min.
import { InteractionType, MessageReferenceType, MessageType, type APIMessage, type APIUser } from 'discord-api-types/v10';
import type { FakeClock, SnowflakeFactory } from './clock.ts';
import { DiscordErrors, DiscordHttpError, type ParsedRequest, type RouteResult } from './http.ts';
import { Install, type Place } from './contexts.ts';
import { FormErrors, LIMITS, MessageFlag, asRecord, validateAutocomplete, validateDeferredFlags } from './limits.ts';
import { validateModal } from './modals.ts';
import { interactionMetadata, messageFlags, newMessage, type MetadataSource } from './payloads.ts';
import type { MessageStore } from './store.ts';
import type { RecordedCallback } from './types.ts';

/** Everything the fake remembers about one dispatched interaction. */
export interface InteractionRecord {
  readonly id: string;
  readonly token: string;
  readonly type: InteractionType;
  /** The command name or custom id, for error messages. */
  readonly label: string;
  readonly createdAt: number;
  readonly shardId: number;
  readonly channelId: string;
  readonly guildId: string | undefined;
  readonly user: APIUser;
  /** Where it happened and through which installation (context, `authorizing_integration_owners`, bot presence). */
  readonly place: Place;
  readonly payload: Readonly<Record<string, unknown>>;
  /** For context-menu commands: the message or user the command was run on. */
  readonly targetMessageId?: string;
  readonly targetUser?: APIUser;
  /** For a modal submission: the interaction whose modal was submitted (undefined when the test forged it). */
  readonly triggeredBy?: InteractionRecord;
  /** Set when the endpoint (HTTP delivery) or a shard (gateway) received it: the replica URL, for HTTP. */
  deliveredTo?: string;
  /** The message a component sits on. */
  readonly sourceMessageId: string | undefined;
  /** The accepted initial callback type, once there is one. */
  acknowledgedWith: number | undefined;
  /** The message `@original` refers to. */
  originalMessageId: string | undefined;
  /** After a type 5, Discord turns the first follow-up into an edit of the "thinking…" message. */
  deferredFirstFollowUpPending: boolean;
  readonly followUpIds: string[];
  /** The modal shown with an accepted type 9 callback: its `data` as the app sent it. */
  shownModal?: Readonly<Record<string, unknown>>;
}

export interface InteractionDeps {
  readonly clock: FakeClock;
  readonly ids: SnowflakeFactory;
  readonly store: MessageStore;
  readonly applicationId: string;
  readonly botUser: APIUser;
}

/** Interaction callback types, as plain numbers because the body's `type` is a plain number. */
const Callback = Object.freeze({ Message: 4, DeferredMessage: 5, DeferredUpdate: 6, UpdateMessage: 7, AutocompleteResult: 8, Modal: 9 });

// Which callback types Discord accepts for which interaction type.
const ALLOWED_CALLBACKS: ReadonlyMap<InteractionType, ReadonlySet<number>> = new Map([
  [InteractionType.ApplicationCommand, new Set([4, 5, 9])],
  [InteractionType.MessageComponent, new Set([4, 5, 6, 7, 9])],
  [InteractionType.ApplicationCommandAutocomplete, new Set([8])],
  [InteractionType.ModalSubmit, new Set([4, 5, 6, 7])],
]);

/** Dispatched interactions by id and token, and every callback they received. */
export class InteractionRegistry {
  private readonly byId = new Map<string, InteractionRecord>();
  private readonly byToken = new Map<string, InteractionRecord>();
  readonly callbacks: RecordedCallback[] = [];
  // Handles wait on their own callbacks after every change: an index keeps a long benchmark from going quadratic.
  private readonly callbacksById = new Map<string, RecordedCallback[]>();

  constructor(private readonly deps: InteractionDeps) {}

  /** The callbacks one interaction received, in order. */
  callbacksOf(id: string): readonly RecordedCallback[] {
    return this.callbacksById.get(id) ?? [];
  }

  private record(callback: RecordedCallback): void {
    this.callbacks.push(callback);
    const list = this.callbacksById.get(callback.interactionId);
    if (list) list.push(callback);
    else this.callbacksById.set(callback.interactionId, [callback]);
  }

  /** Remembers a dispatched interaction so its callbacks and webhook calls can be checked. */
  register(record: InteractionRecord): void {
    this.byId.set(record.id, record);
    this.byToken.set(record.token, record);
  }

  /** The interaction with this id, if dispatched by this fake. */
  get(id: string): InteractionRecord | undefined {
    return this.byId.get(id);
  }

  /** The interaction with this token, if dispatched by this fake. */
  withToken(token: string): InteractionRecord | undefined {
    return this.byToken.get(token);
  }

  /** POST /interactions/{id}/{token}/callback, recorded whether accepted or refused. */
  callback(request: ParsedRequest, id: string, token: string): RouteResult {
    const body = asRecord(request.body);
    const base = { interactionId: id, type: typeof body?.type === 'number' ? body.type : undefined, data: body?.data, files: request.files, time: this.deps.clock.now() };
    try {
      const result = this.acceptCallback(request, id, token);
      this.record({ ...base, status: result.status, error: undefined });
      return result;
    } catch (error) {
      if (error instanceof DiscordHttpError) this.record({ ...base, status: error.status, error: error.body });
      throw error;
    }
  }

  private acceptCallback(request: ParsedRequest, id: string, token: string): RouteResult {
    const record = this.byId.get(id);
    if (record?.token !== token) throw DiscordErrors.unknownInteraction();
    // The 3-second window is measured on the fake's clock, so advanceTime() makes a reply late without sleeping.
    if (this.deps.clock.now() - record.createdAt > LIMITS.initialResponseMs) throw DiscordErrors.unknownInteraction();
    if (record.acknowledgedWith !== undefined) throw DiscordErrors.alreadyAcknowledged();

    const body = asRecord(request.body);
    const type = body?.type;
    const allowed = ALLOWED_CALLBACKS.get(record.type) ?? new Set<number>();
    if (typeof type !== 'number' || !allowed.has(type)) {
      const errors = new FormErrors();
      errors.add(['type'], 'INTERACTION_CALLBACK_TYPE_INVALID', `Callback type ${String(type)} is not valid for interaction type ${record.type} (allowed: ${[...allowed].join(', ')})`);
      throw DiscordErrors.invalidForm(errors.toJSON());
    }
    const data = asRecord(body?.data);
    let message: APIMessage | undefined;
    // A modal submitted from a command has no message to update; only one opened from a component does.
    if (record.type === InteractionType.ModalSubmit && record.sourceMessageId === undefined && (type === Callback.DeferredUpdate || type === Callback.UpdateMessage)) {
      const errors = new FormErrors();
      errors.add(['type'], 'INTERACTION_CALLBACK_TYPE_INVALID', `Callback type ${type} needs a message: this modal was not opened from a message component`);
      throw DiscordErrors.invalidForm(errors.toJSON());
    }

    switch (type) {
      case Callback.Message:
        message = this.deps.store.create(this.skeleton(record, true), data ?? {}, request.files, 'create', ['data']);
        record.originalMessageId = message.id;
        break;
      case Callback.DeferredMessage: {
        const errors = new FormErrors();
        validateDeferredFlags(errors, ['data'], data);
        if (!errors.isEmpty) throw DiscordErrors.invalidForm(errors.toJSON());
        const ephemeral = typeof data?.flags === 'number' ? data.flags & MessageFlag.Ephemeral : 0;
        message = this.deps.store.createRaw({ ...this.skeleton(record, true), flags: messageFlags(ephemeral | MessageFlag.Loading) });
        record.originalMessageId = message.id;
        record.deferredFirstFollowUpPending = true;
        break;
      }
      case Callback.DeferredUpdate:
        record.originalMessageId = record.sourceMessageId;
        break;
      case Callback.UpdateMessage:
        if (record.sourceMessageId === undefined) throw DiscordErrors.unknownMessage();
        message = this.deps.store.edit(record.sourceMessageId, data ?? {}, request.files, ['data']);
        record.originalMessageId = record.sourceMessageId;
        break;
      case Callback.AutocompleteResult:
      case Callback.Modal: {
        const errors = new FormErrors();
        if (type === Callback.Modal) validateModal(errors, ['data'], data);
        else validateAutocomplete(errors, ['data'], data);
        if (!errors.isEmpty) throw DiscordErrors.invalidForm(errors.toJSON());
        break;
      }
      default:
        break;
    }
    record.acknowledgedWith = type;
    if (type === Callback.Modal) record.shownModal = data;

    if (request.query.with_response !== 'true') return { status: 204 };
    return {
      status: 200,
      json: {
        interaction: {
          id: record.id,
          type: record.type,
          ...(message === undefined
            ? {}
            : {
                response_message_id: message.id,
                response_message_loading: ((message.flags ?? 0) & MessageFlag.Loading) !== 0,
                response_message_ephemeral: ((message.flags ?? 0) & MessageFlag.Ephemeral) !== 0,
              }),
        },
        resource: { type, ...(message === undefined ? {} : { message }) },
      },
    };
  }

  /** POST /webhooks/{app}/{token}: a follow-up (or, right after a defer, the edit of the "thinking…" message). */
  followUp(request: ParsedRequest, applicationId: string, token: string): RouteResult {
    const record = this.webhookRecord(applicationId, token);
    if (record.acknowledgedWith === undefined) throw DiscordErrors.unknownWebhook();
    let message: APIMessage;
    if (record.deferredFirstFollowUpPending && record.originalMessageId !== undefined) {
      // Discord: "when used directly after a DEFERRED_CHANNEL_MESSAGE_WITH_SOURCE, this edits the loading message".
      message = this.deps.store.edit(record.originalMessageId, request.body ?? {}, request.files);
      record.deferredFirstFollowUpPending = false;
    } else {
      // Apps reached only through a user install may send 5 follow-ups per interaction (changelog, user apps GA 2024-06).
      if (!record.place.authorizingIntegrationOwners[String(Install.Guild)] && record.followUpIds.length >= LIMITS.userInstallFollowUps) {
        throw DiscordErrors.maxFollowUps();
      }
      message = this.deps.store.create(this.skeleton(record, false), request.body ?? {}, request.files, 'create');
      record.followUpIds.push(message.id);
    }
    return request.query.wait === 'true' ? { status: 200, json: message } : { status: 204 };
  }

  /** GET, PATCH or DELETE /webhooks/{app}/{token}/messages/{@original|id}. */
  webhookMessage(request: ParsedRequest, applicationId: string, token: string, reference: string): RouteResult {
    const record = this.webhookRecord(applicationId, token);
    const id = reference === '@original' ? record.originalMessageId : reference;
    const owned = id !== undefined && (id === record.originalMessageId || record.followUpIds.includes(id));
    if (id === undefined || !owned) throw DiscordErrors.unknownMessage();
    switch (request.method) {
      case 'GET': {
        const message = this.deps.store.get(id);
        if (!message) throw DiscordErrors.unknownMessage();
        return { status: 200, json: message };
      }
      case 'DELETE':
        this.deps.store.delete(id);
        return { status: 204 };
      case 'PATCH': {
        const message = this.deps.store.edit(id, request.body ?? {}, request.files);
        if (id === record.originalMessageId) record.deferredFirstFollowUpPending = false;
        return { status: 200, json: message };
      }
      default:
        throw DiscordErrors.methodNotAllowed();
    }
  }

  private webhookRecord(applicationId: string, token: string): InteractionRecord {
    const record = this.byToken.get(token);
    if (applicationId !== this.deps.applicationId || record === undefined) throw DiscordErrors.unknownWebhook();
    if (record.type === InteractionType.ApplicationCommandAutocomplete) throw DiscordErrors.unknownWebhook();
    if (this.deps.clock.now() - record.createdAt > LIMITS.tokenLifetimeMs) throw DiscordErrors.unknownInteraction();
    return record;
  }

  /** An empty message from the bot answering this interaction. */
  private skeleton(record: InteractionRecord, original: boolean): APIMessage {
    const commandType = asRecord(record.payload.data)?.type;
    const commandReply = original && record.type === InteractionType.ApplicationCommand;
    const replyType = commandType === undefined || commandType === 1 ? MessageType.ChatInputCommand : MessageType.ContextMenuCommand;
    const message = newMessage({
      id: this.deps.ids.next(),
      channelId: record.channelId,
      guildId: record.guildId,
      author: this.deps.botUser,
      timestamp: this.deps.clock.isoNow(),
      type: commandReply ? replyType : MessageType.Default,
      applicationId: this.deps.applicationId,
      interaction: interactionMetadata(metadataSource(record)),
    });
    // Discord: the original response to a message command also references the message it was run on.
    const target = commandReply && record.targetMessageId !== undefined ? this.deps.store.get(record.targetMessageId) : undefined;
    if (target === undefined) return message;
    const reference = { type: MessageReferenceType.Default, message_id: target.id, channel_id: target.channel_id, ...(record.guildId === undefined ? {} : { guild_id: record.guildId }) };
    return { ...message, message_reference: reference, referenced_message: target };
  }
}

function metadataSource(record: InteractionRecord): MetadataSource {
  return {
    id: record.id,
    type: record.type,
    user: record.user,
    owners: record.place.authorizingIntegrationOwners,
    interactedMessageId: record.sourceMessageId,
    targetMessageId: record.targetMessageId,
    targetUser: record.targetUser,
    triggeredBy: record.triggeredBy === undefined ? undefined : metadataSource(record.triggeredBy),
  };
}
