// Registers the command definitions with one bulk overwrite: to a guild (instant) or globally (may take a while).
import { REST, Routes } from 'discord.js';
import type { RESTPutAPIApplicationCommandsResult } from 'discord-api-types/v10';
import type { Command } from '../interaction/types.ts';

export interface DeployTarget {
  readonly token: string;
  readonly clientId: string;
  readonly guildId: string | undefined;
  readonly apiUrl: string;
}

/** Replaces every registered command of the application (or guild) with exactly `commands`. */
export async function deployCommands(target: DeployTarget, commands: readonly Command[]): Promise<RESTPutAPIApplicationCommandsResult> {
  const rest = new REST({ api: target.apiUrl, retries: 1 }).setToken(target.token);
  const route = target.guildId
    ? Routes.applicationGuildCommands(target.clientId, target.guildId)
    : Routes.applicationCommands(target.clientId);
  const body = commands.map((command) => command.data);
  return (await rest.put(route, { body })) as RESTPutAPIApplicationCommandsResult;
}
