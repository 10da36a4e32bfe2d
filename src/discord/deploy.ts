// Registers the command definitions with one bulk overwrite per target: globally (or one test server) for the
// lookups, and in each of the data's home servers for the moderator commands, never anywhere else.
import { REST, Routes } from 'discord.js';
import type { RESTPutAPIApplicationCommandsResult } from 'discord-api-types/v10';
import type { Command } from '../interaction/types.ts';

export interface DeployTarget {
  readonly token: string;
  readonly clientId: string;
  readonly apiUrl: string;
}

/** One bulk overwrite: these commands, in this server (or globally when `guildId` is undefined). */
export interface Deployment {
  readonly guildId: string | undefined;
  readonly commands: readonly Command[];
}

/**
 * Where each command goes. Lookups: in `guildId` when set (instant, for trying the bot out), globally otherwise.
 * Moderator commands: only in the data's home servers, as guild commands, so they cannot even be seen elsewhere.
 */
export function planDeployment(where: { readonly guildId: string | undefined; readonly dataGuildIds: readonly string[] }, commands: readonly Command[]): Deployment[] {
  const byTarget = new Map<string | undefined, Command[]>();
  const add = (guildId: string | undefined, command: Command): void => {
    const list = byTarget.get(guildId) ?? [];
    list.push(command);
    byTarget.set(guildId, list);
  };
  for (const command of commands) {
    if (command.moderatorOnly) for (const guildId of where.dataGuildIds) add(guildId, command);
    else add(where.guildId, command);
  }
  return [...byTarget].map(([guildId, list]) => ({ guildId, commands: list }));
}

/** Replaces every registered command of each deployment's target with exactly its commands. */
export async function deployCommands(
  target: DeployTarget,
  deployments: readonly Deployment[],
): Promise<{ readonly deployment: Deployment; readonly registered: RESTPutAPIApplicationCommandsResult }[]> {
  const rest = new REST({ api: target.apiUrl, retries: 1 }).setToken(target.token);
  const results = [];
  for (const deployment of deployments) {
    const route = deployment.guildId
      ? Routes.applicationGuildCommands(target.clientId, deployment.guildId)
      : Routes.applicationCommands(target.clientId);
    const body = deployment.commands.map((command) => command.data);
    results.push({ deployment, registered: (await rest.put(route, { body })) as RESTPutAPIApplicationCommandsResult });
  }
  return results;
}

/**
 * The two ways to add the bot: to a server (its members get the lookups there, its moderators /data if it is a home)
 * and to a user's own account (the lookups everywhere that user goes, DMs and servers without the bot included).
 */
export function installLinks(clientId: string): string[] {
  const link = (integrationType: 0 | 1, scope: string): string =>
    `https://discord.com/oauth2/authorize?client_id=${clientId}&integration_type=${String(integrationType)}&scope=${encodeURIComponent(scope)}`;
  return [`Add to a server: ${link(0, 'bot applications.commands')}`, `Add to your account: ${link(1, 'applications.commands')}`];
}
