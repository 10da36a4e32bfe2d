// The moderators' channel (MOD_LOG_CHANNEL_ID): a bounded queue posted in the background, so no moderator action
// waits for Discord, and refused attempts aggregated so that a burst of them cannot flood the channel.
import type { Logger } from 'pino';
import type { AuditEntry } from './audit.ts';

export interface ModLogOptions {
  /** Posts one entry to the channel; may be slow (rate limits) or fail. */
  readonly post: (entry: AuditEntry) => Promise<void>;
  readonly logger: Logger;
  /** Posts waiting at most; past it new ones are dropped and counted in the log. */
  readonly capacity?: number;
  /** After a refused attempt is posted, further ones are counted for this long and posted as one summary. */
  readonly refusalWindowMs?: number;
}

/** Messages of the moderators' channel; tests import them. */
export const modLogMessages = Object.freeze({
  refusedAttempts: (attempts: number, members: number, windowMs: number) =>
    `${String(attempts)} refused /data attempt${attempts === 1 ? '' : 's'} by ${String(members)} member${members === 1 ? '' : 's'} in the last ${describeWindow(windowMs)}`,
});

const DEFAULT_CAPACITY = 100;
const DEFAULT_REFUSAL_WINDOW_MS = 60_000;
const SHOWN_MEMBERS = 10;

interface RefusalWindow {
  attempts: number;
  readonly members: Map<string, string>;
  readonly timer: NodeJS.Timeout;
}

/** Posts audit entries to the moderators' channel, one at a time, in the background. */
export class ModLog {
  private readonly queue: AuditEntry[] = [];
  private readonly capacity: number;
  private readonly refusalWindowMs: number;
  private sending: Promise<void> | undefined;
  private window: RefusalWindow | undefined;
  private dropped = 0;
  private stopped = false;

  constructor(private readonly options: ModLogOptions) {
    this.capacity = options.capacity ?? DEFAULT_CAPACITY;
    this.refusalWindowMs = options.refusalWindowMs ?? DEFAULT_REFUSAL_WINDOW_MS;
  }

  /** Queues an entry; returns at once. */
  post(entry: AuditEntry): void {
    if (this.stopped) return;
    if (this.queue.length >= this.capacity) {
      if (this.dropped === 0) this.options.logger.warn({ capacity: this.capacity }, 'the moderation log channel is falling behind; dropping posts');
      this.dropped += 1;
      return;
    }
    this.queue.push(entry);
    this.sending ??= this.send();
  }

  /**
   * A refused attempt: posted at once when none was posted lately; otherwise counted, and the count posted as one
   * summary ("12 refused /data attempts by 3 members in the last minute") when the window closes.
   */
  refused(entry: AuditEntry): void {
    if (this.stopped) return;
    if (this.window) {
      this.window.attempts += 1;
      this.window.members.set(entry.by.id, entry.by.name);
      return;
    }
    this.post(entry);
    this.openWindow();
  }

  /** Posts the pending summary, then waits (at most `timeoutMs`) for the queue to empty; what is left is logged. */
  async stop(timeoutMs: number): Promise<void> {
    if (this.stopped) return;
    this.closeWindow(false);
    this.stopped = true;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, timeoutMs);
    });
    await Promise.race([this.sending, timeout]);
    clearTimeout(timer);
    const unsent = this.queue.splice(0).length;
    if (unsent > 0 || this.dropped > 0) this.options.logger.warn({ unsent, dropped: this.dropped }, 'stopped with posts to the moderation log channel not sent');
  }

  private openWindow(): void {
    const timer = setTimeout(() => {
      this.closeWindow(true);
    }, this.refusalWindowMs);
    timer.unref();
    this.window = { attempts: 0, members: new Map(), timer };
  }

  /** Posts the window's summary, if it counted anything; a busy window is followed by another. */
  private closeWindow(reopen: boolean): void {
    const window = this.window;
    if (!window) return;
    clearTimeout(window.timer);
    this.window = undefined;
    if (window.attempts === 0) return;
    const names = [...window.members.values()];
    this.post({
      at: new Date().toISOString(),
      by: { id: 'system', name: 'mod-log' },
      action: 'refused',
      outcome: 'refused',
      attempts: window.attempts,
      summary: modLogMessages.refusedAttempts(window.attempts, window.members.size, this.refusalWindowMs),
      detail: `By ${names.slice(0, SHOWN_MEMBERS).join(', ')}${names.length > SHOWN_MEMBERS ? ` and ${String(names.length - SHOWN_MEMBERS)} more` : ''}.`,
    });
    if (reopen) this.openWindow();
  }

  private async send(): Promise<void> {
    for (let entry = this.queue.shift(); entry !== undefined; entry = this.queue.shift()) {
      try {
        await this.options.post(entry);
      } catch (error) {
        this.options.logger.warn({ ...describePostError(error), action: entry.action }, 'could not post to the moderation log channel');
      }
    }
    if (this.dropped > 0 && !this.stopped) {
      this.options.logger.warn({ dropped: this.dropped }, 'the moderation log channel caught up; some posts were dropped');
      this.dropped = 0;
    }
    this.sending = undefined;
  }
}

/** "minute", "30 s": how the summary names its window. */
function describeWindow(ms: number): string {
  if (ms === 60_000) return 'minute';
  if (ms % 60_000 === 0) return `${String(ms / 60_000)} minutes`;
  return `${String(Number((ms / 1000).toFixed(1)))} s`;
}

/** A failed post in one log line: Discord's code and status, no stack (a missing permission is not a bug). */
function describePostError(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { error: String(error) };
  const fields: Record<string, unknown> = { error: error.message };
  for (const key of ['code', 'status'] as const) {
    const value: unknown = Reflect.get(error, key);
    if (typeof value === 'string' || typeof value === 'number') fields[key] = value;
  }
  return fields;
}
