// Structured logs (pino): JSON lines to stdout for the bot, to stderr in the terminal mode so answers stay readable.
// Every line is scrubbed of secrets before it is written, whatever its level: an interaction token lets anyone edit
// that reply for 15 minutes, a webhook token posts as the bot, and the bot token is the bot.
import pino, { type DestinationStream, type Logger } from 'pino';

export type { Logger };

const REDACTED = '[redacted]';

// The token segment of an interaction callback or webhook URL: /interactions/<id>/<token>, /webhooks/<app>/<token>.
const TOKEN_IN_URL = /(\/(?:interactions|webhooks)\/\d+\/)[^/?#\s"\\]+/g;
// An Authorization header value, wherever it was copied to.
const BOT_AUTHORIZATION = /\b(Bot|Bearer)\s+[\w.-]+/g;
// Discord bot tokens have three dot-separated base64url parts: the bot's id, a timestamp, an HMAC.
const BOT_TOKEN_SHAPE = /[\w-]{20,}\.[\w-]{4,}\.[\w-]{20,}/g;

/** Removes interaction and webhook tokens, Authorization values, bot tokens and the given secrets from a log line. */
export function scrubSecrets(line: string, secrets: readonly string[] = []): string {
  let scrubbed = line.replace(TOKEN_IN_URL, `$1${REDACTED}`).replace(BOT_AUTHORIZATION, `$1 ${REDACTED}`).replace(BOT_TOKEN_SHAPE, REDACTED);
  for (const secret of secrets) if (secret.length >= 8) scrubbed = scrubbed.split(secret).join(REDACTED);
  return scrubbed;
}

/**
 * Errors are logged with their message, code and stack, but never with the request body discord.js attaches to a
 * failed REST call (`requestBody`: the whole reply, files included).
 */
function serializeError(error: unknown): unknown {
  const serialized: unknown = pino.stdSerializers.err(error as Error);
  if (typeof serialized !== 'object' || serialized === null) return serialized;
  const { requestBody, ...rest } = serialized as Record<string, unknown>;
  return requestBody === undefined ? rest : { ...rest, requestBody: REDACTED };
}

export interface LoggerOptions {
  /** Strings never to write, such as the bot token (tokens of Discord's shape are scrubbed anyway). */
  readonly secrets?: readonly (string | undefined)[];
}

/**
 * Creates the process logger. `destination` 1 is stdout, 2 is stderr (written synchronously so nothing is lost on
 * exit), or a stream.
 */
export function createLogger(level: string, destination: 1 | 2 | DestinationStream = 1, options: LoggerOptions = {}): Logger {
  const secrets = (options.secrets ?? []).filter((secret): secret is string => secret !== undefined);
  return pino(
    {
      level,
      base: { pid: process.pid },
      serializers: { err: serializeError, error: serializeError },
      redact: { paths: ['token', '*.token', 'headers.authorization', 'requestBody', '*.requestBody'], censor: REDACTED },
      hooks: { streamWrite: (line) => scrubSecrets(line, secrets) },
    },
    typeof destination === 'number' ? pino.destination({ dest: destination, sync: true }) : destination,
  );
}
