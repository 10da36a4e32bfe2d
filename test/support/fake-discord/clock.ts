// The fake's notion of time (wall clock plus a test-controlled offset) and the ids and tokens it hands out.
import { randomBytes } from 'node:crypto';

/** Discord's epoch (2015-01-01T00:00:00Z): snowflakes count milliseconds from here. */
const DISCORD_EPOCH_MS = 1_420_070_400_000n;

/** Real time plus an offset, so a test can make the fake believe time has passed without sleeping. */
export class FakeClock {
  private offsetMs = 0;

  /** Milliseconds since the Unix epoch, as the fake sees them. */
  now(): number {
    return Date.now() + this.offsetMs;
  }

  /** Moves the fake's clock forward by `ms` (never backwards: Discord's deadlines only ever pass). */
  advance(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`advanceTime expects a non-negative number of ms, got ${ms}`);
    this.offsetMs += ms;
  }

  /** ISO-8601 timestamp of the fake's now, the format Discord uses in message objects. */
  isoNow(): string {
    return new Date(this.now()).toISOString();
  }
}

/** Hands out snowflakes that embed the fake's clock, so `createdTimestamp` in discord.js agrees with the fake. */
export class SnowflakeFactory {
  private increment = 0n;

  constructor(
    private readonly clock: FakeClock,
    // Worker id 1 keeps the fake's ids apart from hand-written ones in tests, which tend to use worker 0.
    private readonly workerId = 1n,
  ) {}

  /** A fresh snowflake for the fake's current time. */
  next(): string {
    this.increment = (this.increment + 1n) & 0xfffn;
    const ms = BigInt(Math.floor(this.clock.now())) - DISCORD_EPOCH_MS;
    return ((ms << 22n) | (this.workerId << 17n) | this.increment).toString();
  }
}

/** An interaction token shaped like Discord's: base64url of "interaction:<id>:<secret>", safe in a URL path. */
export function interactionToken(interactionId: string): string {
  return Buffer.from(`interaction:${interactionId}:${randomBytes(24).toString('hex')}`).toString('base64url');
}

/** True for strings that look like a snowflake (Discord validates ids in paths the same way). */
export function isSnowflake(value: string): boolean {
  return /^\d{15,21}$/.test(value);
}
