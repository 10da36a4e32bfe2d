// The database schema of the PostgreSQL store, as numbered migrations applied in order at start-up. A migration is
// never edited once released: a change to the schema is a new one at the end of the list.
import type { PoolClient } from 'pg';

/** Everything the bot keeps lives in this schema, so it can share a database with other applications. */
export const SCHEMA = 'newsdesk';

export interface Migration {
  readonly id: number;
  readonly name: string;
  readonly sql: string;
}

export const MIGRATIONS: readonly Migration[] = Object.freeze([
  {
    id: 1,
    name: 'dataset versions, live pointer, pending imports, audit log',
    sql: `
      -- The exact text of every article file any kept version holds, once per content.
      CREATE TABLE ${SCHEMA}.article_texts (
        hash text PRIMARY KEY CHECK (hash ~ '^[0-9a-f]{64}$'),
        text text NOT NULL
      );
      -- One row per recorded version, oldest first by id; the newest HISTORY_LIMIT are kept.
      CREATE TABLE ${SCHEMA}.dataset_versions (
        id bigserial PRIMARY KEY,
        version text NOT NULL,
        at timestamptz NOT NULL,
        by_id text NOT NULL,
        by_name text NOT NULL,
        action text NOT NULL,
        summary text,
        restores text,
        previous text
      );
      CREATE INDEX dataset_versions_version ON ${SCHEMA}.dataset_versions (version);
      -- The files of each version: names and the texts they point at.
      CREATE TABLE ${SCHEMA}.version_files (
        version_id bigint NOT NULL REFERENCES ${SCHEMA}.dataset_versions (id) ON DELETE CASCADE,
        file text NOT NULL,
        hash text NOT NULL REFERENCES ${SCHEMA}.article_texts (hash),
        PRIMARY KEY (version_id, file)
      );
      CREATE INDEX version_files_hash ON ${SCHEMA}.version_files (hash);
      -- The one live version: every process serves what this row points at.
      CREATE TABLE ${SCHEMA}.live_version (
        singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
        version_id bigint NOT NULL REFERENCES ${SCHEMA}.dataset_versions (id),
        version text NOT NULL,
        changed_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE TABLE ${SCHEMA}.pending_imports (
        token text PRIMARY KEY,
        pending jsonb NOT NULL,
        expires_at timestamptz NOT NULL
      );
      CREATE TABLE ${SCHEMA}.audit_log (
        id bigserial PRIMARY KEY,
        entry jsonb NOT NULL
      );
    `,
  },
]);

/** Thrown when the database was migrated by a newer bot than this one: its schema may not be what this code expects. */
export class NewerSchemaError extends Error {
  override readonly name = 'NewerSchemaError';
}

/**
 * Applies the migrations the database lacks, in one transaction under an advisory lock: processes starting together
 * migrate once, and a failed migration leaves the schema as it was. Returns the ids applied now.
 */
export async function migrate(client: PoolClient, lockKey: string, migrations: readonly Migration[] = MIGRATIONS): Promise<number[]> {
  await client.query('BEGIN');
  try {
    await client.query('SELECT pg_advisory_xact_lock($1::bigint)', [lockKey]);
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${SCHEMA}`);
    await client.query(
      `CREATE TABLE IF NOT EXISTS ${SCHEMA}.migrations (id integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`,
    );
    const { rows } = await client.query<{ id: number }>(`SELECT id FROM ${SCHEMA}.migrations ORDER BY id`);
    const done = new Set(rows.map((row) => row.id));
    const known = new Set(migrations.map((migration) => migration.id));
    const unknown = [...done].filter((id) => !known.has(id));
    if (unknown.length > 0) {
      throw new NewerSchemaError(
        `the database was migrated by a newer version of the bot (migration ${unknown.join(', ')} is unknown here): run that version, or a newer one`,
      );
    }
    const applied: number[] = [];
    for (const migration of migrations) {
      if (done.has(migration.id)) continue;
      await client.query(migration.sql);
      await client.query(`INSERT INTO ${SCHEMA}.migrations (id, name) VALUES ($1, $2)`, [migration.id, migration.name]);
      applied.push(migration.id);
    }
    await client.query('COMMIT');
    return applied;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}
