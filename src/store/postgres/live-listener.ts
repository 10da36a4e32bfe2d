// The connection on which a process hears of new live versions (LISTEN/NOTIFY). It is also how a process knows that it
// has the database: while it is down the process says so, retries with backoff, and on reconnecting reads the live
// version in case a change was announced while nobody here was listening.
import { Client, type ClientConfig, type Notification } from 'pg';
import type { Logger } from '../../logger.ts';

export interface LiveListenerOptions {
  readonly connection: ClientConfig;
  /** The NOTIFY channel commits announce the new version on. */
  readonly channel: string;
  /** Reads the live version, on the listening connection, right after LISTEN. */
  readonly liveVersionQuery: string;
  /** A new live version: announced, or found on reconnecting. */
  readonly onVersion: (version: string) => void;
  readonly logger: Logger;
  /** First wait before reconnecting; doubled after each failure up to `maxRetryMs`. */
  readonly firstRetryMs: number;
  readonly maxRetryMs: number;
  /** How often an idle connection is checked, so that a silent network failure is noticed too. */
  readonly heartbeatMs: number;
}

/** Why the database is out of reach, and since when. */
export interface Outage {
  readonly since: Date;
  readonly reason: string;
}

export class LiveListener {
  private client: Client | undefined;
  private outage: Outage | undefined;
  private retryMs: number;
  private retryTimer: NodeJS.Timeout | undefined;
  private heartbeat: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(private readonly options: LiveListenerOptions) {
    this.retryMs = options.firstRetryMs;
  }

  /** Connects and listens; rejects when the database cannot be reached now (start-up then fails with one line). */
  async start(): Promise<void> {
    await this.connect();
    this.heartbeat = setInterval(() => {
      this.checkAlive();
    }, this.options.heartbeatMs);
    this.heartbeat.unref();
  }

  /** Undefined while connected and listening; else since when and why not. */
  get lost(): Outage | undefined {
    return this.outage ?? (this.client ? undefined : { since: new Date(), reason: 'not connected yet' });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    clearInterval(this.heartbeat);
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }

  /** Connects, listens, then reads the live version: a change committed between the two is announced or read. */
  private async connect(): Promise<string> {
    const client = new Client(this.options.connection);
    // pg emits 'error' on a connection that fails while idle; unhandled, it would end the process.
    client.on('error', (error) => {
      this.drop(client, error);
    });
    client.on('end', () => {
      this.drop(client, new Error('the connection was closed'));
    });
    client.on('notification', (message: Notification) => {
      if (this.client === client && message.channel === this.options.channel && message.payload) this.options.onVersion(message.payload);
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${this.options.channel}`);
      const { rows } = await client.query<{ version: string }>(this.options.liveVersionQuery);
      if (this.stopped) throw new Error('stopped');
      this.client = client;
      return rows[0]?.version ?? '';
    } catch (error) {
      client.removeAllListeners('end');
      await client.end().catch(() => undefined);
      throw error;
    }
  }

  private drop(client: Client, error: Error): void {
    if (this.client !== client) return;
    this.client = undefined;
    client.end().catch(() => undefined);
    if (this.stopped) return;
    this.outage = { since: new Date(), reason: reasonOf(error) };
    this.options.logger.warn({ reason: this.outage.reason }, 'lost the database: serving the data in memory, refusing changes until it is back');
    this.scheduleRetry();
  }

  private scheduleRetry(): void {
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => {
      void this.reconnect();
    }, this.retryMs);
    this.retryMs = Math.min(this.retryMs * 2, this.options.maxRetryMs);
  }

  private async reconnect(): Promise<void> {
    let live: string;
    try {
      live = await this.connect();
    } catch (error) {
      if (this.stopped) return;
      this.outage = { since: this.outage?.since ?? new Date(), reason: reasonOf(error) };
      this.scheduleRetry();
      return;
    }
    const since = this.outage?.since;
    this.outage = undefined;
    this.retryMs = this.options.firstRetryMs;
    this.options.logger.info({ since }, 'the database is back: changes are accepted again');
    // An announcement sent while this process was not listening is lost: the live version read on reconnecting is not.
    if (live) this.options.onVersion(live);
  }

  private checkAlive(): void {
    const client = this.client;
    if (!client) return;
    client.query('SELECT 1').catch((error: unknown) => {
      this.drop(client, error instanceof Error ? error : new Error(String(error)));
    });
  }
}

/** What went wrong with a connection, in a few words: "ECONNREFUSED", "terminating connection due to administrator command". */
export function reasonOf(error: unknown): string {
  if (error instanceof Error && 'code' in error && typeof error.code === 'string' && /^E[A-Z]+$/.test(error.code)) return error.code;
  return error instanceof Error ? error.message : String(error);
}
