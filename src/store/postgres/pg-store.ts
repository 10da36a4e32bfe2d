// The data store on PostgreSQL, shared by every process of the bot on any number of machines.
//
// In the `newsdesk` schema (migrations.ts):
//   article_texts       the exact text of each article file, content-addressed by sha256, stored once
//   dataset_versions    one record per version made live, oldest first; the newest HISTORY_LIMIT kept for rollback
//   version_files       the file names of each version and the texts they point at
//   live_version        the one row every process serves: the live version
//   pending_imports     uploads waiting for their uploader's Confirm
//   audit_log           one JSON entry per moderator action, append-only
//
// One change at a time across every process: a change holds a transaction-level advisory lock while it is prepared,
// and its commit is one transaction that first compares the live version with the one the change was prepared against
// (refused with StaleChangeError if they differ), then writes texts, version and live pointer, and announces the new
// version with NOTIFY. A crash anywhere before COMMIT leaves the old version whole; nothing in between is ever seen.
import { AsyncLocalStorage } from 'node:async_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { DatabaseError, Pool, type ClientConfig, type PoolClient, type QueryResultRow } from 'pg';
import { hashText } from '../../data/dataset.ts';
import type { RawArticleFile } from '../../data/validate.ts';
import { DataLockBusyError } from '../../admin/lock.ts';
import { StoreProblem } from '../../admin/problems.ts';
import {
  articleName,
  assertDistinct,
  byFile,
  EMPTY_VERSION,
  PendingImportSchema,
  StaleChangeError,
  VersionRecordSchema,
  versionOfFiles,
  hashesOf,
  type ChangeMeta,
  type DataChange,
  type DataStore,
  type HistorySetAside,
  type PendingImport,
  type RecoveryOutcome,
  type StoreHealth,
  type VersionRecord,
} from '../../admin/store.ts';
import type { Logger } from '../../logger.ts';
import { LiveListener, reasonOf } from './live-listener.ts';
import { migrate, SCHEMA } from './migrations.ts';

/** The points of a commit's transaction where a test can stop a process; COMMIT comes after `commit`. */
export type PgCommitStep = 'write-texts' | 'write-version' | 'move-live' | 'commit';

export interface PgDataStoreOptions {
  /** postgres://user:password@host:port/database */
  readonly url: string;
  /** How many versions history keeps (the live one included). */
  readonly historyLimit: number;
  readonly logger: Logger;
  /** How long a change waits for another process's change to finish (default 10 s, then DataLockBusyError). */
  readonly lockTimeoutMs?: number;
  /** How long connecting may take before the database counts as out of reach (default 5 s). */
  readonly connectTimeoutMs?: number;
  /** Reconnecting after the database went away: first wait, doubled up to the second (default 250 ms, 5 s). */
  readonly retryMs?: readonly [first: number, max: number];
  /** Test hooks, called before each step of a commit; one that never settles holds the transaction open there. */
  readonly faults?: { before?(step: PgCommitStep): void | Promise<void> };
}

/** Messages of the PostgreSQL store; tests import them. */
export const postgresMessages = Object.freeze({
  unreachable: (location: string, reason: string) => `the database ${location} cannot be reached (${reason})`,
  outOfReach: (location: string, since: Date, reason: string) => `the database ${location} is out of reach since ${since.toISOString()} (${reason})`,
  remedy: 'The bot keeps answering from the data it has loaded and reconnects by itself; try again once the database is back.',
  notKept: (version: string, limit: number) => `version ${version} is not kept: it is unknown or was pruned (history keeps the newest ${String(limit)})`,
  onlyLive: (version: string, live: string) => `the database records only what it makes live: ${version} was never committed (${live} is live)`,
  neverSetAside: 'the version history in the database is never damaged as a whole, so there is nothing to set aside',
  damagedText: (version: string, file: string) => `version ${version} cannot be restored: its copy of ${file} in the database no longer matches its hash`,
});

/** The application name of the connection each process listens on, as pg_stat_activity shows it. */
export const LISTENER_NAME = 'newsdesk-bot listener';
/** The NOTIFY channel that carries each new live version to every process. */
export const LIVE_CHANNEL = 'newsdesk_live';
/** Advisory lock keys: arbitrary, fixed, and unlikely to collide with another application's in the same database. */
const CHANGE_LOCK = '7352084001';
const MIGRATION_LOCK = '7352084002';
const LIVE_VERSION_QUERY = `SELECT version FROM ${SCHEMA}.live_version`;
const DEFAULT_LOCK_TIMEOUT_MS = 10_000;
const DEFAULT_CONNECT_TIMEOUT_MS = 5000;
const HEARTBEAT_MS = 10_000;
const QUERY_TIMEOUT_MS = 30_000;

interface LiveRow {
  readonly id: string;
  readonly version: string;
}

interface VersionRow {
  readonly id: string;
  readonly version: string;
  readonly at: Date;
  readonly by_id: string;
  readonly by_name: string;
  readonly action: string;
  readonly summary: string | null;
  readonly restores: string | null;
  readonly previous: string | null;
  readonly files: Record<string, string> | null;
}

/** The articles, their kept versions, pending imports and the audit log, in a PostgreSQL database. */
export class PgDataStore implements DataStore {
  readonly location: string;
  private readonly pool: Pool;
  private readonly listener: LiveListener;
  private readonly listeners = new Set<(version: string) => void>();
  private readonly lockTimeoutMs: number;
  // The change this async call chain is part of, so that commit inside exclusive() does not wait for its own lock.
  private readonly holding = new AsyncLocalStorage<{ active: boolean }>();
  // Changes of this process queue here before taking a connection: waiting in the database, they could take every
  // connection of the pool and leave none for the commit of the change they wait for.
  private tail: Promise<void> = Promise.resolve();
  private closed = false;

  private constructor(private readonly options: PgDataStoreOptions) {
    this.location = locationOf(options.url);
    this.lockTimeoutMs = options.lockTimeoutMs ?? DEFAULT_LOCK_TIMEOUT_MS;
    const connection: ClientConfig = {
      connectionString: options.url,
      connectionTimeoutMillis: options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
      keepAlive: true,
      application_name: 'newsdesk-bot',
    };
    // A query that hears nothing back for this long is on a connection the network lost without saying so.
    this.pool = new Pool({ ...connection, max: 4, idleTimeoutMillis: 10_000, query_timeout: QUERY_TIMEOUT_MS });
    // A pooled connection that the server closes while idle emits 'error' here; the listener reports the outage.
    this.pool.on('error', (error) => {
      options.logger.debug({ reason: reasonOf(error) }, 'an idle database connection failed');
    });
    const [firstRetryMs, maxRetryMs] = options.retryMs ?? [250, 5000];
    this.listener = new LiveListener({
      connection: { ...connection, query_timeout: HEARTBEAT_MS, application_name: LISTENER_NAME },
      channel: LIVE_CHANNEL,
      liveVersionQuery: LIVE_VERSION_QUERY,
      onVersion: (version) => {
        for (const listener of this.listeners) listener(version);
      },
      logger: options.logger,
      firstRetryMs,
      maxRetryMs,
      heartbeatMs: HEARTBEAT_MS,
    });
  }

  /** Connects, applies missing migrations under the migration lock, and starts listening for new live versions. */
  static async open(options: PgDataStoreOptions): Promise<PgDataStore> {
    const store = new PgDataStore(options);
    try {
      await store.guard(async () => {
        const client = await store.pool.connect();
        try {
          const applied = await migrate(client, MIGRATION_LOCK);
          if (applied.length > 0) options.logger.info({ applied }, 'database migrated');
        } finally {
          client.release();
        }
        await store.listener.start();
      });
    } catch (error) {
      await store.close();
      throw error;
    }
    return store;
  }

  /** Runs `work` holding the change lock: one change at a time across every process on this database. */
  async exclusive<T>(work: () => Promise<T>): Promise<T> {
    if (this.holding.getStore()?.active === true) return work();
    const previous = this.tail;
    let release = (): void => undefined;
    const mine = new Promise<void>((resolve) => {
      release = resolve;
    });
    this.tail = previous.then(() => mine);
    try {
      await this.waitForTurn(previous);
      return await this.guard(() => this.holdingLock(work));
    } finally {
      release();
    }
  }

  private async waitForTurn(previous: Promise<void>): Promise<void> {
    const controller = new AbortController();
    const timeout = sleep(this.lockTimeoutMs, 'timeout' as const, { signal: controller.signal });
    try {
      if ((await Promise.race([previous.then(() => 'ready' as const), timeout])) === 'timeout') throw this.busy();
    } finally {
      controller.abort();
      timeout.catch(() => undefined);
    }
  }

  // The lock lives as long as this transaction, which writes nothing: the commit is a transaction of its own, so that
  // it is durable and announced when commit() returns, and the lock goes with the connection if the process dies.
  private async holdingLock<T>(work: () => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    let broken: Error | undefined;
    try {
      await client.query('BEGIN');
      await this.lockChanges(client);
      const held = { active: true };
      try {
        return await this.holding.run(held, work);
      } finally {
        held.active = false;
      }
    } finally {
      try {
        await client.query('ROLLBACK');
      } catch (error) {
        broken = error instanceof Error ? error : new Error(String(error));
      }
      client.release(broken);
    }
  }

  private async lockChanges(client: PoolClient): Promise<void> {
    try {
      await client.query(`SELECT set_config('lock_timeout', $1, true)`, [`${String(this.lockTimeoutMs)}ms`]);
      await client.query('SELECT pg_advisory_xact_lock($1::bigint)', [CHANGE_LOCK]);
    } catch (error) {
      // lock_not_available: another process's change held the lock all along.
      if (error instanceof DatabaseError && error.code === '55P03') throw this.busy();
      throw error;
    }
  }

  private busy(): DataLockBusyError {
    return new DataLockBusyError(`the change lock of ${this.location}`);
  }

  /** Nothing to finish: a transaction is all or nothing. */
  recover(): Promise<RecoveryOutcome> {
    return Promise.resolve('clean');
  }

  /** The live version's files, read in one statement: never a mix of two versions. */
  async readArticles(): Promise<RawArticleFile[]> {
    const { rows } = await this.query<{ file: string; text: string }>(
      `SELECT f.file, t.text FROM ${SCHEMA}.live_version l
         JOIN ${SCHEMA}.version_files f ON f.version_id = l.version_id
         JOIN ${SCHEMA}.article_texts t ON t.hash = f.hash`,
    );
    return rows.map((row) => ({ file: row.file, text: row.text })).sort(byFile);
  }

  async liveVersion(): Promise<string> {
    const { rows } = await this.query<{ version: string }>(LIVE_VERSION_QUERY);
    return rows[0]?.version ?? EMPTY_VERSION;
  }

  /** Makes a change live in one transaction if its base is still live, records it in history, and announces it. */
  async commit(change: DataChange, meta: ChangeMeta): Promise<VersionRecord> {
    for (const file of change.write) articleName(file.file);
    for (const file of change.remove) articleName(file);
    assertDistinct([...change.write.map((file) => file.file), ...change.remove]);
    const inside = this.holding.getStore()?.active === true;
    return this.transaction(async (client) => {
      if (!inside) await this.lockChanges(client);
      const live = await this.liveRow(client);
      const liveVersion = live?.version ?? EMPTY_VERSION;
      if (liveVersion !== change.base) throw new StaleChangeError(change.base, liveVersion);

      const files = live ? await this.hashesOfVersion(client, live.id) : {};
      for (const file of change.remove) Reflect.deleteProperty(files, file);
      for (const file of change.write) files[file.file] = hashText(file.text);
      const version = versionOfFiles(files);
      // Same content as live (an import of an identical file): nothing to write.
      if (live && version === liveVersion) return this.newestRecord(client);

      await this.options.faults?.before?.('write-texts');
      await client.query(
        `INSERT INTO ${SCHEMA}.article_texts (hash, text) SELECT * FROM unnest($1::text[], $2::text[]) ON CONFLICT (hash) DO NOTHING`,
        [change.write.map((file) => hashText(file.text)), change.write.map((file) => file.text)],
      );
      await this.options.faults?.before?.('write-version');
      const record = await this.insertVersion(client, version, files, meta, liveVersion);

      await this.options.faults?.before?.('move-live');
      const moved = await client.query(
        `INSERT INTO ${SCHEMA}.live_version (singleton, version_id, version) VALUES (true, $1, $2)
           ON CONFLICT (singleton) DO UPDATE SET version_id = excluded.version_id, version = excluded.version, changed_at = now()
           WHERE ${SCHEMA}.live_version.version = $3`,
        [record.id, version, liveVersion],
      );
      // Under the lock nobody can have moved it, but the pointer is the truth: never move it from a version not seen.
      if (moved.rowCount !== 1) throw new StaleChangeError(change.base, (await this.liveRow(client))?.version ?? EMPTY_VERSION);
      await this.prune(client);
      await client.query('SELECT pg_notify($1, $2)', [LIVE_CHANNEL, version]);
      await this.options.faults?.before?.('commit');
      return record.record;
    });
  }

  /** The database holds only versions it made live: files that are live are recorded already. */
  async recordVersion(files: readonly RawArticleFile[], meta: ChangeMeta): Promise<VersionRecord> {
    const version = versionOfFiles(hashesOf(files));
    const { rows } = await this.query<VersionRow>(`${VERSION_SELECT} ORDER BY v.id DESC LIMIT 1`);
    const newest = rows[0] && recordOf(rows[0]);
    if (newest?.version === version) return newest;
    throw new Error(`${postgresMessages.onlyLive(version, await this.liveVersion())} (${meta.action})`);
  }

  async history(): Promise<readonly VersionRecord[]> {
    const { rows } = await this.query<VersionRow>(`${VERSION_SELECT} ORDER BY v.id`);
    return rows.map(recordOf);
  }

  setAsideHistory(): Promise<HistorySetAside> {
    return Promise.reject(new Error(postgresMessages.neverSetAside));
  }

  /** The files of the newest kept record of `version`, each text checked against its hash. */
  async filesOf(version: string): Promise<RawArticleFile[]> {
    const { rows } = await this.query<{ file: string; hash: string; text: string }>(
      `SELECT f.file, f.hash, t.text FROM ${SCHEMA}.version_files f JOIN ${SCHEMA}.article_texts t ON t.hash = f.hash
         WHERE f.version_id = (SELECT max(id) FROM ${SCHEMA}.dataset_versions WHERE version = $1)`,
      [version],
    );
    if (rows.length === 0 && !(await this.isKept(version))) throw new Error(postgresMessages.notKept(version, this.options.historyLimit));
    for (const row of rows) {
      if (hashText(row.text) !== row.hash) throw new StoreProblem('damaged', postgresMessages.damagedText(version, row.file), 'Pick another version.');
    }
    return rows.map((row) => ({ file: row.file, text: row.text })).sort(byFile);
  }

  private async isKept(version: string): Promise<boolean> {
    const { rows } = await this.query(`SELECT 1 FROM ${SCHEMA}.dataset_versions WHERE version = $1`, [version]);
    return rows.length > 0;
  }

  async savePendingImport(pending: PendingImport): Promise<void> {
    await this.query(
      `INSERT INTO ${SCHEMA}.pending_imports (token, pending, expires_at) VALUES ($1, $2, $3)
         ON CONFLICT (token) DO UPDATE SET pending = excluded.pending, expires_at = excluded.expires_at`,
      [pending.token, JSON.stringify(pending), pending.expiresAt],
    );
  }

  async readPendingImport(token: string): Promise<PendingImport | undefined> {
    const { rows } = await this.query<{ pending: unknown }>(`SELECT pending FROM ${SCHEMA}.pending_imports WHERE token = $1`, [token]);
    const parsed = PendingImportSchema.safeParse(rows[0]?.pending);
    return parsed.success ? parsed.data : undefined;
  }

  async removePendingImport(token: string): Promise<boolean> {
    const { rowCount } = await this.query(`DELETE FROM ${SCHEMA}.pending_imports WHERE token = $1`, [token]);
    return rowCount === 1;
  }

  async pendingImportTokens(): Promise<string[]> {
    const { rows } = await this.query<{ token: string }>(`SELECT token FROM ${SCHEMA}.pending_imports ORDER BY token`);
    return rows.map((row) => row.token);
  }

  async appendAudit(entry: Record<string, unknown>): Promise<void> {
    await this.query(`INSERT INTO ${SCHEMA}.audit_log (entry) VALUES ($1)`, [JSON.stringify({ at: new Date().toISOString(), ...entry })]);
  }

  async readAudit(limit?: number): Promise<Record<string, unknown>[]> {
    const { rows } = await this.query<{ entry: Record<string, unknown> }>(`SELECT entry FROM ${SCHEMA}.audit_log ORDER BY id DESC LIMIT $1`, [limit ?? null]);
    return rows.map((row) => row.entry).reverse();
  }

  watchLive(listener: (version: string) => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  health(): StoreHealth {
    const lost = this.closed ? { since: new Date(), reason: 'the store is closed' } : this.listener.lost;
    return lost ? { ok: false, detail: postgresMessages.outOfReach(this.location, lost.since, lost.reason) } : { ok: true };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.listeners.clear();
    await this.listener.stop();
    await this.pool.end();
  }

  /** One query on a pooled connection; a lost database is a StoreProblem. */
  private async query<R extends QueryResultRow = Record<string, unknown>>(text: string, values?: readonly unknown[]) {
    return this.guard(() => this.pool.query<R>(text, values ? [...values] : undefined));
  }

  /** Runs `fn` in one transaction on one pooled connection: committed if it returns, rolled back if it throws. */
  private async transaction<T>(fn: (client: PoolClient) => Promise<T>): Promise<T> {
    return this.guard(async () => {
      const client = await this.pool.connect();
      let broken: Error | undefined;
      try {
        await client.query('BEGIN');
        const result = await fn(client);
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch((rollback: unknown) => {
          broken = rollback instanceof Error ? rollback : new Error(String(rollback));
        });
        throw error;
      } finally {
        client.release(broken);
      }
    });
  }

  /** Errors of a lost connection become one StoreProblem the flows show as is; anything else is thrown unchanged. */
  private async guard<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (error) {
      if (!isConnectionError(error)) throw error;
      throw new StoreProblem('unavailable', postgresMessages.unreachable(this.location, reasonOf(error)), postgresMessages.remedy, this.location, errorCodeOf(error));
    }
  }

  private async liveRow(client: PoolClient): Promise<LiveRow | undefined> {
    const { rows } = await client.query<LiveRow>(`SELECT version_id AS id, version FROM ${SCHEMA}.live_version FOR UPDATE`);
    return rows[0];
  }

  private async hashesOfVersion(client: PoolClient, id: string): Promise<Record<string, string>> {
    const { rows } = await client.query<{ file: string; hash: string }>(`SELECT file, hash FROM ${SCHEMA}.version_files WHERE version_id = $1`, [id]);
    return Object.fromEntries(rows.map((row) => [row.file, row.hash]));
  }

  private async newestRecord(client: PoolClient): Promise<VersionRecord> {
    const { rows } = await client.query<VersionRow>(`${VERSION_SELECT} ORDER BY v.id DESC LIMIT 1`);
    const row = rows[0];
    if (!row) throw new Error('the database has no version yet');
    return recordOf(row);
  }

  private async insertVersion(
    client: PoolClient,
    version: string,
    files: Readonly<Record<string, string>>,
    meta: ChangeMeta,
    previous: string,
  ): Promise<{ id: string; record: VersionRecord }> {
    const at = new Date();
    const { rows } = await client.query<{ id: string }>(
      `INSERT INTO ${SCHEMA}.dataset_versions (version, at, by_id, by_name, action, summary, restores, previous)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
      [version, at, meta.by.id, meta.by.name, meta.action, meta.summary ?? null, meta.restores ?? null, previous],
    );
    const id = rows[0]?.id ?? '';
    const names = Object.keys(files);
    await client.query(`INSERT INTO ${SCHEMA}.version_files (version_id, file, hash) SELECT $1, * FROM unnest($2::text[], $3::text[])`, [
      id,
      names,
      names.map((name) => files[name] ?? ''),
    ]);
    const record: VersionRecord = {
      version,
      files: sortedFiles(files),
      at: at.toISOString(),
      by: { id: meta.by.id, name: meta.by.name },
      action: meta.action,
      ...(meta.summary === undefined ? {} : { summary: meta.summary }),
      ...(meta.restores === undefined ? {} : { restores: meta.restores }),
      previous,
    };
    return { id, record };
  }

  /** Keeps the newest `historyLimit` records (the live one always) and drops texts no kept record uses. */
  private async prune(client: PoolClient): Promise<void> {
    await client.query(
      `DELETE FROM ${SCHEMA}.dataset_versions WHERE id NOT IN (SELECT id FROM ${SCHEMA}.dataset_versions ORDER BY id DESC LIMIT $1)
         AND id <> (SELECT version_id FROM ${SCHEMA}.live_version)`,
      [this.options.historyLimit],
    );
    await client.query(`DELETE FROM ${SCHEMA}.article_texts t WHERE NOT EXISTS (SELECT 1 FROM ${SCHEMA}.version_files f WHERE f.hash = t.hash)`);
  }
}

const VERSION_SELECT = `SELECT v.id, v.version, v.at, v.by_id, v.by_name, v.action, v.summary, v.restores, v.previous,
    (SELECT jsonb_object_agg(f.file, f.hash) FROM ${SCHEMA}.version_files f WHERE f.version_id = v.id) AS files
  FROM ${SCHEMA}.dataset_versions v`;

function recordOf(row: VersionRow): VersionRecord {
  return VersionRecordSchema.parse({
    version: row.version,
    files: sortedFiles(row.files ?? {}),
    at: row.at.toISOString(),
    by: { id: row.by_id, name: row.by_name },
    action: row.action,
    ...(row.summary === null ? {} : { summary: row.summary }),
    ...(row.restores === null ? {} : { restores: row.restores }),
    ...(row.previous === null ? {} : { previous: row.previous }),
  });
}

function sortedFiles(files: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(files).sort(([a], [b]) => a.localeCompare(b)));
}

/** The database's address without its password, for messages and /data status. */
export function locationOf(url: string): string {
  try {
    const parsed = new URL(url);
    const user = parsed.username ? `${decodeURIComponent(parsed.username)}@` : '';
    return `${parsed.protocol}//${user}${parsed.host}${parsed.pathname}`;
  } catch {
    return 'the PostgreSQL database in DATABASE_URL';
  }
}

const CONNECTION_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'EPIPE']);

/** A failure to reach the database or a connection lost to it, as opposed to a query the database refused. */
export function isConnectionError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = errorCodeOf(error);
  if (error instanceof DatabaseError) {
    // connection_exception (08…), admin_shutdown, crash_shutdown, cannot_connect_now.
    return code !== undefined && (code.startsWith('08') || code === '57P01' || code === '57P02' || code === '57P03');
  }
  if (code !== undefined && CONNECTION_CODES.has(code)) return true;
  return /Connection terminated|timeout exceeded when trying to connect|not queryable|Query read timeout/i.test(error.message);
}

function errorCodeOf(error: unknown): string | undefined {
  return error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : undefined;
}
