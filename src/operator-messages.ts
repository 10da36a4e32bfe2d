// Every line the bot prints for its operator when it cannot start or must stop: one line each, saying what to fix.
// Tests import these instead of repeating them.

export const operatorMessages = Object.freeze({
  tokenRejected:
    'Discord rejected DISCORD_TOKEN (401 Unauthorized): copy the bot token again from the Developer Portal (Bot → Reset Token) into .env.',
  intentsRefused: 'Discord refused the gateway intents requested: the bot needs only the Guilds intent; check the application settings.',
  couldNotConnect: (reason: string) => `Could not connect to Discord: ${reason}`,
  /** Discord closed the gateway with a code after which reconnecting cannot help (discord.js stops trying). */
  gatewayClosed: (code: number): string => {
    const fix = FATAL_CLOSE_FIXES[code] ?? 'discord.js does not reconnect after it; check the bot’s settings';
    return `Discord closed the gateway with code ${String(code)} (${FATAL_CLOSE_NAMES[code] ?? 'unknown'}): ${fix}.`;
  },
  shardsCouldNotStart: (reason: string) => `The shards could not start: ${reason}`,
  healthPortUnset: 'HEALTH_PORT is not set, so the bot serves no /healthz to check.',
  unhealthy: (url: string, status: number, body: string) => `${url} answered ${String(status)}: ${body.slice(0, 500)}`,
  healthUnreachable: (url: string, reason: string) => `${url} did not answer: ${reason}`,
  stopTimedOut: (seconds: number) => `The bot did not stop within ${String(seconds)} s (something kept running): exiting anyway.`,
});

/** Gateway close codes that end the bot: Discord will refuse every reconnect until the operator fixes something. */
export const FATAL_CLOSE_CODES: readonly number[] = Object.freeze([4004, 4010, 4011, 4012, 4013, 4014]);

const FATAL_CLOSE_NAMES: Readonly<Record<number, string>> = {
  4004: 'authentication failed',
  4010: 'invalid shard',
  4011: 'sharding required',
  4012: 'invalid API version',
  4013: 'invalid intents',
  4014: 'disallowed intents',
};

const FATAL_CLOSE_FIXES: Readonly<Record<number, string>> = {
  4004: 'DISCORD_TOKEN is wrong or was reset; copy the bot token again from the Developer Portal (Bot → Reset Token) into .env',
  4010: 'the shard id or SHARD_COUNT is not valid for this bot; set SHARD_COUNT=auto (or remove it)',
  4011: 'the bot is in too many servers for one connection; set SHARD_COUNT=auto',
  4012: 'the gateway does not speak API v10; update discord.js, or check DISCORD_API_URL if it points at a proxy',
  4013: 'the intents the bot sends are not valid; this is a bug in the bot, please report it',
  4014: 'the bot asked for an intent the application may not use; check Bot → Privileged Gateway Intents in the Developer Portal',
};
