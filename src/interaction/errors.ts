// Expected failures (no match, bad option, not allowed) are UserErrors: answered ephemerally, never logged as bugs.
import { randomBytes } from 'node:crypto';

export class UserError extends Error {
  override readonly name = 'UserError';
  constructor(
    /** A stable identifier for logs and tests, e.g. "cooldown" or "not-moderator". */
    readonly identifier: string,
    /** The sentence shown to the user. */
    message: string,
  ) {
    super(message);
  }
}

/** A short id shown to the user and written to the log, to find a failure again. */
export function newReferenceId(): string {
  return `E${randomBytes(4).toString('hex').toUpperCase()}`;
}
