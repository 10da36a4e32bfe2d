// The contract between the router (Discord or terminal) and the commands: plain values in, a Reply out.
import { ApplicationCommandType, ApplicationIntegrationType, InteractionContextType } from 'discord-api-types/v10';
import type {
  APIApplicationCommandOption,
  APIApplicationCommandOptionChoice,
  RESTPostAPIChatInputApplicationCommandsJSONBody,
  RESTPostAPIContextMenuApplicationCommandsJSONBody,
} from 'discord-api-types/v10';
import type { Logger } from 'pino';
import type { DataAdmin } from '../admin/admin.ts';
import type { Config } from '../config.ts';
import type { Reply } from '../format/reply.ts';
import type { LiveSnapshot, Snapshot } from '../snapshot.ts';

export type Choice = APIApplicationCommandOptionChoice<string>;
/** A slash command, or a context-menu command (right-click → Apps), as registered with Discord. */
export type CommandDefinition = RESTPostAPIChatInputApplicationCommandsJSONBody | RESTPostAPIContextMenuApplicationCommandsJSONBody;

/** A slash command's definition (type absent or 1), as opposed to a context-menu command's. */
export function isSlashDefinition(data: CommandDefinition): data is RESTPostAPIChatInputApplicationCommandsJSONBody {
  return data.type === undefined || data.type === ApplicationCommandType.ChatInput;
}

/** The options a definition declares (a context-menu command has none). */
export function definitionOptions(data: CommandDefinition): readonly APIApplicationCommandOption[] {
  return isSlashDefinition(data) ? (data.options ?? []) : [];
}

/** Lookups reach members anywhere: installed in a server or by a user, in servers, the bot's DMs and private chats. */
export const AVAILABLE_EVERYWHERE = Object.freeze({
  integration_types: [ApplicationIntegrationType.GuildInstall, ApplicationIntegrationType.UserInstall],
  contexts: [InteractionContextType.Guild, InteractionContextType.BotDM, InteractionContextType.PrivateChannel],
});

/** Where an interaction was used: a server channel, the bot's DMs, or a private channel the bot is not part of. */
export type InteractionPlace = 'guild' | 'bot-dm' | 'private-channel';

export interface Invoker {
  readonly id: string;
  readonly username: string;
}

/** The invoker's standing in the server the interaction came from (absent in DMs and the terminal). */
export interface MemberInfo {
  readonly permissions: bigint;
  readonly roles: readonly string[];
}

/** An uploaded file as Discord describes it; the content is downloaded only when a command needs it. */
export interface AttachmentInfo {
  readonly id: string;
  readonly filename: string;
  readonly size: number;
  readonly url: string;
  readonly contentType: string | undefined;
}

/** Options of a chat command, flattened: a subcommand's options are read like top-level ones. */
export interface CommandOptions {
  readonly subcommand: string | undefined;
  string(name: string): string | undefined;
  attachment(name: string): AttachmentInfo | undefined;
}

/** Everything outside the request that commands may use; moderator services are added by later layers. */
export interface BotServices {
  readonly config: Config;
  readonly live: LiveSnapshot;
  readonly logger: Logger;
  /** Every command the bot serves, for /help. */
  readonly commands: readonly Command[];
  /** Data management for moderators. */
  readonly dataAdmin?: DataAdmin;
}

interface RequestBase {
  readonly user: Invoker;
  /**
   * The invoker runs the bot on this machine (the terminal mode): moderator rights without a server, and uploads may be
   * local files. Never set for interactions from Discord.
   */
  readonly trusted?: boolean;
  readonly guildId: string | undefined;
  readonly member: MemberInfo | undefined;
  /** The invoker's Discord language (e.g. "ru", "en-US"); absent in the terminal unless chosen. */
  readonly locale?: string;
  /** Where it was used; absent in the terminal. */
  readonly place?: InteractionPlace;
  /**
   * The bot is installed in this server (not only by the user who invoked it): moderator actions need that, so a
   * user install can never reach them.
   */
  readonly guildInstall?: boolean;
  /** The snapshot this request works on from start to end, read once when it arrived. */
  readonly snapshot: Snapshot;
  readonly services: BotServices;
}

/** The message a context-menu command was used on: what a lookup can read of it. */
export interface TargetMessage {
  readonly id: string;
  readonly channelId: string;
  readonly authorId: string;
  readonly content: string;
  /** Titles, descriptions and fields of its embeds, one per line. */
  readonly embedText: string;
}

export interface CommandRequest extends RequestBase {
  readonly commandName: string;
  readonly options: CommandOptions;
  /** For a message command: the message it was used on. */
  readonly targetMessage?: TargetMessage;
}

export interface AutocompleteRequest extends RequestBase {
  readonly commandName: string;
  readonly options: CommandOptions;
  /** The option being typed and what has been typed so far. */
  readonly focused: { readonly name: string; readonly value: string };
}

export interface ComponentRequest extends RequestBase {
  readonly customId: string;
  /** Values chosen in a select menu; empty for buttons. */
  readonly values: readonly string[];
}

/** What a modal form sent back, by the custom_id of each input. */
export interface ModalFields {
  /** A text input's value. */
  text(id: string): string | undefined;
  /** A select's chosen values (a text input's value as a one-item list). */
  values(id: string): readonly string[];
  /** Every custom_id that came back. */
  ids(): readonly string[];
}

export interface ModalRequest extends RequestBase {
  readonly customId: string;
  readonly fields: ModalFields;
}

export type DeferMode = 'ephemeral' | 'public';

/**
 * One slash command: its definition is plain data (deploy reads it without the runtime); its behaviour returns
 * values. A component reply that is ephemeral is sent as a new message; otherwise it updates the clicked message.
 */
export interface Command {
  readonly data: CommandDefinition;
  /** Suggestions while typing: synchronous, from memory, never more than 25. */
  readonly autocomplete?: (request: AutocompleteRequest) => readonly Choice[];
  readonly execute: (request: CommandRequest) => Reply | Promise<Reply>;
  /** Clicks on buttons and menus whose custom_id names this command. */
  readonly component?: (request: ComponentRequest) => Reply | Promise<Reply>;
  /** The name its custom_ids carry, when its own cannot (a context-menu command's name has spaces and capitals). */
  readonly customIdName?: string;
  /** Forms (modals) submitted whose custom_id names this command. */
  readonly modal?: (request: ModalRequest) => Reply | Promise<Reply>;
  /** Lookups are rate-limited per user; moderators are exempt. */
  readonly cooldown?: boolean;
  /** Usable in servers only (checked again at run time: Discord's own gating can be changed per server). */
  readonly guildOnly?: boolean;
  /** Moderators only: Manage Server, a MODERATOR_ROLE_IDS role, or BOT_OWNER_IDS. Refusals are logged. */
  readonly moderatorOnly?: boolean;
  /**
   * May take longer than Discord's 3 seconds: acknowledged at once, ephemerally or publicly. A function decides per
   * request (a subcommand that opens a form must not be deferred: a form can only be the first response).
   */
  readonly defer?: DeferMode | ((request: CommandRequest) => DeferMode | undefined);
}
