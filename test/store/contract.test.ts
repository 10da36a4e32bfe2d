// The contract every data store keeps, run against the files (FileDataStore) and PostgreSQL (PgDataStore) alike: the
// admin flows never know which one they talk to, so both must answer the same way.
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { FileDataStore } from '../../src/admin/file-store.ts';
import { DataLockBusyError } from '../../src/admin/lock.ts';
import { EMPTY_VERSION, hashesOf, StaleChangeError, versionOfFiles, type DataStore } from '../../src/admin/store.ts';
import { PgDataStore } from '../../src/store/postgres/pg-store.ts';
import { noPostgres, usePostgres } from '../support/postgres.ts';

const A = 'articles/a.json';
const B = 'articles/b.json';
const C = 'articles/c.json';
const MOD = { by: { id: '123456789012345678', name: 'mod' }, action: 'import' };

/** Any text will do: a store keeps texts exactly, validation is the caller's job. */
function text(id: string, note: string): string {
  return `${JSON.stringify({ source: { id }, note }, null, 2)}\n`;
}

const silent = pino({ level: 'silent' });
const postgres = usePostgres();
const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

interface Kind {
  readonly name: string;
  readonly skip: boolean;
  /** A new empty store, and a way to open a second handle on the same storage (another process's view). */
  readonly open: (historyLimit?: number, lockTimeoutMs?: number) => Promise<{ store: DataStore; again: (lockTimeoutMs?: number) => Promise<DataStore> }>;
}

const KINDS: readonly Kind[] = [
  {
    name: 'files',
    skip: false,
    open: async (historyLimit = 10, lockTimeoutMs) => {
      const dataDir = await mkdtemp(path.join(os.tmpdir(), 'newsdesk-contract-'));
      dirs.push(dataDir);
      await mkdir(path.join(dataDir, 'articles'));
      const make = async (timeout = lockTimeoutMs): Promise<DataStore> => {
        return Promise.resolve(new FileDataStore({ dataDir, stateDir: path.join(dataDir, '.state'), historyLimit, ...(timeout === undefined ? {} : { lockTimeoutMs: timeout }) }));
      };
      return { store: await make(), again: make };
    },
  },
  {
    name: 'PostgreSQL',
    skip: noPostgres,
    open: async (historyLimit = 10, lockTimeoutMs) => {
      const url = await postgres.database();
      const make = async (timeout = lockTimeoutMs): Promise<DataStore> =>
        postgres.closeAfter(await PgDataStore.open({ url, historyLimit, logger: silent, ...(timeout === undefined ? {} : { lockTimeoutMs: timeout }) }));
      return { store: await make(), again: make };
    },
  },
];

async function liveTexts(store: DataStore): Promise<Record<string, string>> {
  return Object.fromEntries((await store.readArticles()).map((file) => [file.file, file.text]));
}

describe.each(KINDS)('the $name store', (kind) => {
  describe.skipIf(kind.skip)('keeps the contract', () => {
    it('given nothing yet, then it is empty: the empty version, no articles, no history, no audit', async () => {
      const { store } = await kind.open();
      expect(await store.liveVersion()).toBe(EMPTY_VERSION);
      expect(await store.readArticles()).toEqual([]);
      expect(await store.history()).toEqual([]);
      expect(await store.readAudit()).toEqual([]);
      expect(store.health()).toEqual({ ok: true });
    });

    it('given a first change and a second one, then the live files, versions and history are exactly theirs', async () => {
      const { store } = await kind.open();
      const first = await store.commit({ write: [{ file: B, text: text('b', 'one') }, { file: A, text: text('a', 'one') }], remove: [], base: EMPTY_VERSION }, MOD);
      const second = await store.commit({ write: [{ file: C, text: text('c', 'new') }, { file: A, text: text('a', 'two') }], remove: [B], base: first.version }, { ...MOD, summary: 'a changed, b out, c in' });

      expect(await liveTexts(store)).toEqual({ [A]: text('a', 'two'), [C]: text('c', 'new') });
      expect((await store.readArticles()).map((file) => file.file)).toEqual([A, C]);
      expect(await store.liveVersion()).toBe(second.version);
      expect(second.version).toBe(versionOfFiles(hashesOf(await store.readArticles())));
      expect(first.previous).toBe(EMPTY_VERSION);
      expect(second).toMatchObject({ previous: first.version, summary: 'a changed, b out, c in', action: 'import', by: MOD.by });
      expect((await store.history()).map((record) => record.version)).toEqual([first.version, second.version]);
      expect(await store.filesOf(first.version)).toEqual([
        { file: A, text: text('a', 'one') },
        { file: B, text: text('b', 'one') },
      ]);
    });

    it('given a change prepared against a version no longer live, then it is refused as stale and nothing changes', async () => {
      const { store, again } = await kind.open();
      const base = await store.commit({ write: [{ file: A, text: text('a', 'one') }], remove: [], base: EMPTY_VERSION }, MOD);
      const other = await (await again()).commit({ write: [{ file: B, text: text('b', 'first') }], remove: [], base: base.version }, MOD);

      const refused = store.commit({ write: [{ file: C, text: text('c', 'late') }], remove: [], base: base.version }, MOD);

      await expect(refused).rejects.toThrow(StaleChangeError);
      await expect(refused).rejects.toMatchObject({ base: base.version, live: other.version });
      expect(await liveTexts(store)).toEqual({ [A]: text('a', 'one'), [B]: text('b', 'first') });
      expect((await store.history()).map((record) => record.version)).toEqual([base.version, other.version]);
    });

    it('given a change that leaves the content as it is, then the newest record is returned and none is added', async () => {
      const { store } = await kind.open();
      const first = await store.commit({ write: [{ file: A, text: text('a', 'one') }], remove: [], base: EMPTY_VERSION }, MOD);
      expect(await store.commit({ write: [{ file: A, text: text('a', 'one') }], remove: [], base: first.version }, MOD)).toEqual(first);
      expect(await store.recordVersion(await store.readArticles(), { ...MOD, action: 'reload' })).toEqual(first);
      expect(await store.history()).toHaveLength(1);
    });

    it('given more changes than the history limit, then the newest are kept and the others cannot be restored', async () => {
      const { store } = await kind.open(3);
      const versions: string[] = [];
      let base = EMPTY_VERSION;
      for (let i = 1; i <= 5; i += 1) {
        base = (await store.commit({ write: [{ file: A, text: text('a', `revision ${String(i)}`) }], remove: [], base }, MOD)).version;
        versions.push(base);
      }
      expect((await store.history()).map((record) => record.version)).toEqual(versions.slice(-3));
      expect(await store.filesOf(versions[2] ?? '')).toEqual([{ file: A, text: text('a', 'revision 3') }]);
      await expect(store.filesOf(versions[1] ?? '')).rejects.toThrow(`version ${versions[1] ?? ''} is not kept: it is unknown or was pruned (history keeps the newest 3)`);
    });

    it('given a rollback to a kept version, then its files come back byte for byte and the record says what it restores', async () => {
      const { store } = await kind.open();
      const old = await store.commit({ write: [{ file: A, text: text('a', 'old') }, { file: B, text: text('b', 'old') }], remove: [], base: EMPTY_VERSION }, MOD);
      const changed = await store.commit({ write: [{ file: A, text: text('a', 'new') }], remove: [B], base: old.version }, MOD);
      const target = await store.filesOf(old.version);
      const record = await store.commit({ write: target, remove: [], base: changed.version }, { ...MOD, action: 'rollback', restores: old.version });
      expect(record).toMatchObject({ version: old.version, restores: old.version, previous: changed.version, action: 'rollback' });
      expect(await liveTexts(store)).toEqual({ [A]: text('a', 'old'), [B]: text('b', 'old') });
    });

    it.each([['../x.json'], ['articles/../../etc.json'], ['articles/X.json'], ['x.json']])('given the file name %j, then the change is refused and nothing is written', async (file) => {
      const { store } = await kind.open();
      await expect(store.commit({ write: [{ file, text: '{}' }], remove: [], base: EMPTY_VERSION }, MOD)).rejects.toThrow(/^refusing to touch/);
      await expect(store.commit({ write: [{ file: A, text: '{}' }], remove: [A], base: EMPTY_VERSION }, MOD)).rejects.toThrow(/names .* twice/);
      expect(await store.history()).toEqual([]);
    });

    it('given a pending import, then it is saved, replaced, read back, listed and removed', async () => {
      const { store } = await kind.open();
      const pending = { token: '0123456789abcdef', by: { id: '1', name: 'mod' }, file: A, text: '{}', base: 'abc', expiresAt: '2030-01-01T00:00:00.000Z' };
      await store.savePendingImport(pending);
      await store.savePendingImport({ ...pending, base: 'def' });
      expect(await store.readPendingImport(pending.token)).toEqual({ ...pending, base: 'def' });
      expect(await store.pendingImportTokens()).toEqual([pending.token]);
      expect(await store.removePendingImport(pending.token)).toBe(true);
      expect(await store.removePendingImport(pending.token)).toBe(false);
      expect(await store.readPendingImport(pending.token)).toBeUndefined();
    });

    it('given audit entries, then they read back newest last, with `at` added unless given', async () => {
      const { store } = await kind.open();
      await store.appendAudit({ action: 'import', version: 'aaa' });
      await store.appendAudit({ action: 'reload', version: 'bbb' });
      await store.appendAudit({ action: 'rollback', version: 'ccc', at: '2025-11-07T00:00:00.000Z' });
      expect((await store.readAudit()).map((entry) => entry.version)).toEqual(['aaa', 'bbb', 'ccc']);
      expect((await store.readAudit(2)).map((entry) => entry.version)).toEqual(['bbb', 'ccc']);
      expect((await store.readAudit(1))[0]?.at).toBe('2025-11-07T00:00:00.000Z');
      expect(typeof (await store.readAudit())[0]?.at).toBe('string');
    });

    it('given a change holding the lock, then another handle waits for it, gives up clearly, and commits inside its own lock', async () => {
      const { store, again } = await kind.open(10, 300);
      const other = await again(300);
      let release = (): void => undefined;
      const holding = store.exclusive(
        () =>
          new Promise<void>((resolve) => {
            release = resolve;
          }),
      );
      await new Promise((resolve) => setTimeout(resolve, 100));
      await expect(other.exclusive(() => Promise.resolve('ran'))).rejects.toThrow(DataLockBusyError);
      release();
      await holding;
      const record = await other.exclusive(() => other.commit({ write: [{ file: A, text: text('a', 'one') }], remove: [], base: EMPTY_VERSION }, MOD));
      expect(await store.liveVersion()).toBe(record.version);
    });
  });
});
