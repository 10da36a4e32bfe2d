import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DataLockBusyError } from '../../src/admin/lock.ts';
import { FileDataStore, hashesOf, versionOfFiles, type CommitStep, type DataStoreFaults } from '../../src/admin/file-store.ts';
import { EMPTY_VERSION, StaleChangeError, type DataChange } from '../../src/admin/store.ts';
import { BUNDLED_DATA_DIR } from '../../src/config.ts';
import { datasetVersion, hashText } from '../../src/data/dataset.ts';
import { loadDataDirectory, readArticleFiles } from '../../src/data/load.ts';
import { formatProblem, parseArticleFile } from '../../src/data/validate.ts';
import { killAllFixtures, killHard, startFixture } from './fixtures/processes.ts';

const NYT = 'articles/2025-11-07-nyt-post-soviet-leaders.json';
const REUTERS = 'articles/2025-11-08-reuters-uzbekistan-boeing.json';
const FT = 'articles/2025-11-09-ft-kazakhstan-tungsten.json';
const BLOOMBERG = 'articles/2025-11-10-bloomberg-kazakhstan-ai-chips.json';

/** Any JSON will do: the store guarantees atomicity, validation is the caller's job. */
function article(id: string, note: string): string {
  return `${JSON.stringify({ source: { id, publisher: 'test' }, note }, null, 2)}\n`;
}

const OLD: Readonly<Record<string, string>> = {
  [NYT]: article('nyt', 'leaders court Washington'),
  [REUTERS]: article('reuters', 'Uzbekistan buys Dreamliners'),
  [FT]: article('ft', 'Kazakhstan tungsten'),
};
/** The version of OLD, which a change made on OLD is prepared against. */
const OLD_VERSION = versionOfFiles(hashesOf(Object.entries(OLD).map(([file, text]) => ({ file, text }))));
/** Two files written (one replaced, one new) and one removed. */
const CHANGE: DataChange = {
  base: OLD_VERSION,
  write: [
    { file: REUTERS, text: article('reuters', 'Uzbekistan buys 22 Dreamliners, $8 billion') },
    { file: BLOOMBERG, text: article('bloomberg', 'AI chips for Kazakhstan') },
  ],
  remove: [FT],
};
const NEW: Readonly<Record<string, string>> = {
  [NYT]: OLD[NYT] ?? '',
  [REUTERS]: CHANGE.write[0]?.text ?? '',
  [BLOOMBERG]: CHANGE.write[1]?.text ?? '',
};
const MOD = { by: { id: '123456789012345678', name: 'mod' }, action: 'import' };
const STARTUP = { by: { id: '0', name: 'bot' }, action: 'startup' };

let tmp: string;
let dataDir: string;
let stateDir: string;

beforeEach(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'store-test-'));
  dataDir = path.join(tmp, 'data');
  stateDir = path.join(dataDir, '.state');
});

afterEach(async () => {
  await killAllFixtures();
  await rm(tmp, { recursive: true, force: true });
});

async function writeArticles(files: Readonly<Record<string, string>>): Promise<void> {
  await mkdir(path.join(dataDir, 'articles'), { recursive: true });
  for (const [file, text] of Object.entries(files)) await writeFile(path.join(dataDir, file), text);
}

/** Everything in the articles folder, a directory (such as a left-over journal) shown as `<dir>`. */
async function articlesOnDisk(): Promise<Record<string, string>> {
  const folder = path.join(dataDir, 'articles');
  const files: Record<string, string> = {};
  for (const name of (await readdir(folder)).sort()) {
    const full = path.join(folder, name);
    files[`articles/${name}`] = (await stat(full)).isDirectory() ? '<dir>' : await readFile(full, 'utf8');
  }
  return files;
}

/** Every file under the temp dir with its content, to prove that nothing was written. */
async function everythingOnDisk(dir = tmp): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    const full = path.join(entry.parentPath, entry.name);
    out[path.relative(tmp, full)] = entry.isDirectory() ? '<dir>' : await readFile(full, 'utf8');
  }
  return out;
}

function makeStore(faults?: DataStoreFaults, historyLimit = 10, lockTimeoutMs?: number): FileDataStore {
  return new FileDataStore({ dataDir, stateDir, historyLimit, ...(faults ? { faults } : {}), ...(lockTimeoutMs === undefined ? {} : { lockTimeoutMs }) });
}

async function objectsOnDisk(): Promise<string[]> {
  return (await readdir(path.join(stateDir, 'objects'))).sort();
}

/** A data dir holding OLD, recorded in history the way start-up does it. */
async function startWithOld(historyLimit = 10): Promise<{ store: FileDataStore; oldVersion: string }> {
  await writeArticles(OLD);
  const opened = makeStore(undefined, historyLimit);
  expect(await opened.recover()).toBe('clean');
  const record = await opened.recordVersion(await opened.readArticles(), STARTUP);
  return { store: opened, oldVersion: record.version };
}

class SimulatedCrash extends Error {}

describe('the dataset version', () => {
  it('given the bundled data, then the store computes the same version as the validated dataset', async () => {
    const result = await loadDataDirectory(BUNDLED_DATA_DIR);
    if (!result.ok) throw new Error(result.problems.map(formatProblem).join('\n'));
    expect(versionOfFiles(hashesOf(await readArticleFiles(BUNDLED_DATA_DIR)))).toBe(result.dataset.version);
  });

  it('given several files in any order, then the store mirrors datasetVersion exactly', async () => {
    const [bundled] = await readArticleFiles(BUNDLED_DATA_DIR);
    const parsed = bundled ? parseArticleFile(bundled).document : undefined;
    if (!parsed) throw new Error('the bundled article does not parse');
    const names = [FT, NYT, BLOOMBERG, REUTERS, 'articles/a.json', 'articles/a-b.json', 'articles/a_b.json', 'articles/a.b.json'];
    const documents = names.map((file, i) => ({ file, hash: hashText(`text ${i}`), article: parsed.article }));
    const hashes = Object.fromEntries(documents.map((document) => [document.file, document.hash]));
    expect(versionOfFiles(hashes)).toBe(datasetVersion(documents));
  });
});

describe('committing a change', () => {
  it('given two files written and one removed, then disk, history and objects show exactly the new dataset', async () => {
    const { store: opened, oldVersion } = await startWithOld();

    const record = await opened.commit(CHANGE, { ...MOD, summary: 'two articles' });

    expect(await articlesOnDisk()).toEqual(NEW);
    expect(record).toMatchObject({ action: 'import', by: MOD.by, summary: 'two articles', previous: oldVersion });
    expect(record.version).toBe(versionOfFiles(hashesOf(await readArticleFiles(dataDir))));
    expect(record.files).toEqual(Object.fromEntries(Object.entries(NEW).map(([file, text]) => [file, hashText(text)])));
    expect(new Date(record.at).toISOString()).toBe(record.at);
    expect((await makeStore().history()).map((item) => item.version)).toEqual([oldVersion, record.version]);
    // The unchanged NYT article is shared by both versions: 3 old objects + 2 new ones.
    expect(await objectsOnDisk()).toEqual(
      [...new Set([...Object.values(OLD), ...Object.values(NEW)].map(hashText))].map((hash) => `${hash}.json`).sort(),
    );
    expect(await objectsOnDisk()).toHaveLength(5);
  });

  it('given the bundled data with its article reformatted, then the recorded version is the one the validator computes', async () => {
    await cp(path.join(BUNDLED_DATA_DIR, 'articles'), path.join(dataDir, 'articles'), { recursive: true });
    const opened = makeStore();
    const [original] = await opened.readArticles();
    if (!original) throw new Error('no bundled article');
    const reformatted = `${JSON.stringify(JSON.parse(original.text), null, 4)}\n`;

    const record = await opened.commit({ write: [{ file: original.file, text: reformatted }], remove: [], base: await opened.liveVersion() }, MOD);

    const result = await loadDataDirectory(dataDir);
    expect(result.ok ? result.dataset.version : result.problems.map(formatProblem)).toBe(record.version);
    expect(await readFile(path.join(dataDir, original.file), 'utf8')).toBe(reformatted);
  });

  it('given two articles with the same text, then one object is stored', async () => {
    await writeArticles({});
    const text = article('same', 'identical text');
    await makeStore().commit({ write: [{ file: NYT, text }, { file: REUTERS, text }], remove: [], base: EMPTY_VERSION }, MOD);
    expect(await objectsOnDisk()).toEqual([`${hashText(text)}.json`]);
  });

  it('given a change that leaves the content as it is, then nothing is written and no second record is added', async () => {
    const { store: opened, oldVersion } = await startWithOld();
    const record = await opened.commit({ write: [{ file: NYT, text: OLD[NYT] ?? '' }], remove: [], base: oldVersion }, MOD);
    expect(record.version).toBe(oldVersion);
    expect(await opened.history()).toHaveLength(1);
    expect(await articlesOnDisk()).toEqual(OLD);
  });

  it('given a change prepared against a version that is no longer on disk, then it is refused as stale and nothing is written', async () => {
    const { store: opened, oldVersion } = await startWithOld();
    const other = await makeStore().commit({ write: [{ file: NYT, text: article('nyt', 'another process got there first') }], remove: [], base: oldVersion }, MOD);
    const before = await everythingOnDisk();

    const refused = opened.commit(CHANGE, MOD);

    await expect(refused).rejects.toThrow(StaleChangeError);
    await expect(refused).rejects.toMatchObject({ base: oldVersion, live: other.version });
    expect(await everythingOnDisk()).toEqual(before);
    expect(await opened.liveVersion()).toBe(other.version);
  });

  it('given an empty data directory, then its live version is the empty one, the base of a first change', async () => {
    await writeArticles({});
    expect(await makeStore().liveVersion()).toBe(EMPTY_VERSION);
  });

  it.each([
    ['../x.json'],
    ['articles/../../etc.json'],
    ['articles/.journal/x.json'],
    ['articles/sub/x.json'],
    ['articles/X.json'],
    ['/etc/passwd.json'],
    ['articles/x.txt'],
    ['x.json'],
  ])('given the file name %j, then the change is refused with a clear error and nothing is written', async (file) => {
    const { store: opened } = await startWithOld();
    const before = await everythingOnDisk();

    await expect(opened.commit({ write: [{ file, text: '{}' }], remove: [], base: OLD_VERSION }, MOD)).rejects.toThrow(
      /^refusing to touch ".*": article files are named articles\/<name>\.json/,
    );
    await expect(opened.commit({ write: [], remove: [file], base: OLD_VERSION }, MOD)).rejects.toThrow(/^refusing to touch/);
    expect(await everythingOnDisk()).toEqual(before);
  });

  it('given a file both written and removed, then the change is refused and nothing is written', async () => {
    const { store: opened } = await startWithOld();
    const before = await everythingOnDisk();
    await expect(opened.commit({ write: [{ file: FT, text: '{}' }], remove: [FT], base: OLD_VERSION }, MOD)).rejects.toThrow(/names .* twice/);
    expect(await everythingOnDisk()).toEqual(before);
  });
});

describe('a crash in the middle of a commit', () => {
  const name = (file: string): string => path.basename(file);
  // Every point the store offers, in order; the manifest rename between commit-manifest and apply is the commit point.
  const POINTS: readonly (readonly [CommitStep, string, 'old' | 'new', 'clean' | 'discarded' | 'rolled-forward'])[] = [
    ['write-pending', '-', 'old', 'clean'],
    ['write-pending', name(REUTERS), 'old', 'clean'],
    ['write-pending', name(BLOOMBERG), 'old', 'discarded'],
    ['commit-manifest', '-', 'old', 'discarded'],
    ['apply', '-', 'new', 'rolled-forward'],
    ['apply', name(REUTERS), 'new', 'rolled-forward'],
    ['apply', name(BLOOMBERG), 'new', 'rolled-forward'],
    ['apply', name(FT), 'new', 'rolled-forward'],
    ['cleanup', '-', 'new', 'rolled-forward'],
    ['record-history', '-', 'new', 'clean'],
  ];

  it('given the hooks of a two-written, one-removed change, then they are exactly the points tested below', async () => {
    await startWithOld();
    const seen: string[] = [];
    await makeStore({ before: (step, detail) => void seen.push(`${step} ${detail ?? '-'}`) }).commit(CHANGE, MOD);
    expect(seen).toEqual(POINTS.map(([step, detail]) => `${step} ${detail}`));
  });

  it.each(POINTS)('given a crash before %s %s, then after recovery the files are exactly the %s set', async (step, detail, expected, outcome) => {
    const { oldVersion } = await startWithOld();
    const crashing = makeStore({
      before(at, file) {
        if (at === step && (file ?? '-') === detail) throw new SimulatedCrash(`crash before ${at} ${detail}`);
      },
    });
    await expect(crashing.commit(CHANGE, MOD)).rejects.toThrow(SimulatedCrash);

    const restarted = makeStore();
    expect(await restarted.recover()).toBe(outcome);
    expect(await articlesOnDisk()).toEqual(expected === 'old' ? OLD : NEW);
    expect(await restarted.recover()).toBe('clean');
    const live = await restarted.readArticles();
    expect(Object.fromEntries(live.map((file) => [file.file, file.text]))).toEqual(expected === 'old' ? OLD : NEW);

    // History never got the new version; start-up records what is live, naming the version before it.
    expect((await restarted.history()).map((record) => record.version)).toEqual([oldVersion]);
    const recorded = await restarted.recordVersion(live, STARTUP);
    expect(recorded.version).toBe(versionOfFiles(hashesOf(live)));
    if (expected === 'new') expect(recorded.previous).toBe(oldVersion);
    expect(await restarted.filesOf(recorded.version)).toEqual(live);

    // And the next change goes through as if nothing had happened.
    await restarted.commit({ write: [], remove: [NYT], base: recorded.version }, MOD);
    expect(Object.keys(await articlesOnDisk())).not.toContain(NYT);
  });

  it('given a crash while recovering a committed change, then recovering again still gives the new set', async () => {
    await startWithOld();
    const crashAt = (step: CommitStep, detail: string) => ({
      before(at: CommitStep, file?: string) {
        if (at === step && (file ?? '-') === detail) throw new SimulatedCrash(`crash before ${at} ${detail}`);
      },
    });
    await expect(makeStore(crashAt('apply', path.basename(BLOOMBERG))).commit(CHANGE, MOD)).rejects.toThrow(SimulatedCrash);
    await expect(makeStore(crashAt('apply', path.basename(FT))).recover()).rejects.toThrow(SimulatedCrash);
    await expect(makeStore(crashAt('cleanup', '-')).recover()).rejects.toThrow(SimulatedCrash);

    expect(await makeStore().recover()).toBe('rolled-forward');
    expect(await articlesOnDisk()).toEqual(NEW);
  });

  it('given an unrecovered committed change, then a commit refuses (its base is gone) and a read finishes the change first', async () => {
    await startWithOld();
    const crashing = makeStore({
      before(at) {
        if (at === 'cleanup') throw new SimulatedCrash('crash before cleanup');
      },
    });
    await expect(crashing.commit(CHANGE, MOD)).rejects.toThrow(SimulatedCrash);

    const restarted = makeStore();
    await expect(restarted.commit({ write: [], remove: [NYT], base: OLD_VERSION }, MOD)).rejects.toThrow(/has not been recovered yet/);
    const live = await restarted.readArticles();
    expect(Object.fromEntries(live.map((file) => [file.file, file.text]))).toEqual(NEW);
    expect(await articlesOnDisk()).toEqual(NEW);
    expect(await restarted.recover()).toBe('clean');
  });

  it.each([
    ['commit-manifest', '-', 'old'],
    ['apply', path.basename(BLOOMBERG), 'new'],
  ] as const)('given a process SIGKILLed while hanging before %s %s, then recovery gives exactly the %s set', async (step, detail, expected) => {
    await startWithOld();
    const child = await startFixture('./commit-and-hang.ts', [dataDir, stateDir, step, detail, JSON.stringify(CHANGE)], 'ready');
    await killHard(child);

    const onDisk = await articlesOnDisk();
    if (expected === 'new') {
      // Killed mid-apply: the folder really is a mix until recovery.
      expect(onDisk[REUTERS]).toBe(NEW[REUTERS]);
      expect(onDisk[FT]).toBe(OLD[FT]);
    }
    // The dead process's lock file is still there: recovery takes it over.
    expect(existsSync(path.join(stateDir, 'lock'))).toBe(true);
    const restarted = makeStore();
    expect(await restarted.recover()).toBe(expected === 'new' ? 'rolled-forward' : 'discarded');
    expect(await articlesOnDisk()).toEqual(expected === 'old' ? OLD : NEW);
  });

  it('given another process in the middle of writing its pending files, then a shard starting up does not discard them', async () => {
    await startWithOld();
    const child = await startFixture('./commit-and-hang.ts', [dataDir, stateDir, 'write-pending', path.basename(BLOOMBERG), JSON.stringify(CHANGE)], 'ready');
    const pending = path.join(dataDir, 'articles', '.journal', `${path.basename(REUTERS)}.pending`);
    expect(existsSync(pending)).toBe(true);

    const starting = makeStore(undefined, 10, 300);
    await expect(starting.recover()).rejects.toThrow(DataLockBusyError);
    expect(existsSync(pending)).toBe(true);
    expect(await starting.readArticles()).toEqual(await readArticleFiles(dataDir));
    expect(await articlesOnDisk()).toMatchObject(OLD);
    await killHard(child);
  });

  it('given another process hanging in the middle of apply, then a reader waits for it and never returns the mix', async () => {
    await startWithOld();
    const child = await startFixture('./commit-and-hang.ts', [dataDir, stateDir, 'apply', path.basename(BLOOMBERG), JSON.stringify(CHANGE)], 'ready');

    const reader = makeStore(undefined, 10, 300);
    await expect(reader.readArticles()).rejects.toThrow(DataLockBusyError);
    await killHard(child);
    const live = await reader.readArticles();
    expect(Object.fromEntries(live.map((file) => [file.file, file.text]))).toEqual(NEW);
  });
});

describe('the journal', () => {
  it('given pending files without a manifest, then readers never see them and recovery discards them', async () => {
    const { store: opened } = await startWithOld();
    const journal = path.join(dataDir, 'articles', '.journal');
    await mkdir(journal);
    await writeFile(path.join(journal, `${path.basename(BLOOMBERG)}.pending`), article('bloomberg', 'half-written'));
    await writeFile(path.join(journal, 'stray.json'), article('stray', 'a .json inside the journal'));
    await writeFile(path.join(journal, 'manifest.json.tmp'), '{"write":["x.json"');

    const read = await readArticleFiles(dataDir);
    expect(read.map((file) => file.file)).toEqual(Object.keys(OLD).sort());
    expect(await opened.readArticles()).toEqual(read);

    expect(await makeStore().recover()).toBe('discarded');
    expect(await articlesOnDisk()).toEqual(OLD);
  });

  it('given nothing interrupted, then recover() reports clean and changes nothing', async () => {
    const { store: opened } = await startWithOld();
    const before = await everythingOnDisk();
    expect(await opened.recover()).toBe('clean');
    expect(await everythingOnDisk()).toEqual(before);
  });
});

describe('history', () => {
  it('given more changes than historyLimit, then only the newest are kept, unused objects go and filesOf returns exact texts', async () => {
    const { store: opened, oldVersion } = await startWithOld(3);
    const snapshots = new Map<string, Record<string, string>>([[oldVersion, { ...OLD }]]);
    let base = oldVersion;
    for (let i = 1; i <= 4; i += 1) {
      const record = await opened.commit({ write: [{ file: REUTERS, text: article('reuters', `revision ${i}`) }], remove: [], base }, MOD);
      base = record.version;
      snapshots.set(record.version, await articlesOnDisk());
    }

    const history = await opened.history();
    expect(history).toHaveLength(3);
    const all = [...snapshots.keys()];
    expect(history.map((record) => record.version)).toEqual(all.slice(-3));
    expect(history.map((record) => record.previous)).toEqual(all.slice(-4, -1));

    const kept = new Set(history.flatMap((record) => Object.values(record.files)));
    expect(await objectsOnDisk()).toEqual([...kept].map((hash) => `${hash}.json`).sort());
    for (const record of history) {
      const files = await opened.filesOf(record.version);
      expect(Object.fromEntries(files.map((file) => [file.file, file.text]))).toEqual(snapshots.get(record.version));
    }
    for (const pruned of all.slice(0, 2)) {
      await expect(opened.filesOf(pruned)).rejects.toThrow(`version ${pruned} is not kept: it is unknown or was pruned`);
    }
    await expect(opened.filesOf('0123456789ab')).rejects.toThrow(/not kept: it is unknown or was pruned \(history keeps the newest 3\)/);
  });

  it('given the same files recorded twice, then recordVersion returns the existing record and adds none', async () => {
    const { store: opened } = await startWithOld();
    const first = (await opened.history())[0];
    const again = await opened.recordVersion(await opened.readArticles(), { ...STARTUP, action: 'reload' });
    expect(again).toEqual(first);
    expect(await opened.history()).toHaveLength(1);
  });

  it('given files edited outside the bot, then recordVersion records them with the version before as previous', async () => {
    const { store: opened, oldVersion } = await startWithOld();
    await writeFile(path.join(dataDir, NYT), article('nyt', 'edited by hand'));
    const record = await opened.recordVersion(await opened.readArticles(), { ...MOD, action: 'reload' });
    expect(record).toMatchObject({ action: 'reload', previous: oldVersion });
    expect(await readFile(path.join(stateDir, 'objects', `${hashText(article('nyt', 'edited by hand'))}.json`), 'utf8')).toBe(
      article('nyt', 'edited by hand'),
    );
  });

  it('given a rollback to a kept version, then the restored files are byte for byte those of that version', async () => {
    const { store: opened, oldVersion } = await startWithOld();
    const changed = await opened.commit(CHANGE, MOD);
    const target = await opened.filesOf(oldVersion);
    const live = await opened.readArticles();
    const remove = live.map((file) => file.file).filter((file) => !target.some((kept) => kept.file === file));
    const record = await opened.commit({ write: target, remove, base: changed.version }, { ...MOD, action: 'rollback', restores: oldVersion });
    expect(record).toMatchObject({ version: oldVersion, restores: oldVersion, action: 'rollback' });
    expect(await articlesOnDisk()).toEqual(OLD);
  });
});

describe('the audit log', () => {
  it('given three entries, then the log holds three JSON lines and reads back newest last', async () => {
    const opened = makeStore();
    await opened.appendAudit({ action: 'import', by: 'mod', version: 'aaa' });
    await opened.appendAudit({ action: 'reload', by: 'mod', version: 'bbb' });
    await opened.appendAudit({ action: 'rollback', by: 'mod', version: 'ccc', at: '2025-11-07T00:00:00.000Z' });

    const lines = (await readFile(path.join(stateDir, 'audit.log'), 'utf8')).trimEnd().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines.map((line) => (JSON.parse(line) as { action: string }).action)).toEqual(['import', 'reload', 'rollback']);

    expect((await opened.readAudit()).map((entry) => entry.version)).toEqual(['aaa', 'bbb', 'ccc']);
    expect((await opened.readAudit(2)).map((entry) => entry.version)).toEqual(['bbb', 'ccc']);
    expect((await opened.readAudit(2))[1]?.at).toBe('2025-11-07T00:00:00.000Z');
    expect(typeof (await opened.readAudit(1))[0]?.at).toBe('string');
  });

  it('given a line torn by a crash mid-append, then the entries around it still read back', async () => {
    const opened = makeStore();
    await opened.appendAudit({ version: 'aaa' });
    await writeFile(path.join(stateDir, 'audit.log'), '{"version":"tor', { flag: 'a' });
    await opened.appendAudit({ version: 'bbb' });
    await opened.appendAudit({ version: 'ccc' });
    expect((await opened.readAudit()).map((entry) => entry.version)).toEqual(['aaa', 'bbb', 'ccc']);
    expect((await readFile(path.join(stateDir, 'audit.log'), 'utf8')).split('\n')[1]).toBe('{"version":"tor');
  });

  it('given no log yet, then reading gives an empty list', async () => {
    expect(await makeStore().readAudit()).toEqual([]);
  });
});

describe('damage and failing disks', () => {
  it('given garbage in history.json, then history() names the file, and setAsideHistory keeps it aside and starts again from what was readable', async () => {
    const { store: opened, oldVersion } = await startWithOld();
    const record = await opened.commit(CHANGE, MOD);
    const historyFile = path.join(stateDir, 'history.json');
    const [first, second] = JSON.parse(await readFile(historyFile, 'utf8')) as unknown[];
    await writeFile(historyFile, JSON.stringify([first, { version: 'torn' }, second]));

    await expect(opened.history()).rejects.toMatchObject({ name: 'StoreProblem', kind: 'damaged', path: historyFile });
    const { setAsideAs, kept } = await opened.setAsideHistory();

    expect(kept).toBe(2);
    expect(path.dirname(setAsideAs)).toBe(stateDir);
    expect(path.basename(setAsideAs)).toMatch(/^history\.json\.damaged-\d{4}-\d\d-\d\dT/);
    expect(await readFile(setAsideAs, 'utf8')).toContain('"torn"');
    expect((await opened.history()).map((item) => item.version)).toEqual([oldVersion, record.version]);
  });

  it('given a history object changed on disk, then filesOf says which version and file cannot be restored', async () => {
    const { store: opened, oldVersion } = await startWithOld();
    await opened.commit(CHANGE, MOD);
    await writeFile(path.join(stateDir, 'objects', `${hashText(OLD[FT] ?? '')}.json`), 'tampered');
    await expect(opened.filesOf(oldVersion)).rejects.toMatchObject({
      kind: 'damaged',
      message: expect.stringMatching(new RegExp(`^version ${oldVersion} cannot be restored: its copy of ${FT} was changed on disk`)) as unknown,
    });
  });

  it('given a damaged journal manifest, then recovery refuses to guess and names the manifest', async () => {
    await writeArticles(OLD);
    await mkdir(path.join(dataDir, 'articles', '.journal'));
    await writeFile(path.join(dataDir, 'articles', '.journal', 'manifest.json'), '{garbage');
    await expect(makeStore().recover()).rejects.toMatchObject({ kind: 'damaged', message: expect.stringContaining('the journal manifest') as unknown });
    expect(await articlesOnDisk()).toMatchObject(OLD);
  });

  it('given a pending import, then it is saved, read back, listed and removed; an unknown token is none', async () => {
    const opened = makeStore();
    const pending = { token: '0123456789abcdef', by: { id: '1', name: 'mod' }, file: 'articles/x.json', text: '{}', base: 'abc', expiresAt: '2030-01-01T00:00:00.000Z' };
    await opened.savePendingImport(pending);
    expect(await opened.readPendingImport(pending.token)).toEqual(pending);
    expect(await opened.pendingImportTokens()).toEqual([pending.token]);
    expect(await opened.removePendingImport(pending.token)).toBe(true);
    expect(await opened.removePendingImport(pending.token)).toBe(false);
    expect(await opened.readPendingImport('../../etc/passwd')).toBeUndefined();
  });

  it.skipIf(!existsSync('/dev/full'))('given an audit log on a full device (/dev/full), then appending fails with ENOSPC, a real one', async () => {
    await mkdir(stateDir, { recursive: true });
    await symlink('/dev/full', path.join(stateDir, 'audit.log'));
    await expect(makeStore().appendAudit({ action: 'import' })).rejects.toMatchObject({ code: 'ENOSPC' });
  });

  it('given a long audit log, then readAudit(limit) reads only its tail and returns the newest entries', async () => {
    const opened = makeStore();
    await mkdir(stateDir, { recursive: true });
    const lines = Array.from({ length: 3000 }, (_, i) => JSON.stringify({ n: i, padding: 'x'.repeat(100) }));
    await writeFile(path.join(stateDir, 'audit.log'), `${lines.join('\n')}\n`);
    expect((await opened.readAudit(3)).map((entry) => entry.n)).toEqual([2997, 2998, 2999]);
  });
});
