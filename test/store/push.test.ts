// `npm run data:push -- <dir>`: a data directory loaded into the database as the new live version, validated as a
// whole and audited, and picked up by a running process; refused with its problems listed when invalid.
import { spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { PgDataStore } from '../../src/store/postgres/pg-store.ts';
import { pushMessages, runPush } from '../../src/store/push-cli.ts';
import { noPostgres, usePostgres, waitUntil } from '../support/postgres.ts';
import { oneQuoteArticle } from '../support/articles.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const postgres = usePostgres();

/** Runs `npm run data:push -- <dir>` as npm would (tsx on the CLI), and collects how it ended. */
function push(dir: string, env: NodeJS.ProcessEnv): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/store/push-cli.ts', dir], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.once('error', reject);
    child.once('exit', (code) => {
      resolve({ code, stdout, stderr });
    });
  });
}

const PUSHED = oneQuoteArticle({
  source: 'test-push',
  published: '2026-01-12',
  subject: 'Push test',
  person: { id: 'ainur-pushova', name: 'Ainur Pushova' },
  quote: { id: 'q-pushova', text: 'Pushed from the command line.' },
});

describe('npm run data:push', () => {
  it('given no DATABASE_URL, then it says it needs one and pushes nothing', async () => {
    let stderr = '';
    const code = await runPush([], { env: {}, stdout: process.stdout, stderr: { write: (text: string) => ((stderr += text), true) } as NodeJS.WritableStream });
    expect(code).toBe(1);
    expect(stderr).toBe(`${pushMessages.needsDatabase}\n`);
  });

  describe.skipIf(noPostgres)('into PostgreSQL', () => {
    it('given a valid directory, then it becomes the live version, audited, and a running process serves it; pushed again, nothing changes', async () => {
      const url = await postgres.database();
      const seeded = await postgres.bundledData();
      const app = postgres.closeAfter(await createApp(loadConfig({ DATA_DIR: seeded, DATABASE_URL: url }), pino({ level: 'silent' })));
      const seedVersion = app.live.current.dataset.version;
      const dir = await postgres.bundledData();
      await writeFile(path.join(dir, 'articles', '2026-01-12-test-push.json'), `${JSON.stringify(PUSHED, null, 2)}\n`);

      const pushed = await push(dir, { DATABASE_URL: url });

      expect(pushed.stderr).toBe('');
      expect(pushed.code).toBe(0);
      expect(pushed.stdout).toMatch(new RegExp(`^Pushed ${dir} to postgres://postgres@127\\.0\\.0\\.1:\\d+/newsdesk_test_\\d+: version ${seedVersion} → \\w{12} is live \\(.+\\)\\. Every running process of the bot loads it now\\.\\n$`));
      await waitUntil(() => app.live.current.search.search('Pushova').length > 0, 2000, 'the running process to serve the push');
      expect(app.dataAdmin.exportFiles('test-push').map((file) => JSON.parse(file.text) as unknown)).toMatchObject([PUSHED]);
      const store = await PgDataStore.open({ url, historyLimit: 10, logger: pino({ level: 'silent' }) });
      try {
        expect((await store.history()).map((record) => record.action)).toEqual(['seed', 'push']);
        expect((await store.readAudit()).map((entry) => [entry.action, entry.outcome, entry.from])).toEqual([
          ['seed', 'applied', 'e3b0c44298fc'],
          ['push', 'applied', seedVersion],
        ]);
      } finally {
        await store.close();
      }

      const again = await push(dir, { DATABASE_URL: url });
      expect(again.code).toBe(0);
      expect(again.stdout).toBe(`${pushMessages.unchanged(app.live.current.dataset.version, (await app.dataAdmin.status()).storage)}\n`);
    }, 30_000);

    it('given a directory whose articles do not validate together, then nothing is pushed and each problem is listed', async () => {
      const url = await postgres.database();
      const seeded = await postgres.bundledData();
      const app = postgres.closeAfter(await createApp(loadConfig({ DATA_DIR: seeded, DATABASE_URL: url }), pino({ level: 'silent' })));
      const before = app.live.current.dataset.version;
      const dir = await postgres.bundledData();
      await writeFile(path.join(dir, 'articles', 'a-first.json'), JSON.stringify(PUSHED));
      await writeFile(path.join(dir, 'articles', 'b-twice.json'), JSON.stringify({ ...PUSHED, source: { ...PUSHED.source, id: 'test-push-2' }, quotes: [] }));
      await writeFile(path.join(dir, 'articles', 'c-broken.json'), '{ not json');

      const pushed = await push(dir, { DATABASE_URL: url });

      expect(pushed.code).toBe(1);
      expect(pushed.stdout).toBe('');
      const lines = pushed.stderr.trimEnd().split('\n');
      expect(lines[0]).toBe(`Nothing was pushed. The data in ${dir} is not valid:`);
      expect(lines.some((line) => line.startsWith('articles/b-twice.json: entities[0].id: duplicate id "ainur-pushova"'))).toBe(true);
      expect(lines.some((line) => line.startsWith('articles/c-broken.json'))).toBe(true);
      const store = await PgDataStore.open({ url, historyLimit: 10, logger: pino({ level: 'silent' }) });
      try {
        expect(await store.liveVersion()).toBe(before);
        expect((await store.history()).map((record) => record.action)).toEqual(['seed']);
      } finally {
        await store.close();
      }
    }, 30_000);
  });
});
