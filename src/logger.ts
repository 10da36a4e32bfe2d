// Structured logs (pino): JSON lines to stdout for the bot, to stderr in the terminal mode so answers stay readable.
import pino, { type Logger } from 'pino';

export type { Logger };

/** Creates the process logger. `destination` 1 is stdout, 2 is stderr; writes are synchronous so nothing is lost on exit. */
export function createLogger(level: string, destination: 1 | 2 = 1): Logger {
  return pino(
    {
      level,
      base: { pid: process.pid },
      redact: { paths: ['token', '*.token', 'headers.authorization'], censor: '[redacted]' },
    },
    pino.destination({ dest: destination, sync: true }),
  );
}
