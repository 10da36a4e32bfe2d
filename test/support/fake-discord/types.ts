// The fake Discord's public types: options, what it records, and what tests pass in to dispatch interactions.
import type { IncomingHttpHeaders } from 'node:http';
import type {
  APIApplicationCommandInteractionDataOption,
  APIAttachment,
  APIInteractionDataResolved,
  APIMessage,
  APIModalInteractionResponseCallbackData,
} from 'discord-api-types/v10';
import type { PlaceOptions, RecordedDelivery } from './reach-types.ts';

export interface FakeDiscordOptions {
  /** The loopback port to listen on. Default 0: an ephemeral port (what tests want). */
  readonly port?: number;
  /** The bot token the fake accepts (`Authorization: Bot <token>` and IDENTIFY). Default 'fake-token'. */
  readonly token?: string;
  /** The application id (also the webhook id of interaction tokens). Default a fixed snowflake. */
  readonly applicationId?: string;
  /** The bot user's id. Default: the application id, as for every real bot. */
  readonly botUserId?: string;
  readonly botUsername?: string;
  /** What GET /gateway/bot recommends. Default 1. */
  readonly shardCount?: number;
  /**
   * `session_start_limit.max_concurrency`. Default 16 (a large bot's bucket) so discord.js identifies every shard at
   * once; with 1 it waits 5 s between shards, as it does against real Discord.
   */
  readonly maxConcurrency?: number;
  /** HELLO's heartbeat interval. Default 41250 ms, Discord's usual value. */
  readonly heartbeatIntervalMs?: number;
  /** How long handle helpers (`callback()`, `message()`, …) wait before failing. Default 3000 ms. */
  readonly waitTimeoutMs?: number;
  /** Guild used when an interaction names none. Default a fixed snowflake; pass `guildId: null` to an interaction for a DM. */
  readonly guildId?: string;
  /** Channel used when an interaction names none. */
  readonly channelId?: string;
}

export interface FieldError {
  readonly code: string;
  readonly message: string;
}

/** The nested `errors` object of a 50035 answer: keys follow the payload, leaves are `_errors` lists. */
export interface ErrorTree {
  readonly [key: string]: ErrorTree | readonly FieldError[];
}

/** Discord's error body. */
export interface DiscordErrorBody {
  readonly message: string;
  readonly code: number;
  readonly errors?: ErrorTree;
}

/** One file part of a multipart request. */
export interface RecordedFile {
  /** The form field, e.g. `files[0]`. */
  readonly field: string;
  readonly filename: string;
  readonly contentType: string;
  readonly content: Buffer;
  /** `content` decoded as UTF-8, convenient for the JSON files the bot attaches. */
  readonly text: string;
}

/** One HTTP request the fake received, with the answer it gave. */
export interface RecordedRequest {
  readonly method: string;
  /** The path as received (percent-encoded), e.g. `/api/v10/webhooks/1/tok/messages/%40original`. */
  readonly path: string;
  readonly query: Readonly<Record<string, string>>;
  readonly headers: IncomingHttpHeaders;
  /** Parsed JSON body, or the parsed `payload_json` part of a multipart body; undefined when there was none. */
  readonly body: unknown;
  readonly files: readonly RecordedFile[];
  readonly multipart: boolean;
  readonly status: number;
  /** The JSON the fake answered with (undefined for 204 and for file downloads). */
  readonly responseBody: unknown;
  /** The fake's clock (ms since epoch, including `advanceTime`) when the request arrived. */
  readonly time: number;
  /** The interaction whose id or token the request used, if any. */
  readonly interactionId: string | undefined;
}

/** One POST to /interactions/{id}/{token}/callback, accepted or not. */
export interface RecordedCallback {
  readonly interactionId: string;
  readonly type: number | undefined;
  readonly data: unknown;
  readonly files: readonly RecordedFile[];
  readonly status: number;
  /** Discord's error body when the callback was refused. */
  readonly error: DiscordErrorBody | undefined;
  readonly time: number;
}

/** One gateway payload, in either direction. */
export interface GatewayFrame {
  readonly direction: 'in' | 'out';
  readonly shardId: number | undefined;
  readonly op: number;
  readonly t: string | null;
  readonly d: unknown;
  readonly time: number;
}

export interface FakeUser {
  readonly id: string;
  readonly username?: string;
  readonly globalName?: string;
}

/** Who invokes an interaction, and where (PlaceOptions: installs, context, app permissions, locales, replica). */
export interface InvokerOptions extends PlaceOptions {
  /** Default: a stable test user. */
  readonly user?: FakeUser;
  /**
   * The guild; `null` (or context 1 or 2) makes it a DM or private-channel interaction (routed to shard 0). Default: the
   * fake's default guild.
   */
  readonly guildId?: string | null;
  readonly channelId?: string;
  /** The member's permission bit set in the channel, e.g. '32' for Manage Guild. Default PLAIN_MEMBER_PERMISSIONS. */
  readonly memberPermissions?: string;
  readonly roles?: readonly string[];
  /** The user's client language, one of Discord's locales. Default 'en-US'. */
  readonly locale?: string;
  /** Deliver on this shard instead of the guild's owner shard. */
  readonly shardId?: number;
}

/** A shorthand option value: strings become type 3, numbers type 10, booleans type 5, attachments type 11. */
export type OptionValue = string | number | boolean | APIAttachment;

/** Options as Discord sends them, or a name → value shorthand. */
export type OptionsInput = readonly APIApplicationCommandInteractionDataOption[] | Readonly<Record<string, OptionValue>>;

export interface CommandInput extends InvokerOptions {
  readonly name: string;
  readonly subcommand?: string;
  readonly subcommandGroup?: string;
  readonly options?: OptionsInput;
  /** Merged with what the shorthand derives (attachments given as option values are resolved automatically). */
  readonly resolved?: APIInteractionDataResolved;
}

export interface AutocompleteInput extends CommandInput {
  /** The option being typed, when `options` is the shorthand (a raw option list marks it with `focused: true`). */
  readonly focused?: string;
}

export interface ComponentInput extends InvokerOptions {
  readonly customId: string;
  /** 2 button (default) or 3 string select. */
  readonly componentType?: 2 | 3;
  readonly values?: readonly string[];
  /** The message the component is on; channel and guild default to its own. */
  readonly message: APIMessage;
}

export interface AttachmentInput {
  readonly filename: string;
  readonly content: string | Buffer;
  readonly contentType?: string;
  readonly description?: string;
}

export interface WaitOptions {
  readonly timeoutMs?: number;
}

export interface MessageWaitOptions extends WaitOptions {
  /** Keep waiting until the message satisfies this (e.g. an edit replaced the "thinking…" state). */
  readonly until?: (message: APIMessage) => boolean;
}

/** A dispatched interaction, and what Discord has received for it so far. */
export interface InteractionHandle {
  readonly id: string;
  readonly token: string;
  /** 2 command (chat input or context menu), 3 component, 4 autocomplete, 5 modal submit. */
  readonly type: number;
  /** The shard it went to; with HTTP delivery, the shard the gateway would have used (nothing is sent on it). */
  readonly shardId: number;
  /** The interaction payload: INTERACTION_CREATE's `d`, or the body POSTed to the interactions endpoint. */
  readonly payload: Readonly<Record<string, unknown>>;
  /** The first callback for this interaction (accepted or refused); fails after the wait with a clear message. */
  callback(options?: WaitOptions): Promise<RecordedCallback>;
  /** The original response message as it stands now (after callbacks and edits); waits until one exists. */
  message(options?: MessageWaitOptions): Promise<APIMessage>;
  /** Follow-up messages created so far (not the deferred original a first follow-up edits). */
  readonly followUps: readonly APIMessage[];
  /** Waits until at least `count` follow-ups exist. */
  waitForFollowUps(count: number, options?: WaitOptions): Promise<readonly APIMessage[]>;
  /** Every request made with this interaction's id or token. */
  readonly requests: readonly RecordedRequest[];
  readonly callbacks: readonly RecordedCallback[];
  /** Waits for a request with this interaction's token that satisfies `predicate`. */
  waitForRequest(predicate: (request: RecordedRequest) => boolean, options?: WaitOptions): Promise<RecordedRequest>;
  /** The modal the bot showed with an accepted type 9 callback (as sent); waits for it. */
  modal(options?: WaitOptions): Promise<APIModalInteractionResponseCallbackData>;
  /** HTTP delivery only: the POST to the endpoint and its answer; waits until the answer (or its absence) is known. */
  delivery(options?: WaitOptions): Promise<RecordedDelivery>;
}
