// Several bot processes on one PostgreSQL database, as real OS processes: two confirming at once, one killed in the
// middle of a commit, and a change reaching another process.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.ts';
import { EMPTY_VERSION, type DataChange } from '../../src/admin/store.ts';
import { loadConfig } from '../../src/config.ts';
import { SCHEMA } from '../../src/store/postgres/migrations.ts';
import { PgDataStore } from '../../src/store/postgres/pg-store.ts';
import { killHard, nextLine, startFixture } from '../admin/fixtures/processes.ts';
import { raceToConfirm, writeRaceArticles } from '../admin/fixtures/race.ts';
import { noPostgres, usePostgres, waitUntil } from '../support/postgres.ts';
import { oneQuoteArticle } from '../support/articles.ts';

const MOD = { id: '400000000000000004', name: 'mod' };
const silent = pino({ level: 'silent' });
const postgres = usePostgres();

/** A new database, and a copy of the bundled data to seed it from. */
async function setUp(): Promise<{ url: string; dataDir: string }> {
  return { url: await postgres.database(), dataDir: await postgres.bundledData() };
}

async function openStore(url: string, lockTimeoutMs?: number): Promise<PgDataStore> {
  return postgres.closeAfter(await PgDataStore.open({ url, historyLimit: 10, logger: silent, ...(lockTimeoutMs === undefined ? {} : { lockTimeoutMs }) }));
}

async function count(url: string, table: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: string }>(`SELECT count(*) AS n FROM ${SCHEMA}.${table}`);
    return Number(rows[0]?.n);
  } finally {
    await client.end();
  }
}

describe.skipIf(noPostgres)('bot processes sharing one PostgreSQL database', () => {
  it('given two processes confirming imports that add the same entity id at once, then one applies, the other is told to retry, and never both', async () => {
    const { url, dataDir } = await setUp();
    const uploads = await writeRaceArticles(dataDir);

    const [applied, stale] = await raceToConfirm(dataDir, uploads, { DATABASE_URL: url });

    expect(applied.kind).toBe('applied');
    expect(stale).toEqual({ kind: 'stale', since: applied.serving, serving: applied.serving });
    const app = postgres.closeAfter(await createApp(loadConfig({ DATA_DIR: dataDir, DATABASE_URL: url }), silent));
    expect(app.live.current.dataset.version).toBe(applied.serving);
    expect(app.live.current.dataset.entities.filter((entity) => entity.id === 'aigerim-racer')).toHaveLength(1);
    const store = await openStore(url);
    expect((await store.history()).map((record) => record.action)).toEqual(['seed', 'import']);
    // The loser may hear of the winner's change before its own turn (refused before committing) or only at commit.
    const confirms = (await store.readAudit()).filter((entry) => entry.action === 'confirm' && entry.outcome !== 'committing');
    expect(confirms.map((entry) => entry.outcome).sort()).toEqual(['applied', 'stale']);
  }, 60_000);

  describe('a process killed in the middle of a commit', () => {
    const OLD = { write: [{ file: 'articles/a.json', text: '{"v":"old a"}' }, { file: 'articles/b.json', text: '{"v":"old b"}' }], remove: [], base: EMPTY_VERSION };

    it.each([
      ['write-texts', 'old'],
      ['write-version', 'old'],
      ['move-live', 'old'],
      ['commit', 'old'],
      ['committed', 'new'],
    ] as const)('given a SIGKILL before %s, then the database holds exactly the %s version and the next change goes through at once', async (step, expected) => {
      const { url } = await setUp();
      const store = await openStore(url, 2000);
      const old = await store.commit(OLD, { by: MOD, action: 'import' });
      const change: DataChange = { write: [{ file: 'articles/a.json', text: '{"v":"new a"}' }, { file: 'articles/c.json', text: '{"v":"new c"}' }], remove: ['articles/b.json'], base: old.version };
      const before = { versions: await count(url, 'dataset_versions'), texts: await count(url, 'article_texts') };

      const child = await startFixture(new URL('./fixtures/pg-commit-and-hang.ts', import.meta.url), [url, step, JSON.stringify(change)], 'ready');
      // While it hangs, a reader sees the old version whole.
      if (expected === 'old') expect((await store.readArticles()).map((file) => file.text)).toEqual(['{"v":"old a"}', '{"v":"old b"}']);
      await killHard(child);

      const live = (await store.readArticles()).map((file) => `${file.file} ${file.text}`);
      if (expected === 'old') {
        expect(live).toEqual(['articles/a.json {"v":"old a"}', 'articles/b.json {"v":"old b"}']);
        expect(await store.liveVersion()).toBe(old.version);
        expect({ versions: await count(url, 'dataset_versions'), texts: await count(url, 'article_texts') }).toEqual(before);
      } else {
        expect(live).toEqual(['articles/a.json {"v":"new a"}', 'articles/c.json {"v":"new c"}']);
        expect((await store.history()).map((record) => record.previous)).toEqual([EMPTY_VERSION, old.version]);
      }
      // The dead process's lock went with its connection: a change with a 2 s lock timeout does not wait for it.
      const next = await store.commit({ write: [{ file: 'articles/d.json', text: '{"v":"d"}' }], remove: [], base: await store.liveVersion() }, { by: MOD, action: 'import' });
      expect(await store.liveVersion()).toBe(next.version);
    }, 30_000);
  });

  it('given an import confirmed in one process, then another process serves it within a second', async () => {
    const { url, dataDir } = await setUp();
    const app = postgres.closeAfter(await createApp(loadConfig({ DATA_DIR: dataDir, DATABASE_URL: url }), silent));
    const follower = await startFixture(new URL('./fixtures/follow-live.ts', import.meta.url), [dataDir, 'Notified'], `serving ${app.live.current.dataset.version} found 0`, { DATABASE_URL: url });
    const upload = path.join(dataDir, 'upload.json');
    await writeFile(
      upload,
      JSON.stringify(
        oneQuoteArticle({
          source: 'test-notify',
          published: '2026-01-10',
          subject: 'Notify test',
          person: { id: 'dana-notified', name: 'Dana Notified' },
          quote: { id: 'q-notified', text: 'Heard everywhere at once.' },
        }),
      ),
    );
    const preview = await app.dataAdmin.prepareImport({ id: '1', filename: 'upload.json', size: 1, url: pathToFileURL(upload).href, contentType: 'application/json' }, MOD, true);
    if (preview.kind !== 'preview') throw new Error('expected a preview');
    const served = nextLine(follower, (line) => line.startsWith(`serving ${preview.after.version}`));

    const result = await app.dataAdmin.confirmImport(preview.token, MOD);
    const confirmedAt = performance.now();

    expect(result.kind).toBe('applied');
    const line = await Promise.race([served, waitUntil(() => performance.now() - confirmedAt > 1000, 1500, 'a second').then(() => 'not within a second')]);
    expect(line).toMatch(/^serving \w+ found [1-9]/);
  }, 30_000);
});
