// The database stopped under running processes (the real server, stopped and started with pg_ctl): lookups keep working
// from memory, health says degraded, changes are refused with a clear line, and everything recovers by itself.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/admin/admin.ts';
import { createApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { UserError } from '../../src/interaction/errors.ts';
import type { AttachmentInfo } from '../../src/interaction/types.ts';
import { postgresMessages } from '../../src/store/postgres/pg-store.ts';
import { noPostgres, usePostgres, waitUntil } from '../support/postgres.ts';
import { oneQuoteArticle } from '../support/articles.ts';

const MOD: Actor = { id: '400000000000000004', name: 'mod' };
// A cluster of this file's own: stopping it must not pull the database from under other test files.
const postgres = usePostgres();
afterEach(async () => {
  // A test that failed while the server was stopped leaves it stopped.
  if (!noPostgres) await postgres.cluster().start().catch(() => undefined);
});

describe.skipIf(noPostgres)('the database going away', () => {
  it('given the database stopped for a few seconds, then lookups work, health is degraded, changes are refused clearly, and it recovers by itself', async () => {
    const cluster = postgres.cluster();
    const dataDir = await postgres.bundledData();
    const config = loadConfig({ DATA_DIR: dataDir, DATABASE_URL: await postgres.database() });
    const first = postgres.closeAfter(await createApp(config, pino({ level: 'silent' })));
    const second = postgres.closeAfter(await createApp(config, pino({ level: 'silent' })));
    const upload = path.join(dataDir, 'upload.json');
    await writeFile(
      upload,
      JSON.stringify(
        oneQuoteArticle({
          source: 'test-outage',
          published: '2026-01-11',
          subject: 'Outage test',
          person: { id: 'timur-outagev', name: 'Timur Outagev' },
          quote: { id: 'q-outagev', text: 'Back on my own.' },
        }),
      ),
    );
    const attachment: AttachmentInfo = { id: '1', filename: 'upload.json', size: 1, url: pathToFileURL(upload).href, contentType: 'application/json' };
    const served = first.live.current.dataset.version;
    expect(first.dataAdmin.health()).toEqual({ ok: true });
    expect((await first.dataAdmin.status()).storage).toBe(config.databaseUrl);

    await cluster.stop();

    expect(first.live.current.search.search('Tokayev').length).toBeGreaterThan(0);
    const degraded = await waitUntil(() => !first.dataAdmin.health().ok && first.dataAdmin.health(), 2000, 'health to say degraded');
    expect(degraded.detail).toMatch(/^the database postgres:\/\/postgres@127\.0\.0\.1:\d+\/newsdesk_test_\d+ is out of reach since .*: this process serves version \w+ from memory and refuses data changes until it is back\.$/);
    expect(degraded.detail).toContain(`serves version ${served} from memory`);
    expect((await first.dataAdmin.status()).attention).toContain(degraded.detail);
    const refused = first.dataAdmin.prepareImport(attachment, MOD, true);
    await expect(refused).rejects.toThrow(UserError);
    await expect(refused).rejects.toThrow(/^Nothing was changed: the database postgres:\/\/postgres@127\.0\.0\.1:\d+\/newsdesk_test_\d+ cannot be reached \(ECONNREFUSED\)\. /);
    await expect(refused).rejects.toThrow(postgresMessages.remedy);
    await expect(first.dataAdmin.rollback(MOD)).rejects.toThrow(/^Nothing was changed: the database .* cannot be reached/);
    await new Promise((resolve) => setTimeout(resolve, 2000));
    expect(first.live.current.search.search('Tokayev').length).toBeGreaterThan(0);

    await cluster.start();

    await waitUntil(() => first.dataAdmin.health().ok && second.dataAdmin.health().ok, 15_000, 'health to recover');
    const preview = await first.dataAdmin.prepareImport(attachment, MOD, true);
    if (preview.kind !== 'preview') throw new Error('expected a preview');
    expect((await first.dataAdmin.confirmImport(preview.token, MOD)).kind).toBe('applied');
    await waitUntil(() => second.live.current.dataset.version === preview.after.version, 2000, 'the other process to load the change');
    expect(second.live.current.search.search('Outagev').length).toBeGreaterThan(0);
  }, 60_000);
});
