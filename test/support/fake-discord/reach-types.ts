// Public types for reaching the bot the newer ways: user installs and contexts, context menus, modals, HTTP delivery.
import type { APIEmbed, APIMessage } from 'discord-api-types/v10';
import type { ModalValue } from './modals.ts';
import type { AttachmentInput, FakeUser, InvokerOptions, RecordedFile } from './types.ts';

export type { ModalValue } from './modals.ts';

/** Where an interaction happens and through which installation (part of every InvokerOptions). */
export interface PlaceOptions {
  /**
   * How the app is installed where the user acts, as Discord's `integration_types`: [0] guild install (the default,
   * except in private channels), [1] user install only, [0, 1] both. Sets `authorizing_integration_owners`.
   */
  readonly installs?: readonly number[];
  /**
   * Discord's interaction context: 0 guild (default with a guild), 1 DM with the bot (default with `guildId: null`),
   * 2 private channel: a group DM or a DM between users, where the bot is not a member (needs a user install).
   */
  readonly context?: number;
  /** The kind of private channel for context 2. Default 'group-dm'. */
  readonly privateChannel?: 'dm' | 'group-dm';
  /** The other person in a private channel. Default a stable second user. */
  readonly otherUser?: FakeUser;
  /**
   * `app_permissions`; `null` leaves the field out. Default: the bot's channel permissions where the bot is in the
   * channel, USER_INSTALL_APP_PERMISSIONS (embed links and attach files only) where only a user install reaches.
   */
  readonly appPermissions?: string | null;
  /** `guild_locale` (and `guild.locale`) in guild contexts. Default 'en-US'. */
  readonly guildLocale?: string;
  /** HTTP delivery only: the endpoint to deliver to, by index or URL. Default: round-robin over the endpoints. */
  readonly replica?: number | string;
}

/** A message context-menu command ("Apps → <name>" on a message). */
export interface MessageCommandInput extends InvokerOptions {
  readonly name: string;
  /** The message it is run on: one the fake holds (by id, or as returned by `userMessage`) or any test-made message. */
  readonly message: APIMessage | string;
}

/** A user context-menu command ("Apps → <name>" on a user). */
export interface UserCommandInput extends InvokerOptions {
  readonly name: string;
  readonly target: FakeUser;
}

/** A message a person (or another bot) posted, for context-menu commands to be run on. */
export interface UserMessageInput {
  /** Up to 4,000 characters (Nitro); `<@id>`, `<@&id>`, `@everyone` and `@here` fill the mention fields. */
  readonly content?: string;
  readonly embeds?: readonly APIEmbed[];
  readonly attachments?: readonly AttachmentInput[];
  /** Default a stable third user, who is not the default invoker. */
  readonly author?: FakeUser & { readonly bot?: boolean };
  /** Users whose ids the content mentions, to fill `mentions` with their names (others get a generated name). */
  readonly mentionedUsers?: readonly FakeUser[];
  /** Default the fake's default guild channel; `guildId: null` with a channel id for a DM or group DM. */
  readonly channelId?: string;
  readonly guildId?: string | null;
}

/** A user submitting a modal the bot showed. */
export interface ModalSubmitInput extends InvokerOptions {
  /** What the user entered, by custom id: text for text inputs, lists for selects; untouched fields keep their prefill. */
  readonly values?: Readonly<Record<string, ModalValue>>;
}

/** A submission Discord never asked for: a modal that was never shown, or one shown to someone else (refusal tests). */
export interface ForgedModalInput extends ModalSubmitInput {
  readonly customId: string;
  /** The raw `data.components`; default built from `values` (strings as rows of text inputs, lists as label selects). */
  readonly components?: readonly unknown[];
  /** The message the modal's button was on, if the forgery claims one. */
  readonly message?: APIMessage;
}

/** How the fake delivers interactions over HTTP. */
export interface EndpointOptions {
  /** How long the endpoint has to answer; Discord gives 3 s, after which the answer counts as none. Default 3000. */
  readonly timeoutMs?: number;
}

/** One POST the fake made to an interactions endpoint, with what came back. */
export interface RecordedDelivery {
  /** 'interaction' (a dispatched interaction), 'ping' (sendPing) or 'raw' (postToEndpoint / probeEndpoint). */
  readonly kind: 'interaction' | 'ping' | 'raw';
  readonly url: string;
  readonly interactionId: string | undefined;
  readonly requestHeaders: Readonly<Record<string, string>>;
  readonly requestBody: Buffer;
  /** Undefined when nothing came back in time or the connection failed (see `error`). */
  readonly status: number | undefined;
  readonly responseHeaders: Readonly<Record<string, string | string[] | undefined>>;
  /** Parsed JSON, the parsed `payload_json` of a multipart answer, or the text; undefined when empty. */
  readonly responseBody: unknown;
  readonly files: readonly RecordedFile[];
  /** Why there is no usable answer: 'timed out after 3000 ms', a socket error, an unsupported content type. */
  readonly error: string | undefined;
  /** The fake's clock when the request was sent, and how long the answer took (real ms). */
  readonly time: number;
  readonly durationMs: number;
}

/** What an endpoint answered to one request. */
export interface EndpointAnswer {
  /** 0 when the connection failed or timed out without an answer. */
  readonly status: number;
  readonly body: unknown;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly error: string | undefined;
}

/** A hand-made POST to the endpoint: every part can be broken on purpose. */
export interface RawEndpointPost {
  /** Default a valid PING. Objects are sent as JSON. */
  readonly body?: string | Buffer | Readonly<Record<string, unknown>>;
  /** 'valid' (default), 'wrong-key' (signed by another key), 'tampered' (signed over other bytes), 'missing'. */
  readonly signature?: 'valid' | 'wrong-key' | 'tampered' | 'missing';
  /** Unix seconds as a string ('missing' leaves the header out), or `{ ageSeconds }` before now. Default now. */
  readonly timestamp?: string | { readonly ageSeconds: number };
  readonly contentType?: string;
  readonly replica?: number | string;
}

/** Ready-made broken requests an endpoint must refuse (401, or 413 for the oversized body). */
export type EndpointProbe = 'wrong-key' | 'tampered-body' | 'missing-signature' | 'missing-timestamp' | 'old-timestamp' | 'oversized';

export interface EndpointProbeOptions {
  readonly replica?: number | string;
  /** For 'old-timestamp': how old. Default 600 s. */
  readonly ageSeconds?: number;
  /** For 'oversized': the body size. Default 2 MiB. */
  readonly bytes?: number;
}
