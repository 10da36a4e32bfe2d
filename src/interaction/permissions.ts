// Who counts as a moderator, decided at run time: Discord's command gating can be changed per server.
import type { Config } from '../config.ts';
import type { Invoker, MemberInfo } from './types.ts';

/** Discord's Manage Server (MANAGE_GUILD) permission bit. */
export const MANAGE_GUILD = 1n << 5n;
const ADMINISTRATOR = 1n << 3n;

/** A moderator has Manage Server (or Administrator), a configured moderator role, or is a configured bot owner. */
export function isModerator(user: Invoker, member: MemberInfo | undefined, config: Config): boolean {
  if (config.ownerIds.includes(user.id)) return true;
  if (!member) return false;
  if ((member.permissions & (MANAGE_GUILD | ADMINISTRATOR)) !== 0n) return true;
  return member.roles.some((role) => config.moderatorRoleIds.includes(role));
}
