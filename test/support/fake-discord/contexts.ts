// Where an interaction happens and through which installation: guild or user install, guild, bot DM or private channel.
import { ChannelType, type APIApplicationCommand, type APIUser } from 'discord-api-types/v10';
import { dmChannel, guildTextChannel } from './payloads.ts';

/** Discord's installation types (`integration_types`): 0 the app is installed to the guild, 1 to the user. */
export const Install = Object.freeze({ Guild: 0, User: 1 });
/** Discord's interaction context types (`contexts`): 0 guild, 1 DM with the bot, 2 a private channel without the bot. */
export const Context = Object.freeze({ Guild: 0, BotDM: 1, PrivateChannel: 2 });

const bit = (n: number): bigint => 1n << BigInt(n);

/**
 * `app_permissions` where the bot is not in the channel (a user install in a guild or a private channel). Discord
 * always grants EMBED_LINKS and ATTACH_FILES to interaction responses (discord/discord-api-docs#5316); the rest of
 * what the channel allows @everyone is left out, so a bot that relies on more is caught.
 */
export const USER_INSTALL_APP_PERMISSIONS = [14, 15].reduce((bits, n) => bits | bit(n), 0n).toString();

/** Where an interaction comes from, as the test describes it (all optional: the default is a guild-installed guild). */
export interface PlaceInput {
  readonly guildId: string | undefined;
  readonly channelId: string | undefined;
  readonly installs: readonly number[] | undefined;
  readonly context: number | undefined;
  readonly privateChannel: 'dm' | 'group-dm' | undefined;
  readonly otherUser: APIUser;
  /** `null` leaves `app_permissions` out of the payload. */
  readonly appPermissions: string | null | undefined;
  readonly botChannelPermissions: string;
}

/** The resolved place: everything the payload says about where and through which install. */
export interface Place {
  readonly guildId: string | undefined;
  readonly channelId: string;
  readonly context: number;
  readonly installs: readonly number[];
  readonly authorizingIntegrationOwners: Readonly<Record<string, string>>;
  readonly appPermissions: string | undefined;
  /** The `channel` object of the payload. */
  readonly channel: Readonly<Record<string, unknown>>;
  /** False where only a user install reaches: the bot user is not a member and cannot post or read there. */
  readonly botInChannel: boolean;
}

/** Resolves a test's description of a place into the payload's fields; throws on places Discord never produces. */
export function resolvePlace(input: PlaceInput, user: APIUser, channelIdFor: (kind: 'bot-dm' | 'dm' | 'group-dm') => string): Place {
  const context = input.context ?? (input.guildId === undefined ? Context.BotDM : Context.Guild);
  if (context !== Context.Guild && context !== Context.BotDM && context !== Context.PrivateChannel) {
    throw new Error(`fake-discord: context ${context} is not one of Discord's interaction contexts (0 guild, 1 bot DM, 2 private channel)`);
  }
  const installs = [...new Set(input.installs ?? (context === Context.PrivateChannel ? [Install.User] : [Install.Guild]))].sort();
  if (installs.length === 0 || installs.some((install) => install !== Install.Guild && install !== Install.User)) {
    throw new Error(`fake-discord: installs must name 0 (guild install) and/or 1 (user install), not [${installs.join(', ')}]`);
  }
  if (context === Context.Guild && input.guildId === undefined) throw new Error('fake-discord: context 0 (guild) needs a guild; pass guildId or leave context out');
  if (context !== Context.Guild && input.guildId !== undefined) {
    throw new Error(`fake-discord: context ${context} happens outside guilds; pass guildId: null`);
  }
  if (context === Context.PrivateChannel && installs.includes(Install.Guild)) {
    throw new Error('fake-discord: Discord reaches a private channel (group DM or DM between users) only through a user install: use installs [1]');
  }

  const owners: Record<string, string> = {};
  // Key 0 holds the guild id, or "0" in the bot's DM; key 1 holds the id of the user who installed the app.
  if (installs.includes(Install.Guild)) owners[String(Install.Guild)] = input.guildId ?? '0';
  if (installs.includes(Install.User)) owners[String(Install.User)] = user.id;
  const botInChannel = context === Context.BotDM || (context === Context.Guild && installs.includes(Install.Guild));
  const defaultPermissions = botInChannel ? input.botChannelPermissions : USER_INSTALL_APP_PERMISSIONS;
  const appPermissions = input.appPermissions === null ? undefined : (input.appPermissions ?? defaultPermissions);

  let channelId: string;
  let channel: Readonly<Record<string, unknown>>;
  if (context === Context.Guild && input.guildId !== undefined) {
    if (input.channelId === undefined) throw new Error('fake-discord: a guild interaction needs a channel id');
    channelId = input.channelId;
    channel = { ...guildTextChannel(channelId, input.guildId), permissions: input.botChannelPermissions };
  } else if (context === Context.BotDM) {
    channelId = input.channelId ?? channelIdFor('bot-dm');
    channel = dmChannel(channelId, user);
  } else {
    const kind = input.privateChannel ?? 'group-dm';
    channelId = input.channelId ?? channelIdFor(kind);
    channel = kind === 'dm'
      ? { id: channelId, type: ChannelType.DM, recipients: [input.otherUser], last_message_id: null, flags: 0 }
      : { id: channelId, type: ChannelType.GroupDM, name: null, icon: null, owner_id: input.otherUser.id, recipients: [user, input.otherUser], last_message_id: null, flags: 0 };
  }
  return { guildId: input.guildId, channelId, context, installs, authorizingIntegrationOwners: owners, appPermissions, channel, botInChannel };
}

/** Where a user could run one command, in Discord's words. */
export interface CommandPlace {
  /** The guild the user is in, or undefined in a DM or private channel. */
  readonly guildId?: string;
  /** 0 guild (default with a guild), 1 bot DM (default without), 2 private channel. */
  readonly context?: number;
  /** How the app is installed there: [0] guild (default except in private channels), [1] user, [0, 1] both. */
  readonly installs?: readonly number[];
}

// Discord's defaults for a command registered without these fields: guild install only, and — although the docs say
// "all contexts" — guild and bot DM but not private channels (discord/discord-api-docs#6744, #7108).
const DEFAULT_INTEGRATION_TYPES: readonly number[] = [Install.Guild];
const DEFAULT_CONTEXTS: readonly number[] = [Context.Guild, Context.BotDM];

/**
 * Whether Discord offers `command` to a user at `place`. Guild commands exist only in their guild and only through the
 * guild install: Discord documents `contexts` and `integration_types` as "only for globally-scoped commands", so the
 * fake accepts them on guild commands (as it must for `contexts: [0]`) and ignores them here.
 */
export function isCommandOffered(command: APIApplicationCommand, place: CommandPlace): boolean {
  const context = place.context ?? (place.guildId === undefined ? Context.BotDM : Context.Guild);
  const installs = place.installs ?? (context === Context.PrivateChannel ? [Install.User] : [Install.Guild]);
  if (command.guild_id !== undefined) {
    return context === Context.Guild && command.guild_id === place.guildId && installs.includes(Install.Guild);
  }
  const contexts: readonly number[] = command.contexts ?? DEFAULT_CONTEXTS;
  const integrationTypes: readonly number[] = command.integration_types ?? DEFAULT_INTEGRATION_TYPES;
  if (!contexts.includes(context)) return false;
  // In a private channel only the user's own install counts; a guild install reaches guilds and the bot's DM.
  const reachable = context === Context.PrivateChannel ? [Install.User] : installs;
  return reachable.some((install) => installs.includes(install) && integrationTypes.includes(install));
}
