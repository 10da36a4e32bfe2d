// What only the PostgreSQL store does: migrations at start-up, announcing new live versions (LISTEN/NOTIFY), and
// noticing a lost connection and reading the live version again when it is back.
import pg from 'pg';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { EMPTY_VERSION } from '../../src/admin/store.ts';
import { createApp, DataLoadError } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { openMessages } from '../../src/store/open.ts';
import { MIGRATIONS, SCHEMA } from '../../src/store/postgres/migrations.ts';
import { LISTENER_NAME, PgDataStore, type PgDataStoreOptions } from '../../src/store/postgres/pg-store.ts';
import { noPostgres, usePostgres, waitUntil } from '../support/postgres.ts';
import { freePort } from '../support/processes.ts';

const MOD = { by: { id: '123456789012345678', name: 'mod' }, action: 'import' };
const A = 'articles/a.json';

const postgres = usePostgres();

async function open(url: string, options: Partial<PgDataStoreOptions> = {}): Promise<PgDataStore> {
  return postgres.closeAfter(await PgDataStore.open({ url, historyLimit: 10, logger: pino({ level: 'silent' }), ...options }));
}

async function newDatabase(): Promise<string> {
  return postgres.database();
}

/** Runs one query as the server's superuser, outside any store. */
async function sql<R extends pg.QueryResultRow>(url: string, text: string): Promise<R[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<R>(text)).rows;
  } finally {
    await client.end();
  }
}

describe('opening the PostgreSQL store at start-up', () => {
  it('given a DATABASE_URL where no database listens, then start-up stops with one line naming it, without its password', async () => {
    const port = await freePort();
    const config = loadConfig({ DATABASE_URL: `postgres://bot:hunter2@127.0.0.1:${String(port)}/newsdesk` });
    const starting = createApp(config, pino({ level: 'silent' }));
    await expect(starting).rejects.toThrow(DataLoadError);
    await expect(starting).rejects.toThrow(openMessages.unreachable(`the database postgres://bot@127.0.0.1:${String(port)}/newsdesk cannot be reached (ECONNREFUSED)`));
  });
});

describe.skipIf(noPostgres)('the PostgreSQL store', () => {
  describe('migrations', () => {
    it('given three processes opening a new database at once and one opening it later, then each migration ran exactly once', async () => {
      const url = await newDatabase();
      await Promise.all([open(url), open(url), open(url)]);
      await open(url);
      const applied = await sql<{ id: number }>(url, `SELECT id FROM ${SCHEMA}.migrations ORDER BY id`);
      expect(applied.map((row) => row.id)).toEqual(MIGRATIONS.map((migration) => migration.id));
      const tables = await sql<{ table_name: string }>(url, `SELECT table_name FROM information_schema.tables WHERE table_schema = '${SCHEMA}' ORDER BY table_name`);
      expect(tables.map((row) => row.table_name)).toEqual(['article_texts', 'audit_log', 'dataset_versions', 'live_version', 'migrations', 'pending_imports', 'version_files']);
    });

    it('given a database migrated by a newer bot, then opening it is refused with one line saying so', async () => {
      const url = await newDatabase();
      await (await open(url)).close();
      await sql(url, `INSERT INTO ${SCHEMA}.migrations (id, name) VALUES (999, 'from the future')`);
      await expect(open(url)).rejects.toThrow('the database was migrated by a newer version of the bot (migration 999 is unknown here): run that version, or a newer one');
    });
  });

  describe('new live versions', () => {
    it('given a second store committing, then the first hears the new version', async () => {
      const url = await newDatabase();
      const first = await open(url);
      const heard: string[] = [];
      first.watchLive((version) => heard.push(version));
      const record = await (await open(url)).commit({ write: [{ file: A, text: '{"a":1}' }], remove: [], base: EMPTY_VERSION }, MOD);
      expect(await waitUntil(() => heard.includes(record.version), 1000, 'the announcement')).toBe(true);
    });

    it('given the listening connection cut and a change made before it is back, then on reconnecting it reads the live version', async () => {
      const url = await newDatabase();
      const first = await open(url, { retryMs: [1500, 1500] });
      const heard: string[] = [];
      first.watchLive((version) => heard.push(version));
      const second = await open(url);

      await sql(url, `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = '${LISTENER_NAME}'`);
      const lost = await waitUntil(() => !first.health().ok && first.health(), 1000, 'the lost connection');
      expect(lost.detail).toMatch(new RegExp(`^the database postgres://postgres@127\\.0\\.0\\.1:\\d+/newsdesk_test_\\d+ is out of reach since `));
      const record = await second.commit({ write: [{ file: A, text: '{"a":2}' }], remove: [], base: EMPTY_VERSION }, MOD);

      expect(await waitUntil(() => heard.includes(record.version), 5000, 'the version read on reconnecting')).toBe(true);
      expect(first.health()).toEqual({ ok: true });
    });

    it('given a closed store, then it says it cannot take changes', async () => {
      const store = await open(await newDatabase());
      await store.close();
      expect(store.health()).toMatchObject({ ok: false });
    });
  });
});
