// Per-user cooldown for lookups, so one member cannot flood a channel.

/** Remembers when each user last ran a lookup; forgets users whose cooldown has passed. */
export class Cooldowns {
  private readonly lastUse = new Map<string, number>();

  constructor(
    private readonly seconds: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Records a use and returns 0, or returns the whole seconds left to wait without recording anything. */
  take(userId: string): number {
    if (this.seconds <= 0) return 0;
    const now = this.now();
    const window = this.seconds * 1000;
    const last = this.lastUse.get(userId);
    if (last !== undefined && now - last < window) return Math.ceil((window - (now - last)) / 1000);
    this.lastUse.set(userId, now);
    // Bounded memory: sweep expired entries once the map grows.
    if (this.lastUse.size > 10_000) {
      for (const [id, time] of this.lastUse) if (now - time >= window) this.lastUse.delete(id);
    }
    return 0;
  }
}
