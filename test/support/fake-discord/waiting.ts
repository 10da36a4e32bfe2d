// Waiting for something the bot will do: probes re-checked on every change, each with its own timeout, all cancellable.

interface Pending {
  readonly check: () => boolean;
  readonly fail: (error: Error) => void;
  readonly timer: NodeJS.Timeout;
}

/** Resolves waits when the fake's state changes; `close()` rejects whatever is still waiting and clears every timer. */
export class Waiters {
  private readonly pending = new Set<Pending>();
  private closed = false;

  /**
   * Resolves with the first defined value `probe` returns, checking now and after every `notify()`; rejects after
   * `timeoutMs` with "fake-discord: timed out after <n> ms waiting for <what>" (`what` runs then, so it can describe the state).
   */
  until<T>(probe: () => T | undefined, timeoutMs: number, what: () => string): Promise<T> {
    const now = probe();
    if (now !== undefined) return Promise.resolve(now);
    if (this.closed) return Promise.reject(new Error(`fake-discord: closed while waiting for ${what()}`));
    return new Promise<T>((resolve, reject) => {
      const entry: Pending = {
        check: () => {
          const value = probe();
          if (value === undefined) return false;
          resolve(value);
          return true;
        },
        fail: reject,
        timer: setTimeout(() => {
          this.pending.delete(entry);
          reject(new Error(`fake-discord: timed out after ${timeoutMs} ms waiting for ${what()}`));
        }, timeoutMs),
      };
      this.pending.add(entry);
    });
  }

  /** Re-checks every wait; called after each request, dispatch and gateway change. */
  notify(): void {
    for (const entry of [...this.pending]) {
      if (entry.check()) {
        clearTimeout(entry.timer);
        this.pending.delete(entry);
      }
    }
  }

  /** Rejects every pending wait and clears its timer. */
  close(): void {
    this.closed = true;
    for (const entry of this.pending) {
      clearTimeout(entry.timer);
      entry.fail(new Error('fake-discord: closed while a wait was pending'));
    }
    this.pending.clear();
  }
}
