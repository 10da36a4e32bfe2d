// The discord.js client: Guilds intent only, REST pointed at DISCORD_API_URL, mentions off by default.
import { Client, GatewayIntentBits, type ClientOptions } from 'discord.js';
import type { Config } from '../config.ts';

/** Builds (does not log in) the client the bot runs on. */
export function createDiscordClient(config: Config, extra: Partial<ClientOptions> = {}): Client {
  return new Client({
    intents: [GatewayIntentBits.Guilds],
    allowedMentions: { parse: [] },
    rest: { api: config.apiUrl },
    ...extra,
  });
}

/** One line saying why logging in failed, in words an operator can act on. */
export function describeLoginError(error: unknown): string {
  const code = typeof error === 'object' && error !== null && 'code' in error ? error.code : undefined;
  const status = typeof error === 'object' && error !== null && 'status' in error ? error.status : undefined;
  if (status === 401 || code === 'TokenInvalid' || code === 4004) {
    return 'Discord rejected DISCORD_TOKEN (401 Unauthorized): copy the bot token again from the Developer Portal (Bot → Reset Token) into .env.';
  }
  if (code === 'DisallowedIntents' || code === 4014) {
    return 'Discord refused the gateway intents requested: the bot needs only the Guilds intent; check the application settings.';
  }
  const message = error instanceof Error ? error.message : String(error);
  return `Could not connect to Discord: ${message.split('\n')[0] ?? message}`;
}
