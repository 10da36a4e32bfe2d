// Who may change the data, decided at run time: only moderators of the data's home servers, never anyone elsewhere.
import type { Config } from '../config.ts';
import type { Invoker, MemberInfo } from './types.ts';

/** Discord's Manage Server (MANAGE_GUILD) permission bit. */
export const MANAGE_GUILD = 1n << 5n;
const ADMINISTRATOR = 1n << 3n;

/** Where an interaction comes from and who sent it: what the permission checks read. */
export interface Standing {
  readonly user: Invoker;
  readonly guildId: string | undefined;
  readonly member: MemberInfo | undefined;
  /** The bot is installed in that server, not only by the user (see RequestBase.guildInstall). */
  readonly guildInstall?: boolean;
}

/** The server is one of the data's home servers (DATA_GUILD_IDS). */
export function isDataHome(guildId: string | undefined, config: Config): boolean {
  return guildId !== undefined && config.dataGuildIds.includes(guildId);
}

/**
 * A moderator of the data: inside a home server where the bot is installed, a bot owner, a member with Manage Server (or Administrator), or a
 * member with a configured moderator role. Rights in any other server, or in DMs, count for nothing: there is one
 * dataset for everyone, so an admin of some other server must not be able to change what all members read.
 */
export function isModerator(standing: Standing, config: Config): boolean {
  // A user install reaches servers the bot was never added to; moderation goes through the server's own install only.
  if (!isDataHome(standing.guildId, config) || standing.guildInstall !== true) return false;
  if (config.ownerIds.includes(standing.user.id)) return true;
  const member = standing.member;
  if (!member) return false;
  if ((member.permissions & (MANAGE_GUILD | ADMINISTRATOR)) !== 0n) return true;
  return member.roles.some((role) => config.moderatorRoleIds.includes(role));
}
