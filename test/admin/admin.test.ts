import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { writeFile } from 'node:fs/promises';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { adminMessages, DataAdmin, previousVersion, type Actor } from '../../src/admin/admin.ts';
import { FileDataStore, type CommitStep } from '../../src/admin/file-store.ts';
import { armedStore } from '../support/armed-store.ts';
import type { VersionRecord } from '../../src/admin/store.ts';
import { BUNDLED_DATA_DIR, loadConfig } from '../../src/config.ts';
import { validateArticleFiles } from '../../src/data/validate.ts';
import type { AttachmentInfo } from '../../src/interaction/types.ts';
import { buildSnapshot, LiveSnapshot } from '../../src/snapshot.ts';
import { oneQuoteArticle } from '../support/articles.ts';

const MOD: Actor = { id: '400000000000000004', name: 'mod' };
const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

const ARTICLE = oneQuoteArticle({
  source: 'test-admin',
  published: '2026-01-07',
  subject: 'Admin test',
  person: { id: 'saule-testova', name: 'Saule Testova' },
  quote: { id: 'q-testova', text: 'Atomic or nothing.' },
});

/** A DataAdmin on a copy of the bundled data, its store failing at `failAt` (once). */
async function setUp(failAt?: CommitStep) {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'newsdesk-admin-'));
  dirs.push(dataDir);
  await cp(path.join(BUNDLED_DATA_DIR, 'articles'), path.join(dataDir, 'articles'), { recursive: true });
  const config = loadConfig({ DATA_DIR: dataDir });
  // Armed once the admin has started: start-up records a version, which is a store write too.
  const faulty = armedStore(
    dataDir,
    failAt ?? 'apply',
    (self) => {
      self.armed = false;
      throw new Error(`injected crash before ${failAt ?? ''}`);
    },
    config.stateDir,
  );
  const store = faulty.store;
  const loaded = validateArticleFiles(await store.readArticles());
  if (!loaded.ok) throw new Error('bundled data does not load');
  const live = new LiveSnapshot(buildSnapshot(loaded.dataset));
  const admin = new DataAdmin({ config, live, store, logger: pino({ level: 'silent' }) });
  await admin.start();
  faulty.armed = failAt !== undefined;
  const upload = path.join(dataDir, 'upload.json');
  await writeFile(upload, JSON.stringify(ARTICLE));
  const attachment: AttachmentInfo = { id: '1', filename: 'upload.json', size: 1000, url: pathToFileURL(upload).href, contentType: 'application/json' };
  return { dataDir, config, store, live, admin, attachment };
}

describe('a change that fails while it is written', () => {
  it.each(['write-pending', 'commit-manifest'] as const)(
    'given a crash before %s (before the commit point), then the live data and the files stay as they were',
    async (step) => {
      const { admin, live, attachment, dataDir, config } = await setUp(step);
      const before = live.current.dataset.version;
      const preview = await admin.prepareImport(attachment, MOD, true);
      if (preview.kind !== 'preview') throw new Error('expected a preview');
      await expect(admin.confirmImport(preview.token, MOD)).rejects.toThrow(/injected crash/);
      expect(live.current.dataset.version).toBe(before);
      const restarted = new FileDataStore({ dataDir, stateDir: config.stateDir, historyLimit: 10 });
      await restarted.recover();
      const onDisk = validateArticleFiles(await restarted.readArticles());
      expect(onDisk.ok && onDisk.dataset.version).toBe(before);
    },
  );

  it.each(['apply', 'cleanup', 'record-history'] as const)(
    'given a crash before %s (after the commit point), then the change is durable and goes live',
    async (step) => {
      const { admin, live, attachment } = await setUp(step);
      const preview = await admin.prepareImport(attachment, MOD, true);
      if (preview.kind !== 'preview') throw new Error('expected a preview');
      const result = await admin.confirmImport(preview.token, MOD);
      expect(result.kind).toBe('applied');
      expect(live.current.dataset.version).toBe(preview.after.version);
      expect(live.current.search.search('Testova', { kinds: ['quote'] })).toHaveLength(1);
    },
  );
});

describe('two processes on one data directory', () => {
  it('given another process committed since this one loaded, then a rollback is refused as changed meanwhile and this one loads the live version', async () => {
    const { admin: first, attachment, config, dataDir } = await setUp();
    const confirm = async (admin: DataAdmin, upload: AttachmentInfo): Promise<string> => {
      const preview = await admin.prepareImport(upload, MOD, true);
      if (preview.kind !== 'preview') throw new Error('expected a preview');
      const result = await admin.confirmImport(preview.token, MOD);
      if (result.kind !== 'applied') throw new Error(`expected the import to apply, got ${result.kind}`);
      return result.after.version;
    };
    await confirm(first, attachment);
    const store = new FileDataStore({ dataDir, stateDir: config.stateDir, historyLimit: 10 });
    const loaded = validateArticleFiles(await store.readArticles());
    if (!loaded.ok) throw new Error('the data does not load');
    const secondLive = new LiveSnapshot(buildSnapshot(loaded.dataset));
    const second = new DataAdmin({ config, live: secondLive, store, logger: pino({ level: 'silent' }) });
    await second.start();
    const other = path.join(dataDir, 'other.json');
    await writeFile(other, JSON.stringify({ ...ARTICLE, source: { ...ARTICLE.source, id: 'test-other' }, entities: [], quotes: [] }));
    const live = await confirm(first, { ...attachment, url: pathToFileURL(other).href });

    await expect(second.rollback(MOD)).rejects.toThrow(adminMessages.changedMeanwhile(live));
    expect(secondLive.current.dataset.version).toBe(live);
    expect((await second.rollback(MOD)).kind).toBe('applied');
    await second.stop();
  });
});

describe('uploads from the terminal', () => {
  it('given a local file from an untrusted request, then it is refused', async () => {
    const { admin, attachment } = await setUp();
    await expect(admin.check(attachment, MOD, false)).rejects.toThrow('upload.json was not uploaded to Discord, so it was not downloaded.');
  });

  it('given a local file from the terminal, then it is validated', async () => {
    const { admin, attachment } = await setUp();
    expect((await admin.check(attachment, MOD, true)).kind).toBe('preview');
  });
});

describe('the version before the live one', () => {
  const record = (version: string, previous?: string, restores?: string): VersionRecord => ({
    version,
    files: {},
    at: '2026-01-01T00:00:00.000Z',
    by: { id: '1', name: 'x' },
    action: restores ? 'rollback' : 'import',
    ...(previous ? { previous } : {}),
    ...(restores ? { restores } : {}),
  });

  it('given imports A → B → C, then rollback steps C → B → A', () => {
    const history = [record('a'), record('b', 'a'), record('c', 'b')];
    expect(previousVersion(history, 'c')).toBe('b');
    expect(previousVersion([...history, record('b', 'c', 'b')], 'b')).toBe('a');
  });

  it('given the oldest kept version is live, then there is nothing to roll back to', () => {
    expect(previousVersion([record('b', 'a'), record('c', 'b')], 'b')).toBeUndefined();
  });

  it('given a rollback to the live version’s parent was pruned, then there is nothing to roll back to', () => {
    expect(previousVersion([record('a'), record('b', 'a')], 'zzz')).toBeUndefined();
  });
});

describe('the audit trail', () => {
  it('given a refused attempt, then it is appended to the audit log with who tried what', async () => {
    const { admin, config } = await setUp();
    await admin.refused({ id: '9', name: 'intruder', guildId: '8' }, '/data reload');
    const lines = (await readFile(path.join(config.stateDir, 'audit.log'), 'utf8')).trim().split('\n');
    expect(JSON.parse(lines.at(-1) ?? '{}')).toMatchObject({ action: 'refused', outcome: 'refused', by: { id: '9', name: 'intruder', guildId: '8' }, detail: '/data reload' });
  });
});
