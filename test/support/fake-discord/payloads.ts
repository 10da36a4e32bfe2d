// Builders for the objects Discord sends: users, members, channels, messages, attachments and INTERACTION_CREATE payloads.
import {
  ChannelType,
  InteractionType,
  MessageType,
  type APIAttachment,
  type GuildMemberFlags,
  type MessageFlags,
  type APIInteractionGuildMember,
  type APIMessage,
  type APIMessageInteractionMetadata,
  type APIUser,
} from 'discord-api-types/v10';
import type { Place } from './contexts.ts';
import type { FakeUser } from './types.ts';

/**
 * Discord's flag fields are bit sets, but discord-api-types types them as enums, which cannot name 0 or a combination
 * of bits; these two functions are the only place the fake crosses that gap.
 */
export function messageFlags(bits: number): MessageFlags {
  // eslint-disable-next-line @typescript-eslint/no-unsafe-enum-assignment -- a bit set, not a single enum member
  return bits;
}

function memberFlags(bits: number): GuildMemberFlags {
  // eslint-disable-next-line @typescript-eslint/no-unsafe-enum-assignment -- a bit set, not a single enum member
  return bits;
}

/** The user interactions come from unless a test names another. */
export const DEFAULT_USER: FakeUser = Object.freeze({ id: '300000000000000001', username: 'tester', globalName: 'Tester' });

const bit = (n: number): bigint => 1n << BigInt(n);

/**
 * What an ordinary member may do in a channel: view, send, embed, attach, history, react, external emoji, use
 * application commands, send in threads. No Manage Guild (32) or Administrator (8).
 */
export const PLAIN_MEMBER_PERMISSIONS = [10, 11, 14, 15, 16, 6, 18, 31, 38].reduce((bits, n) => bits | bit(n), 0n).toString();

/** What the bot may do in the channel (`app_permissions`): the same as a plain member. */
export const BOT_CHANNEL_PERMISSIONS = PLAIN_MEMBER_PERMISSIONS;

/** Discord's default upload limit for bots, which it reports as `attachment_size_limit`. */
export const ATTACHMENT_SIZE_LIMIT = 10 * 1024 * 1024;

/** A user object as Discord sends it for a person. */
export function userObject(user: FakeUser): APIUser {
  return {
    id: user.id,
    username: user.username ?? `user${user.id.slice(-4)}`,
    discriminator: '0',
    global_name: user.globalName ?? null,
    avatar: null,
  };
}

/** The bot's own user object. */
export function botUserObject(id: string, username: string): APIUser {
  return { id, username, discriminator: '0001', global_name: null, avatar: null, bot: true };
}

/** A guild member with channel permissions, as in an interaction payload. */
export function memberObject(user: APIUser, permissions: string, roles: readonly string[], joinedAt: string): APIInteractionGuildMember {
  return {
    user,
    roles: [...roles],
    permissions,
    joined_at: joinedAt,
    nick: null,
    avatar: null,
    premium_since: null,
    pending: false,
    communication_disabled_until: null,
    deaf: false,
    mute: false,
    flags: memberFlags(0),
  };
}

/** A guild text channel. */
export function guildTextChannel(id: string, guildId: string): Readonly<Record<string, unknown>> {
  return {
    id,
    type: ChannelType.GuildText,
    guild_id: guildId,
    name: 'general',
    position: 0,
    permission_overwrites: [],
    nsfw: false,
    parent_id: null,
    topic: null,
    last_message_id: null,
    rate_limit_per_user: 0,
    flags: 0,
  };
}

/** The bot's DM channel with one user. */
export function dmChannel(id: string, recipient: APIUser): Readonly<Record<string, unknown>> {
  return { id, type: ChannelType.DM, recipients: [recipient], last_message_id: null, flags: 0 };
}

/** An attachment object whose url the fake serves. */
export function attachmentObject(args: {
  readonly id: string;
  readonly filename: string;
  readonly size: number;
  readonly contentType: string;
  readonly url: string;
  readonly description?: string;
}): APIAttachment {
  return {
    id: args.id,
    filename: args.filename,
    size: args.size,
    url: args.url,
    proxy_url: args.url,
    content_type: args.contentType,
    ...(args.description === undefined ? {} : { description: args.description }),
  };
}

export interface InteractionPayloadArgs {
  readonly id: string;
  readonly token: string;
  readonly type: InteractionType;
  readonly applicationId: string;
  readonly data: Readonly<Record<string, unknown>> | undefined;
  readonly user: APIUser;
  readonly place: Place;
  readonly memberPermissions: string;
  readonly roles: readonly string[];
  readonly locale: string;
  readonly guildLocale: string;
  readonly joinedAt: string;
  readonly message?: APIMessage;
}

/** An interaction payload (INTERACTION_CREATE's `d`, or the body of an HTTP delivery) with every field discord.js reads. */
export function interactionPayload(args: InteractionPayloadArgs): Readonly<Record<string, unknown>> {
  const { place } = args;
  const common = {
    id: args.id,
    application_id: args.applicationId,
    type: args.type,
    token: args.token,
    version: 1,
    locale: args.locale,
    ...(place.appPermissions === undefined ? {} : { app_permissions: place.appPermissions }),
    // discord.js throws without `entitlements`.
    entitlements: [],
    attachment_size_limit: ATTACHMENT_SIZE_LIMIT,
    channel: place.channel,
    channel_id: place.channelId,
    authorizing_integration_owners: place.authorizingIntegrationOwners,
    context: place.context,
    ...(args.data === undefined ? {} : { data: args.data }),
    ...(args.message === undefined ? {} : { message: args.message }),
  };
  if (place.guildId !== undefined) {
    return {
      ...common,
      guild_id: place.guildId,
      guild: { id: place.guildId, locale: args.guildLocale, features: [] },
      guild_locale: args.guildLocale,
      member: memberObject(args.user, args.memberPermissions, args.roles, args.joinedAt),
    };
  }
  return { ...common, user: args.user };
}

export interface NewMessageArgs {
  readonly id: string;
  readonly channelId: string;
  readonly guildId: string | undefined;
  readonly author: APIUser;
  readonly timestamp: string;
  readonly type: MessageType;
  /** Set for messages an application sends through an interaction token. */
  readonly applicationId?: string;
  readonly interaction?: APIMessageInteractionMetadata;
}

/** An empty message skeleton; the store fills it from the payload. */
export function newMessage(args: NewMessageArgs): APIMessage {
  return {
    id: args.id,
    type: args.type,
    channel_id: args.channelId,
    ...(args.guildId === undefined ? {} : { guild_id: args.guildId }),
    author: args.author,
    content: '',
    timestamp: args.timestamp,
    edited_timestamp: null,
    tts: false,
    mention_everyone: false,
    mentions: [],
    mention_roles: [],
    attachments: [],
    embeds: [],
    components: [],
    pinned: false,
    flags: messageFlags(0),
    ...(args.applicationId === undefined ? {} : { application_id: args.applicationId, webhook_id: args.applicationId }),
    ...(args.interaction === undefined ? {} : { interaction_metadata: args.interaction }),
  };
}

/** What `interaction_metadata` says about one interaction (and, for a modal submission, the one that opened it). */
export interface MetadataSource {
  readonly id: string;
  readonly type: InteractionType;
  readonly user: APIUser;
  readonly owners: Readonly<Record<string, string>>;
  /** The message a component sat on. */
  readonly interactedMessageId: string | undefined;
  /** For context-menu commands: the message or user the command was run on. */
  readonly targetMessageId?: string | undefined;
  readonly targetUser?: APIUser | undefined;
  /** For a modal submission: the command or component interaction that showed the modal. */
  readonly triggeredBy?: MetadataSource | undefined;
}

/** The `interaction_metadata` of a message answering an interaction. */
export function interactionMetadata(source: MetadataSource): APIMessageInteractionMetadata {
  const base = { id: source.id, user: source.user, authorizing_integration_owners: { ...source.owners } };
  if (source.type === InteractionType.ModalSubmit && source.triggeredBy !== undefined) {
    const triggering = interactionMetadata(source.triggeredBy);
    if (triggering.type !== InteractionType.ModalSubmit) return { ...base, type: InteractionType.ModalSubmit, triggering_interaction_metadata: triggering };
  }
  if (source.type === InteractionType.MessageComponent && source.interactedMessageId !== undefined) {
    return { ...base, type: InteractionType.MessageComponent, interacted_message_id: source.interactedMessageId };
  }
  return {
    ...base,
    type: InteractionType.ApplicationCommand,
    ...(source.targetMessageId === undefined ? {} : { target_message_id: source.targetMessageId }),
    ...(source.targetUser === undefined ? {} : { target_user: source.targetUser }),
  };
}
