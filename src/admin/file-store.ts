// The data store on files: atomic multi-file changes to the articles, kept versions, pending imports, the audit log.
//
// On disk:
//   DATA_DIR/articles/*.json                 the live dataset, one file per article (what readArticleFiles reads)
//   DATA_DIR/articles/.journal/              the redo journal of the change in progress; absent when none is.
//     <name>.pending                         the new text of articles/<name>, written and fsynced first
//     manifest.json                          { write: [names], remove: [names], version }; its rename is the commit point
//   STATE_DIR/objects/<sha256>.json          the exact text of one article file, content-addressed and never rewritten
//   STATE_DIR/history.json                   VersionRecord[], oldest first, the newest `historyLimit` kept; replaced atomically
//   STATE_DIR/history.json.damaged-<time>    a history that could not be read, set aside (setAsideHistory)
//   STATE_DIR/pending/<token>.json           an upload waiting for its uploader's Confirm
//   STATE_DIR/audit.log                      one JSON line per moderator action, append-only
//
// A commit: write-pending → commit-manifest → apply (rename each pending into place, unlink each removed file) →
// cleanup → record-history. A crash before the manifest is in place leaves the old files (recover() discards the
// pending ones); after it, recover() redoes `apply`, which is idempotent, so the new files win. Either way never a mix.
// commit, recordVersion and a recovery that has something to do take the data lock themselves (lock.ts; re-entrant,
// so free inside a caller's lock): a shard starting up must not discard the pending files of another shard's commit.
// Callers still hold the lock around read → validate → commit, so that what they validated is what they replace.
// A commit names the version it was prepared against (its base) and is refused when the files on disk are another
// version: two processes on one DATA_DIR that previewed against the same version never both apply their change.
import { randomUUID } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { hashText } from '../data/dataset.ts';
import { ARTICLE_FILE_NAME, ARTICLES_FOLDER, readArticleFiles } from '../data/load.ts';
import type { RawArticleFile } from '../data/validate.ts';
import { errorCode, exists, replaceDurably, syncDir, unlinkIfPresent, writeDurably } from './durable.ts';
import { withDataLock } from './lock.ts';
import { StoreProblem } from './problems.ts';
import {
  articleName,
  assertDistinct,
  byFile,
  hashesOf,
  PendingImportSchema,
  StaleChangeError,
  VersionRecordSchema,
  versionOfFiles,
  type ChangeMeta,
  type DataChange,
  type DataStore,
  type HistorySetAside,
  type PendingImport,
  type RecoveryOutcome,
  type StoreHealth,
  type VersionRecord,
} from './store.ts';

export { hashesOf, versionOfFiles } from './store.ts';

/** The points of a commit where a crash can happen; fault hooks are called before each. */
export type CommitStep = 'write-pending' | 'commit-manifest' | 'apply' | 'cleanup' | 'record-history';
/** Every point a fault hook can fail: a commit's steps, and the other writes of the store. */
export type StoreStep = CommitStep | 'save-pending-import' | 'append-audit' | 'set-aside-history';

export interface DataStoreFaults {
  /**
   * Called before each step, and before each file of `write-pending` and `apply` with the file name as `detail`. A
   * hook that throws simulates a crash there, or a failing disk when it throws an error with a code such as ENOSPC.
   */
  before?(step: StoreStep, detail?: string): void | Promise<void>;
}

export interface DataStoreOptions {
  readonly dataDir: string;
  readonly stateDir: string;
  /** How many versions history keeps (the live one included); older ones cannot be rolled back to. */
  readonly historyLimit: number;
  /** How long commit, recordVersion and recovery wait for the data lock (default 10 s, then DataLockBusyError). */
  readonly lockTimeoutMs?: number;
  /** Test hooks that simulate a crash at an exact point. */
  readonly faults?: DataStoreFaults;
}

const HistorySchema = z.array(VersionRecordSchema);
const ManifestSchema = z.object({ write: z.array(z.string()), remove: z.array(z.string()), version: z.string() });
type Manifest = z.infer<typeof ManifestSchema>;
const AuditEntrySchema = z.record(z.string(), z.unknown());

const JOURNAL_FOLDER = '.journal';
const MANIFEST = 'manifest.json';
const PENDING_SUFFIX = '.pending';
const SHA256 = /^[0-9a-f]{64}$/;
const PENDING_TOKEN = /^[0-9a-f]{16}$/;
/** How much of the end of the audit log readAudit(limit) reads: the log only grows, the newest lines are enough. */
const AUDIT_TAIL_BYTES = 256 * 1024;

/** The articles of a data directory, changed atomically, with earlier versions kept for rollback. */
export class FileDataStore implements DataStore {
  private readonly dataDir: string;
  private readonly stateDir: string;
  private readonly historyLimit: number;
  private readonly lockTimeoutMs: number | undefined;
  private readonly faults: DataStoreFaults;

  constructor(options: DataStoreOptions) {
    if (!Number.isInteger(options.historyLimit) || options.historyLimit < 1) {
      throw new Error(`historyLimit must be a whole number of at least 1 (got ${String(options.historyLimit)})`);
    }
    this.dataDir = options.dataDir;
    this.stateDir = options.stateDir;
    this.historyLimit = options.historyLimit;
    this.lockTimeoutMs = options.lockTimeoutMs;
    this.faults = options.faults ?? {};
  }

  private locked<T>(fn: () => Promise<T>): Promise<T> {
    return withDataLock(this.stateDir, fn, this.lockTimeoutMs === undefined ? {} : { timeoutMs: this.lockTimeoutMs });
  }

  /** Runs `work` holding the data lock (lock.ts): one change at a time across every process sharing STATE_DIR. */
  exclusive<T>(work: () => Promise<T>): Promise<T> {
    return this.locked(work);
  }

  get location(): string {
    return this.dataDir;
  }

  /** The version of the files in DATA_DIR now (a change found on the way is finished first). */
  async liveVersion(): Promise<string> {
    return versionOfFiles(hashesOf(await this.readArticles()));
  }

  /** Files cannot announce changes: a sharded bot's coordinator tells the other shards, and a commit checks its base. */
  watchLive(): undefined {
    return undefined;
  }

  health(): StoreHealth {
    return { ok: true };
  }

  async close(): Promise<void> {
    // Nothing is held open between calls.
  }

  private get articlesDir(): string {
    return path.join(this.dataDir, ARTICLES_FOLDER);
  }

  // Inside the articles folder, so that every rename of a pending file is within one filesystem and thus atomic.
  private get journalDir(): string {
    return path.join(this.articlesDir, JOURNAL_FOLDER);
  }

  private get objectsDir(): string {
    return path.join(this.stateDir, 'objects');
  }

  private get historyFile(): string {
    return path.join(this.stateDir, 'history.json');
  }

  private get auditFile(): string {
    return path.join(this.stateDir, 'audit.log');
  }

  private get pendingDir(): string {
    return path.join(this.stateDir, 'pending');
  }

  /** Finishes a change whose manifest was committed, or discards one that was not. Idempotent; call before reading. */
  async recover(): Promise<RecoveryOutcome> {
    // Nothing to look at needs no lock, so a read-only data directory starts without writing anything.
    if (!(await exists(this.journalDir))) return 'clean';
    return this.locked(() => this.recoverHoldingLock());
  }

  private async recoverHoldingLock(): Promise<RecoveryOutcome> {
    const manifest = await this.readManifest();
    if (manifest) {
      await this.apply(manifest);
      await this.cleanup();
      return 'rolled-forward';
    }
    let leftovers: string[];
    try {
      leftovers = await readdir(this.journalDir);
    } catch (error) {
      if (errorCode(error) === 'ENOENT') return 'clean';
      throw error;
    }
    await rm(this.journalDir, { recursive: true, force: true });
    await syncDir(this.articlesDir);
    // An empty journal is a change that finished but crashed before removing the folder.
    return leftovers.length > 0 ? 'discarded' : 'clean';
  }

  /**
   * The live article files, never a mix: a committed change found on the way is finished first. Hold the data lock
   * for a read that no other process can change halfway.
   */
  async readArticles(): Promise<RawArticleFile[]> {
    for (let attempt = 1; ; attempt += 1) {
      if (await this.readManifest()) await this.recover();
      const files = await readArticleFiles(this.dataDir);
      if (!(await this.readManifest())) return files;
      // Another process committed while we read: what we have may be half old, half new.
      if (attempt === 3) throw new Error('the articles kept changing while being read; try again in a moment');
    }
  }

  /**
   * Applies a change atomically through the journal, then records the new version in history and returns its record.
   * The caller has validated the resulting dataset; the store only guarantees that it is all or nothing.
   */
  async commit(change: DataChange, meta: ChangeMeta): Promise<VersionRecord> {
    const writes = change.write.map((file) => ({ name: articleName(file.file), file: file.file, text: file.text }));
    const removes = change.remove.map((file) => ({ name: articleName(file), file }));
    assertDistinct([...writes, ...removes].map((item) => item.file));
    return this.locked(() => this.commitHoldingLock(writes, removes, change.base, meta));
  }

  private async commitHoldingLock(
    writes: readonly { readonly name: string; readonly file: string; readonly text: string }[],
    removes: readonly { readonly name: string; readonly file: string }[],
    base: string,
    meta: ChangeMeta,
  ): Promise<VersionRecord> {
    await mkdir(this.articlesDir, { recursive: true });
    if (await this.readManifest()) {
      throw new Error('an interrupted data change has not been recovered yet; call recover() before committing another');
    }
    // Pending files without a manifest never reached the commit point.
    await this.recover();

    const live = await readArticleFiles(this.dataDir);
    const liveVersion = versionOfFiles(hashesOf(live));
    // Another process on this DATA_DIR may have committed since the change was prepared: what it validated is gone.
    if (liveVersion !== base) throw new StaleChangeError(base, liveVersion);
    const next = new Map(live.map((file) => [file.file, file.text]));
    for (const { file } of removes) next.delete(file);
    for (const { file, text } of writes) next.set(file, text);
    const nextFiles = [...next].map(([file, text]) => ({ file, text })).sort(byFile);
    const version = versionOfFiles(hashesOf(nextFiles));
    // Same content as live (say an import of an identical file): nothing to write, at most a record to add.
    if (version === liveVersion) return this.recordVersionHoldingLock(nextFiles, meta);

    const manifest: Manifest = { version, write: writes.map((item) => item.name), remove: removes.map((item) => item.name) };

    await this.faults.before?.('write-pending');
    await mkdir(this.journalDir, { recursive: true });
    await syncDir(this.articlesDir);
    for (const { name, text } of writes) {
      await this.faults.before?.('write-pending', name);
      await writeDurably(path.join(this.journalDir, name + PENDING_SUFFIX), text);
    }
    // Every pending file must be durable before the manifest says they exist: recovery reads a missing one as applied.
    await syncDir(this.journalDir);

    await this.faults.before?.('commit-manifest');
    const manifestFile = path.join(this.journalDir, MANIFEST);
    await writeDurably(`${manifestFile}.tmp`, JSON.stringify(manifest));
    await rename(`${manifestFile}.tmp`, manifestFile);
    await syncDir(this.journalDir);

    await this.apply(manifest);
    await this.cleanup();

    return this.addRecord(nextFiles, meta, liveVersion);
  }

  /** Records files already on disk as a version (start-up, a reload of edited files). No-op if it is the newest already. */
  async recordVersion(files: readonly RawArticleFile[], meta: ChangeMeta): Promise<VersionRecord> {
    return this.locked(() => this.recordVersionHoldingLock(files, meta));
  }

  private async recordVersionHoldingLock(files: readonly RawArticleFile[], meta: ChangeMeta): Promise<VersionRecord> {
    const history = await this.history();
    const newest = history.at(-1);
    if (newest?.version === versionOfFiles(hashesOf(files))) return newest;
    return this.addRecord(files, meta, newest?.version);
  }

  /** Every kept version record, oldest first; a damaged history.json is a StoreProblem of kind 'damaged'. */
  async history(): Promise<readonly VersionRecord[]> {
    const text = await this.readHistoryText();
    if (text === undefined) return [];
    const parsed = HistorySchema.safeParse(parseJson(text));
    if (!parsed.success) {
      throw new StoreProblem(
        'damaged',
        `the version history ${this.historyFile} is damaged (not a list of version records)`,
        'The bot sets it aside at the next change or start-up and starts a new one.',
        this.historyFile,
      );
    }
    return parsed.data;
  }

  /**
   * Renames a damaged history.json to history.json.damaged-<time> (kept for the operator) and writes a new one with
   * the records that could still be read. Objects the new history does not use are pruned at the next change.
   */
  async setAsideHistory(): Promise<HistorySetAside> {
    return this.locked(async () => {
      await this.faults.before?.('set-aside-history');
      const text = await this.readHistoryText();
      const parsed: unknown = text === undefined ? [] : parseJson(text);
      const kept = (Array.isArray(parsed) ? parsed : []).flatMap((item: unknown) => {
        const record = VersionRecordSchema.safeParse(item);
        return record.success ? [record.data] : [];
      });
      const setAsideAs = `${this.historyFile}.damaged-${new Date().toISOString().replace(/[:.]/g, '-')}`;
      if (text !== undefined) await rename(this.historyFile, setAsideAs);
      await replaceDurably(this.historyFile, `${JSON.stringify(kept.slice(-this.historyLimit), null, 2)}\n`);
      return { setAsideAs, kept: kept.length };
    });
  }

  private async readHistoryText(): Promise<string | undefined> {
    try {
      return await readFile(this.historyFile, 'utf8');
    } catch (error) {
      if (errorCode(error) === 'ENOENT') return undefined;
      throw error;
    }
  }

  /** The complete file set of a kept version, sorted by name, for a rollback or an export. */
  async filesOf(version: string): Promise<RawArticleFile[]> {
    const record = (await this.history()).find((item) => item.version === version);
    if (!record) {
      throw new Error(`version ${version} is not kept: it is unknown or was pruned (history keeps the newest ${this.historyLimit})`);
    }
    const files = await Promise.all(
      Object.entries(record.files).map(async ([file, hash]) => ({ file, text: await this.readObject(file, hash, version) })),
    );
    return files.sort(byFile);
  }

  async savePendingImport(pending: PendingImport): Promise<void> {
    await this.faults.before?.('save-pending-import', pending.token);
    await mkdir(this.pendingDir, { recursive: true });
    await replaceDurably(this.pendingFile(pending.token), JSON.stringify(pending));
  }

  async readPendingImport(token: string): Promise<PendingImport | undefined> {
    if (!PENDING_TOKEN.test(token)) return undefined;
    let text: string;
    try {
      text = await readFile(this.pendingFile(token), 'utf8');
    } catch {
      return undefined;
    }
    const parsed = PendingImportSchema.safeParse(parseJson(text));
    return parsed.success ? parsed.data : undefined;
  }

  async removePendingImport(token: string): Promise<boolean> {
    if (!PENDING_TOKEN.test(token) || !(await exists(this.pendingFile(token)))) return false;
    await unlinkIfPresent(this.pendingFile(token));
    return true;
  }

  async pendingImportTokens(): Promise<string[]> {
    let names: string[];
    try {
      names = await readdir(this.pendingDir);
    } catch (error) {
      if (errorCode(error) === 'ENOENT') return [];
      throw error;
    }
    return names.map((name) => name.replace(/\.json$/, '')).filter((token) => PENDING_TOKEN.test(token));
  }

  private pendingFile(token: string): string {
    return path.join(this.pendingDir, `${token}.json`);
  }

  /** Appends one JSON line to the audit log and fsyncs it; `at` is added unless the entry has one. */
  async appendAudit(entry: Record<string, unknown>): Promise<void> {
    await this.faults.before?.('append-audit');
    await mkdir(this.stateDir, { recursive: true });
    const handle = await open(this.auditFile, 'a+');
    try {
      const { size } = await handle.stat();
      const last = size > 0 ? (await handle.read(Buffer.alloc(1), 0, 1, size - 1)).buffer.toString('utf8') : '\n';
      // After a line torn by a crash, start a new line so that this entry is not glued to the fragment.
      const start = last === '\n' ? '' : '\n';
      await handle.appendFile(`${start}${JSON.stringify({ at: new Date().toISOString(), ...entry })}\n`);
      await handle.sync();
    } finally {
      await handle.close();
    }
  }

  /** The last `limit` audit entries (all when omitted), newest last; with a limit only the log's tail is read. */
  async readAudit(limit?: number): Promise<Record<string, unknown>[]> {
    let text: string;
    try {
      text = limit === undefined ? await readFile(this.auditFile, 'utf8') : await readTail(this.auditFile, AUDIT_TAIL_BYTES);
    } catch (error) {
      if (errorCode(error) === 'ENOENT') return [];
      throw error;
    }
    const entries: Record<string, unknown>[] = [];
    for (const line of text.split('\n')) {
      // A line torn by a crash mid-append is skipped rather than hiding every entry after it.
      const parsed = AuditEntrySchema.safeParse(line.trim() ? parseJson(line) : undefined);
      if (parsed.success) entries.push(parsed.data);
    }
    return limit === undefined ? entries : entries.slice(Math.max(0, entries.length - limit));
  }

  private async readManifest(): Promise<Manifest | undefined> {
    let text: string;
    try {
      text = await readFile(path.join(this.journalDir, MANIFEST), 'utf8');
    } catch (error) {
      if (errorCode(error) === 'ENOENT') return undefined;
      throw error;
    }
    const parsed = ManifestSchema.safeParse(parseJson(text));
    const names = parsed.success ? [...parsed.data.write, ...parsed.data.remove] : [];
    // The manifest was renamed into place whole, so a bad one is tampering or disk damage: refuse to guess.
    if (!parsed.success || !names.every((name) => ARTICLE_FILE_NAME.test(name))) {
      const file = path.join(this.journalDir, MANIFEST);
      throw new StoreProblem(
        'damaged',
        `the journal manifest ${file} is damaged, so an interrupted data change cannot be finished safely`,
        `The bot’s operator must check ${this.articlesDir} by hand (history keeps earlier versions in ${this.objectsDir}), then remove ${this.journalDir}.`,
        file,
      );
    }
    return parsed.data;
  }

  /** Moves each pending file into place and removes each removed file; safe to run again after a crash. */
  private async apply(manifest: Manifest): Promise<void> {
    await this.faults.before?.('apply');
    for (const name of manifest.write) {
      await this.faults.before?.('apply', name);
      try {
        await rename(path.join(this.journalDir, name + PENDING_SUFFIX), path.join(this.articlesDir, name));
      } catch (error) {
        // Already renamed by the run that crashed.
        if (errorCode(error) !== 'ENOENT') throw error;
      }
    }
    for (const name of manifest.remove) {
      await this.faults.before?.('apply', name);
      await unlinkIfPresent(path.join(this.articlesDir, name));
    }
    await syncDir(this.journalDir);
    await syncDir(this.articlesDir);
  }

  private async cleanup(): Promise<void> {
    await this.faults.before?.('cleanup');
    await unlinkIfPresent(path.join(this.journalDir, MANIFEST));
    await syncDir(this.journalDir);
    await rm(this.journalDir, { recursive: true, force: true });
    await syncDir(this.articlesDir);
  }

  /** Stores the objects of a version, appends its record, prunes history to the limit and drops unused objects. */
  private async addRecord(files: readonly RawArticleFile[], meta: ChangeMeta, previous: string | undefined): Promise<VersionRecord> {
    await this.faults.before?.('record-history');
    const hashes = hashesOf(files);
    await mkdir(this.objectsDir, { recursive: true });
    for (const file of files) await this.writeObject(file.text);
    await syncDir(this.objectsDir);

    const record: VersionRecord = {
      version: versionOfFiles(hashes),
      files: hashes,
      at: new Date().toISOString(),
      by: { id: meta.by.id, name: meta.by.name },
      action: meta.action,
      ...(meta.summary === undefined ? {} : { summary: meta.summary }),
      ...(meta.restores === undefined ? {} : { restores: meta.restores }),
      ...(previous === undefined ? {} : { previous }),
    };
    const kept = [...(await this.history()), record].slice(-this.historyLimit);
    await mkdir(this.stateDir, { recursive: true });
    await replaceDurably(this.historyFile, `${JSON.stringify(kept, null, 2)}\n`);
    await this.pruneObjects(kept, Object.values(hashes));
    return record;
  }

  private async writeObject(text: string): Promise<void> {
    const target = path.join(this.objectsDir, `${hashText(text)}.json`);
    if (await exists(target)) return;
    const temp = path.join(this.objectsDir, `.${path.basename(target)}.${process.pid}-${randomUUID()}.tmp`);
    await writeDurably(temp, text);
    await rename(temp, target);
  }

  private async readObject(file: string, hash: string, version: string): Promise<string> {
    const object = path.join(this.objectsDir, `${hash}.json`);
    const damaged = (what: string): StoreProblem =>
      new StoreProblem('damaged', `version ${version} cannot be restored: its copy of ${file} ${what}`, 'Pick another version; the bot’s operator can remove the damaged one from history.', object);
    let text: string;
    try {
      text = await readFile(object, 'utf8');
    } catch (error) {
      if (errorCode(error) === 'ENOENT') throw damaged(`is missing (${object})`);
      throw error;
    }
    if (hashText(text) !== hash) throw damaged(`was changed on disk (${object} no longer matches its hash)`);
    return text;
  }

  // Runs after history.json is replaced, so a crash here leaves unused objects (removed next time), never missing ones.
  private async pruneObjects(kept: readonly VersionRecord[], live: readonly string[]): Promise<void> {
    const used = new Set(live);
    for (const record of kept) for (const hash of Object.values(record.files)) used.add(hash);
    for (const name of await readdir(this.objectsDir)) {
      const hash = name.replace(/\.json$/, '');
      if (SHA256.test(hash) && name === `${hash}.json` && !used.has(hash)) await unlinkIfPresent(path.join(this.objectsDir, name));
    }
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** The last `bytes` of a file (the whole file when shorter), starting at a line boundary. */
async function readTail(file: string, bytes: number): Promise<string> {
  const handle = await open(file, 'r');
  try {
    const { size } = await handle.stat();
    const start = Math.max(0, size - bytes);
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(size - start), 0, size - start, start);
    const text = buffer.subarray(0, bytesRead).toString('utf8');
    // A tail that starts mid-line drops that partial line.
    return start === 0 ? text : text.slice(text.indexOf('\n') + 1);
  }
  finally {
    await handle.close();
  }
}
