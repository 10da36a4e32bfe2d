// The contract between the router (Discord or terminal) and the commands: plain values in, a Reply out.
import type {
  APIApplicationCommandOptionChoice,
  RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord-api-types/v10';
import type { Logger } from 'pino';
import type { DataAdmin } from '../admin/admin.ts';
import type { Config } from '../config.ts';
import type { Reply } from '../format/reply.ts';
import type { LiveSnapshot, Snapshot } from '../snapshot.ts';

export type Choice = APIApplicationCommandOptionChoice<string>;
export type CommandDefinition = RESTPostAPIChatInputApplicationCommandsJSONBody;

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
  /** The snapshot this request works on from start to end, read once when it arrived. */
  readonly snapshot: Snapshot;
  readonly services: BotServices;
}

export interface CommandRequest extends RequestBase {
  readonly commandName: string;
  readonly options: CommandOptions;
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
  /** Lookups are rate-limited per user; moderators are exempt. */
  readonly cooldown?: boolean;
  /** Usable in servers only (checked again at run time: Discord's own gating can be changed per server). */
  readonly guildOnly?: boolean;
  /** Moderators only: Manage Server, a MODERATOR_ROLE_IDS role, or BOT_OWNER_IDS. Refusals are logged. */
  readonly moderatorOnly?: boolean;
  /** May take longer than Discord's 3 seconds: acknowledged first (ephemerally when true is 'ephemeral'). */
  readonly defer?: 'ephemeral' | 'public';
}
