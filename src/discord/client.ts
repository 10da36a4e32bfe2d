// The discord.js client: Guilds intent only, REST pointed at DISCORD_API_URL, mentions off, shards passed explicitly.
import { Client, GatewayIntentBits, type ClientOptions } from 'discord.js';
import type { Config } from '../config.ts';
import { FATAL_CLOSE_CODES, operatorMessages } from '../operator-messages.ts';

/** Discord closed the gateway for good (a fatal close code): the message is the one line to print. */
export class GatewayClosedError extends Error {
  override readonly name = 'GatewayClosedError';
  constructor(
    readonly code: number,
    readonly shardId: number,
  ) {
    super(operatorMessages.gatewayClosed(code));
  }
}

/** Whether a gateway close code means reconnecting cannot help (4004, 4010–4014). */
export function isFatalCloseCode(code: number): boolean {
  return FATAL_CLOSE_CODES.includes(code);
}

/** Builds (does not log in) the client the bot runs on. */
export function createDiscordClient(config: Config, extra: Partial<ClientOptions> = {}): Client {
  return new Client({
    intents: [GatewayIntentBits.Guilds],
    allowedMentions: { parse: [] },
    rest: { api: config.apiUrl },
    // Explicit, so discord.js never falls back to SHARDS / SHARD_COUNT from the environment.
    shards: [...config.gatewayShards.ids],
    shardCount: config.gatewayShards.count,
    ...extra,
  });
}

/** One line saying why logging in failed, in words an operator can act on. */
export function describeLoginError(error: unknown): string {
  if (error instanceof GatewayClosedError) return error.message;
  const code = typeof error === 'object' && error !== null && 'code' in error ? error.code : undefined;
  const status = typeof error === 'object' && error !== null && 'status' in error ? error.status : undefined;
  if (status === 401 || code === 'TokenInvalid') return operatorMessages.tokenRejected;
  if (code === 'DisallowedIntents') return operatorMessages.intentsRefused;
  const message = error instanceof Error ? error.message : String(error);
  return operatorMessages.couldNotConnect(message.split('\n')[0] ?? message);
}
