// Live data changes for moderators: validate as a whole, write atomically, then swap the snapshot — on every shard.
import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { watch, type FSWatcher } from 'node:fs';
import path from 'node:path';
import type { Logger } from 'pino';
import { DEFAULTS, type Config } from '../config.ts';
import { copyProblems } from '../data/copy-check.ts';
import { countEntries, hashText, type Dataset, type EntryCounts } from '../data/dataset.ts';
import { ARTICLE_FILE_NAME, ARTICLES_FOLDER } from '../data/load.ts';
import { parseArticleFile, validateArticleFilesInSlices, validateDocumentsInSlices, type DataProblem, type RawArticleFile } from '../data/validate.ts';
import { UserError } from '../interaction/errors.ts';
import type { AttachmentInfo } from '../interaction/types.ts';
import { buildSnapshotInSlices, type LiveSnapshot } from '../snapshot.ts';
import { diffDatasets, summarizeDiff, type DatasetDiff } from './diff.ts';
import { downloadAttachment, type UploadKind } from './download.ts';
import { DataLockBusyError, withDataLock } from './lock.ts';
import type { ChangeMeta, DataChange, DataStore, VersionRecord } from './store.ts';

/** Who asked for a change, for the audit trail. */
export interface Actor {
  readonly id: string;
  readonly name: string;
  readonly guildId?: string;
}

/** The version one shard serves. */
export interface ShardVersion {
  readonly shard: number;
  readonly version: string;
}

/** Reaches the other shards of a sharded bot; absent on a single process. */
export interface ShardCoordinator {
  /** Makes every shard load `version` from disk; resolves once each has, with what each serves. */
  adopt(version: string): Promise<readonly ShardVersion[]>;
  /** What every shard serves now. */
  versions(): Promise<readonly ShardVersion[]>;
}

/** One line of the audit trail: who did what, when, and how it ended. */
export interface AuditEntry {
  readonly at: string;
  readonly by: Actor;
  readonly action: 'reload' | 'validate' | 'import' | 'draft' | 'confirm' | 'cancel' | 'rollback' | 'export' | 'refused' | 'watch';
  readonly outcome: 'applied' | 'unchanged' | 'invalid' | 'previewed' | 'cancelled' | 'expired' | 'stale' | 'busy' | 'refused' | 'failed' | 'exported';
  readonly from?: string;
  readonly to?: string;
  readonly summary?: string;
  readonly problems?: number;
  readonly detail?: string;
}

export interface Applied {
  readonly kind: 'applied';
  readonly diff: DatasetDiff;
  readonly before: Dataset;
  readonly after: Dataset;
  readonly shards: readonly ShardVersion[];
}
export interface Unchanged {
  readonly kind: 'unchanged';
  readonly version: string;
}
export interface Invalid {
  readonly kind: 'invalid';
  readonly problems: readonly DataProblem[];
}
export interface Preview {
  readonly kind: 'preview';
  readonly token: string;
  readonly file: string;
  readonly replaces: boolean;
  readonly diff: DatasetDiff;
  readonly before: Dataset;
  readonly after: Dataset;
  readonly expiresAt: Date;
}
export type ChangeResult = Applied | Unchanged | Invalid;
export type ConfirmResult = ChangeResult | { readonly kind: 'expired' } | { readonly kind: 'stale'; readonly since: string } | { readonly kind: 'not-yours' };

export interface DataStatus {
  readonly version: string;
  readonly counts: EntryCounts;
  readonly articles: readonly { readonly file: string; readonly source: string; readonly subject: string; readonly entries: number }[];
  readonly lastChange: VersionRecord | undefined;
  readonly dataDir: string;
  readonly loadedAt: Date;
  readonly shards: readonly ShardVersion[] | undefined;
}

export interface DataAdminOptions {
  readonly config: Config;
  readonly live: LiveSnapshot;
  readonly store: DataStore;
  readonly logger: Logger;
  readonly coordinator?: ShardCoordinator;
  /** Posts an audit entry where moderators see it (MOD_LOG_CHANNEL_ID); failures are logged, never thrown. */
  readonly notify?: (entry: AuditEntry) => Promise<void>;
  /** How long an import preview waits for Confirm. */
  readonly importTimeoutMs?: number;
  readonly downloadTimeoutMs?: number;
}

/** Messages of data management that are not part of a rendered result; tests import them. */
export const adminMessages = Object.freeze({
  busy: 'Another data change is in progress. Try again in a moment.',
  noHistory: 'There is no earlier version to roll back to.',
  unknownVersion: (version: string) => `Version ${version} is not in the kept history. Pick one from the suggestions.`,
  unknownArticle: (article: string) => `There is no article “${article}” in the data. Pick one from the suggestions.`,
  tooLargeToAttach: (size: string) =>
    `The export is ${size}, more than Discord accepts in one message. Export one article at a time (the article option), or copy DATA_DIR on the server.`,
});

const PENDING_FOLDER = 'pending';
/** The name an upload's problems carry until it has its place in the data directory. */
const UPLOAD_FILE = 'upload.json';
const DEFAULT_IMPORT_TIMEOUT_MS = 5 * 60_000;

/** The moderators' data operations, for one process (one shard). Changes are serialised across processes. */
export class DataAdmin {
  private historyCache: readonly VersionRecord[] = [];
  private watcher: FSWatcher | undefined;
  private watchTimer: NodeJS.Timeout | undefined;
  /** A reload the watcher started, awaited by stop() so nothing writes after the bot has stopped. */
  private watchRun: Promise<void> | undefined;
  private readonly importTimeoutMs: number;

  constructor(private readonly options: DataAdminOptions) {
    this.importTimeoutMs = options.importTimeoutMs ?? DEFAULT_IMPORT_TIMEOUT_MS;
  }

  /** Records the live version in history if it is new (first start, or files edited while the bot was down). */
  async start(): Promise<void> {
    const { store, live } = this.options;
    // The usual start finds its version already recorded: only a new one costs a second read of every file.
    if ((await store.history()).at(-1)?.version !== live.current.dataset.version) {
      await store.recordVersion(await store.readArticles(), { by: { id: 'system', name: 'start-up' }, action: 'start' });
    }
    this.historyCache = await store.history();
    if (this.historyCache.at(-1)?.version !== live.current.dataset.version) {
      this.options.logger.warn({ live: live.current.dataset.version }, 'live version differs from the files recorded at start-up');
    }
    if (this.options.config.dataWatch) this.watchFiles();
  }

  /** Stops watching files and waits for a reload the watcher started. */
  async stop(): Promise<void> {
    clearTimeout(this.watchTimer);
    this.watcher?.close();
    this.watcher = undefined;
    await this.watchRun;
  }

  /** Kept versions, newest first, from memory (autocomplete must not do I/O). */
  get versions(): readonly VersionRecord[] {
    return [...this.historyCache].reverse();
  }

  async status(): Promise<DataStatus> {
    const snapshot = this.options.live.current;
    const { dataset } = snapshot;
    return {
      version: dataset.version,
      counts: countEntries(dataset),
      articles: dataset.documents.map(({ file, article }) => ({
        file,
        source: article.source.id,
        subject: article.source.subject,
        entries: article.quotes.length + article.deals.length + article.facts.length,
      })),
      lastChange: [...this.historyCache].reverse().find((record) => record.version === dataset.version),
      dataDir: this.options.config.dataDir,
      loadedAt: snapshot.loadedAt,
      shards: this.options.coordinator ? await this.options.coordinator.versions() : undefined,
    };
  }

  /** Re-reads the data directory and swaps it in if it validates; on any problem nothing changes. */
  async reload(actor: Actor): Promise<ChangeResult> {
    return this.change(actor, 'reload', async () => {
      const files = await this.options.store.readArticles();
      const result = await validateArticleFilesInSlices(files);
      if (!result.ok) return { kind: 'invalid', problems: result.problems };
      const before = this.options.live.current.dataset;
      if (result.dataset.version === before.version) return { kind: 'unchanged', version: before.version };
      const diff = diffDatasets(before, result.dataset);
      await this.options.store.recordVersion(files, { by: actorRef(actor), action: 'reload', summary: summarizeDiff(diff) });
      return this.goLive(result.dataset, diff, before);
    });
  }

  /** Checks an upload against the live data, and against the article's text when given, without applying anything. */
  async check(attachment: AttachmentInfo, actor: Actor, trusted = false, sourceText?: AttachmentInfo): Promise<Invalid | Omit<Preview, 'token' | 'expiresAt'>> {
    const text = await this.download(attachment, trusted);
    const result = withCopyCheck(await this.candidate(text), text, sourceText && (await this.download(sourceText, trusted, 'source text')));
    await this.audit({ by: actor, action: 'validate', outcome: result.kind === 'invalid' ? 'invalid' : 'previewed', ...outcomeDetails(result) });
    return result;
  }

  /** Validates an upload (and copy-checks it against the article's text when given), keeping it until Confirm, Cancel or the timeout. */
  async prepareImport(attachment: AttachmentInfo, actor: Actor, trusted = false, sourceText?: AttachmentInfo): Promise<Invalid | Preview> {
    const text = await this.download(attachment, trusted);
    return this.prepareImportFromText(text, actor, sourceText && (await this.download(sourceText, trusted, 'source text')));
  }

  /** Downloads an article's own text (.txt, .md, .html) to draft from: the same hosts, size and time limits as any upload. */
  async downloadArticle(attachment: AttachmentInfo, trusted = false): Promise<string> {
    return this.download(attachment, trusted, 'text to draft');
  }

  /**
   * Validates an article file's text (an upload's, or a draft made here), copy-checked against the article's own text
   * when given, and keeps it until Confirm, Cancel or the timeout.
   */
  async prepareImportFromText(text: string, actor: Actor, sourceText?: string): Promise<Invalid | Preview> {
    const result = withCopyCheck(await this.candidate(text), text, sourceText);
    if (result.kind === 'invalid') {
      await this.audit({ by: actor, action: 'import', outcome: 'invalid', problems: result.problems.length });
      return result;
    }
    const token = randomBytes(8).toString('hex');
    const expiresAt = new Date(Date.now() + this.importTimeoutMs);
    const pending: PendingImport = { token, by: actor, file: result.file, text, base: result.before.version, expiresAt: expiresAt.toISOString() };
    await mkdir(this.pendingDir, { recursive: true });
    await this.dropExpiredImports();
    await writeFile(path.join(this.pendingDir, `${token}.json`), JSON.stringify(pending));
    await this.audit({ by: actor, action: 'import', outcome: 'previewed', ...outcomeDetails(result) });
    return { ...result, token, expiresAt };
  }

  /**
   * A kept import's preview again, against the live data as it is now and with a fresh timeout: what a draft's
   * moderator sees on continuing to the import. Confirm then applies exactly this diff.
   */
  async reviewImport(token: string, actor: Actor): Promise<Invalid | Preview | { readonly kind: 'expired' } | { readonly kind: 'not-yours' }> {
    const pending = await this.readPending(token);
    if (!pending) return { kind: 'expired' };
    if (pending.by.id !== actor.id) return { kind: 'not-yours' };
    const result = await this.candidate(pending.text);
    if (result.kind === 'invalid') return result;
    const expiresAt = new Date(Date.now() + this.importTimeoutMs);
    const kept: PendingImport = { ...pending, file: result.file, base: result.before.version, expiresAt: expiresAt.toISOString() };
    await writeFile(path.join(this.pendingDir, `${token}.json`), JSON.stringify(kept));
    await this.audit({ by: actor, action: 'import', outcome: 'previewed', ...outcomeDetails(result) });
    return { ...result, token, expiresAt };
  }

  /** Applies a previewed import, if it is still the uploader's, unexpired, and the data has not changed since. */
  async confirmImport(token: string, actor: Actor): Promise<ConfirmResult> {
    const pending = await this.readPending(token);
    if (!pending) {
      await this.audit({ by: actor, action: 'confirm', outcome: 'expired' });
      return { kind: 'expired' };
    }
    if (pending.by.id !== actor.id) return { kind: 'not-yours' };
    const outcome = await this.change(actor, 'confirm', async () => {
      await this.removePending(token);
      const before = this.options.live.current.dataset;
      // The preview was computed against `base`: applying it on other data would apply a diff nobody saw.
      if (before.version !== pending.base) return { kind: 'stale' as const, since: before.version };
      const result = await this.candidate(pending.text);
      if (result.kind === 'invalid') return result;
      await this.commit({ write: [{ file: result.file, text: pending.text }], remove: [] }, { by: actorRef(actor), action: 'import', summary: summarizeDiff(result.diff) }, result.after);
      return this.goLive(result.after, result.diff, before);
    });
    return outcome;
  }

  /** Discards a previewed import. */
  async cancelImport(token: string, actor: Actor): Promise<'cancelled' | 'expired' | 'not-yours'> {
    const pending = await this.readPending(token);
    if (!pending) return 'expired';
    if (pending.by.id !== actor.id) return 'not-yours';
    await this.removePending(token);
    await this.audit({ by: actor, action: 'cancel', outcome: 'cancelled' });
    return 'cancelled';
  }

  /** Ends a preview whose time is up: true if it was still waiting (and is now discarded), false if already handled. */
  async expireImport(token: string, actor: Actor): Promise<boolean> {
    if (!/^[0-9a-f]{16}$/.test(token)) return false;
    const file = path.join(this.pendingDir, `${token}.json`);
    try {
      await readFile(file);
    } catch {
      return false;
    }
    await rm(file, { force: true });
    await this.audit({ by: actor, action: 'import', outcome: 'expired' });
    return true;
  }

  /**
   * Returns to an earlier version: the one before the live version by default (repeat to go further back), or any kept
   * version, newer ones included, so a rollback can itself be undone by another.
   */
  async rollback(actor: Actor, target?: string): Promise<ChangeResult | { readonly kind: 'no-history' }> {
    return this.change(actor, 'rollback', async () => {
      const history = await this.options.store.history();
      const before = this.options.live.current.dataset;
      const version = target ?? previousVersion(history, before.version);
      if (version === undefined) return { kind: 'no-history' as const };
      if (!history.some((record) => record.version === version)) throw new UserError('unknown-version', adminMessages.unknownVersion(version));
      if (version === before.version) return { kind: 'unchanged', version };
      const files = await this.options.store.filesOf(version);
      const result = await validateArticleFilesInSlices(files);
      if (!result.ok) return { kind: 'invalid', problems: result.problems };
      const live = new Map(before.documents.map((document) => [document.file, document.hash]));
      const wanted = new Set(files.map((file) => file.file));
      const diff = diffDatasets(before, result.dataset);
      await this.commit(
        {
          write: files.filter((file) => live.get(file.file) !== hashText(file.text)),
          remove: [...live.keys()].filter((file) => !wanted.has(file)),
        },
        { by: actorRef(actor), action: 'rollback', restores: version, summary: summarizeDiff(diff) },
        result.dataset,
      );
      return this.goLive(result.dataset, diff, before);
    });
  }

  /** The live dataset's files, or one article's. */
  exportFiles(article?: string): RawArticleFile[] {
    const { documents } = this.options.live.current.dataset;
    const chosen = article === undefined ? documents : documents.filter((document) => document.article.source.id === article || document.file === article);
    if (article !== undefined && chosen.length === 0) throw new UserError('unknown-article', adminMessages.unknownArticle(article));
    return chosen.map((document) => ({ file: document.file, text: `${JSON.stringify(document.article, null, 2)}\n` }));
  }

  /** Loads what is on disk because another shard changed it; answers with the version now served. */
  async adopt(version: string): Promise<string> {
    const current = this.options.live.current.dataset;
    if (current.version === version) return version;
    await this.options.store.recover();
    const result = await validateArticleFilesInSlices(await this.options.store.readArticles());
    if (!result.ok) {
      this.options.logger.error({ wanted: version, problems: result.problems.length }, 'another shard’s change does not validate here; keeping the current data');
      return current.version;
    }
    if (result.dataset.version !== version) this.options.logger.warn({ wanted: version, found: result.dataset.version }, 'adopting the version found on disk');
    this.options.live.swap(await buildSnapshotInSlices(result.dataset));
    this.historyCache = await this.options.store.history();
    this.options.logger.info({ from: current.version, to: result.dataset.version }, 'adopted data changed by another shard');
    return result.dataset.version;
  }

  /** Records a refused attempt (not a moderator) in the audit trail. */
  async refused(actor: Actor, action: string): Promise<void> {
    await this.audit({ by: actor, action: 'refused', outcome: 'refused', detail: action });
  }

  /** Writes an audit line (and posts it to the moderators’ channel when configured). */
  async audit(entry: Omit<AuditEntry, 'at'>): Promise<void> {
    const full: AuditEntry = { at: new Date().toISOString(), ...entry };
    try {
      await this.options.store.appendAudit({ ...full });
    } catch (error) {
      this.options.logger.error({ err: error, entry: full }, 'could not write the audit log');
    }
    this.options.logger.info({ audit: full }, 'data action');
    if (this.options.notify) {
      await this.options.notify(full).catch((error: unknown) => {
        this.options.logger.warn({ err: error }, 'could not post to the moderation log channel');
      });
    }
  }

  private get pendingDir(): string {
    return path.join(this.options.config.stateDir, PENDING_FOLDER);
  }

  /** Runs a change under the data lock, audits it, and turns a busy lock into a clear answer. */
  private async change<T extends { kind: string }>(actor: Actor, action: AuditEntry['action'], work: () => Promise<T>): Promise<T> {
    const from = this.options.live.current.dataset.version;
    try {
      const result = await withDataLock(this.options.config.stateDir, work);
      await this.audit({ by: actor, action, outcome: auditOutcome(result.kind), from, ...outcomeDetails(result) });
      return result;
    } catch (error) {
      if (error instanceof DataLockBusyError) {
        await this.audit({ by: actor, action, outcome: 'busy', from });
        throw new UserError('data-busy', adminMessages.busy);
      }
      if (!(error instanceof UserError)) await this.audit({ by: actor, action, outcome: 'failed', from, detail: error instanceof Error ? error.message : String(error) });
      throw error;
    }
  }

  /** The upload merged into the live data: the article replaces the one with the same source id, or is added. */
  private async candidate(text: string): Promise<Invalid | Omit<Preview, 'token' | 'expiresAt'>> {
    const before = this.options.live.current.dataset;
    // Its file name depends on its content (the source it replaces, or its date and id), so it is parsed under a
    // placeholder name and given the real one after.
    const parsed = parseArticleFile({ file: UPLOAD_FILE, text });
    if (!parsed.document) return { kind: 'invalid', problems: parsed.problems };
    const { source } = parsed.document.article;
    const existing = before.documents.find((document) => document.article.source.id === source.id);
    const file = existing?.file ?? newArticleFile(source.published, source.id, before.documents.map((d) => d.file));
    const documents = [...before.documents.filter((document) => document.file !== file), { ...parsed.document, file }];
    const result = await validateDocumentsInSlices(documents);
    if (!result.ok) return { kind: 'invalid', problems: result.problems };
    return { kind: 'preview', file, replaces: existing !== undefined, diff: diffDatasets(before, result.dataset), before, after: result.dataset };
  }

  /**
   * Writes a change. A failure before the commit point leaves the old files and is rethrown (nothing goes live). A
   * failure after it (tidying up, recording history) leaves the new files durable: the change counts as made.
   */
  private async commit(change: DataChange, meta: ChangeMeta, next: Dataset): Promise<void> {
    try {
      await this.options.store.commit(change, meta);
    } catch (error) {
      await this.options.store.recover();
      const onDisk = await validateArticleFilesInSlices(await this.options.store.readArticles());
      if (!onDisk.ok || onDisk.dataset.version !== next.version) throw error;
      this.options.logger.warn({ err: error, version: next.version }, 'the change is on disk but finishing it failed; it goes live');
    }
  }

  /** Swaps in the new snapshot (after the write succeeded), then brings every other shard to the same version. */
  private async goLive(dataset: Dataset, diff: DatasetDiff, before: Dataset): Promise<Applied> {
    this.options.live.swap(await buildSnapshotInSlices(dataset));
    this.historyCache = await this.options.store.history();
    const shards = this.options.coordinator ? await this.options.coordinator.adopt(dataset.version) : [];
    return { kind: 'applied', diff, before, after: dataset, shards };
  }

  private async download(attachment: AttachmentInfo, trusted: boolean, kind: UploadKind = 'article'): Promise<string> {
    const { config } = this.options;
    return downloadAttachment(
      attachment,
      {
        allowedHosts: config.attachmentHosts,
        maxBytes: config.maxUploadBytes,
        timeoutMs: this.options.downloadTimeoutMs ?? 10_000,
        allowLocalFiles: trusted,
      },
      kind,
    );
  }

  private async readPending(token: string): Promise<PendingImport | undefined> {
    if (!/^[0-9a-f]{16}$/.test(token)) return undefined;
    try {
      const pending = JSON.parse(await readFile(path.join(this.pendingDir, `${token}.json`), 'utf8')) as PendingImport;
      if (Date.parse(pending.expiresAt) < Date.now()) {
        await this.removePending(token);
        return undefined;
      }
      return pending;
    } catch {
      return undefined;
    }
  }

  private async removePending(token: string): Promise<void> {
    await rm(path.join(this.pendingDir, `${token}.json`), { force: true });
  }

  private async dropExpiredImports(): Promise<void> {
    for (const name of await readdir(this.pendingDir)) {
      const token = name.replace(/\.json$/, '');
      await this.readPending(token);
    }
  }

  /** DATA_WATCH: edits made outside Discord go through the same validate-and-swap path, debounced. */
  private watchFiles(): void {
    const folder = path.join(this.options.config.dataDir, ARTICLES_FOLDER);
    const actor: Actor = { id: 'system', name: 'file watcher' };
    this.watcher = watch(folder, (_event, name) => {
      if (typeof name === 'string' && (name.startsWith('.') || !name.endsWith('.json'))) return;
      clearTimeout(this.watchTimer);
      this.watchTimer = setTimeout(() => {
        const previous = this.watchRun ?? Promise.resolve();
        this.watchRun = previous.then(() =>
          this.reload(actor).then(
            (result) => {
              this.options.logger.info({ result: result.kind }, 'data directory changed on disk');
            },
            (error: unknown) => {
              this.options.logger.warn({ err: error }, 'reload after a file change failed');
            },
          ),
        );
      }, DEFAULTS.dataWatchDebounceMs);
      this.watchTimer.unref();
    });
    this.watcher.on('error', (error) => {
      this.options.logger.warn({ err: error }, 'stopped watching the data directory');
    });
  }
}

interface PendingImport {
  readonly token: string;
  readonly by: Actor;
  readonly file: string;
  readonly text: string;
  /** The live version the preview was computed against. */
  readonly base: string;
  readonly expiresAt: string;
}

/**
 * Adds the copy check's findings when the upload named its source text. A copied run or an altered quote makes the
 * upload invalid: the data promises our own words and verbatim quotes, and an import is where that is kept.
 */
function withCopyCheck(result: Invalid | Omit<Preview, 'token' | 'expiresAt'>, articleText: string, sourceText: string | undefined): Invalid | Omit<Preview, 'token' | 'expiresAt'> {
  if (sourceText === undefined) return result;
  const findings = copyProblems(sourceText, [{ file: UPLOAD_FILE, text: articleText }]);
  if (findings.length === 0) return result;
  return { kind: 'invalid', problems: [...(result.kind === 'invalid' ? result.problems : []), ...findings] };
}

function actorRef(actor: Actor): { id: string; name: string } {
  return { id: actor.id, name: actor.name };
}

function auditOutcome(kind: string): AuditEntry['outcome'] {
  switch (kind) {
    case 'applied':
    case 'unchanged':
    case 'invalid':
    case 'expired':
    case 'stale':
      return kind;
    default:
      return 'refused';
  }
}

function outcomeDetails(result: { kind: string }): Pick<AuditEntry, 'to' | 'summary' | 'problems'> {
  if ('diff' in result && result.diff && typeof result.diff === 'object' && 'to' in result.diff) {
    const diff = result.diff as DatasetDiff;
    return { to: diff.to, summary: summarizeDiff(diff) };
  }
  if ('problems' in result && Array.isArray(result.problems)) return { problems: result.problems.length };
  return {};
}

/**
 * The version before `live` in the history. A rollback's record carries the version it restored; stepping back from
 * it steps back from that version's own record, so repeated rollbacks keep walking back instead of bouncing.
 */
export function previousVersion(history: readonly VersionRecord[], live: string): string | undefined {
  const lastIndexOf = (version: string, before: number): number => {
    for (let i = before - 1; i >= 0; i--) if (history[i]?.version === version) return i;
    return -1;
  };
  let index = lastIndexOf(live, history.length);
  while (index >= 0) {
    const record = history[index];
    if (!record) return undefined;
    if (record.restores === undefined) {
      const previous = record.previous;
      return previous !== undefined && lastIndexOf(previous, index) >= 0 ? previous : undefined;
    }
    index = lastIndexOf(record.restores, index);
  }
  return undefined;
}

/** A file name for a new article: its date and source id, made unique and safe. */
function newArticleFile(published: string, sourceId: string, taken: readonly string[]): string {
  const base = `${published}-${sourceId}`.toLowerCase().replace(/[^a-z0-9._-]+/g, '-').slice(0, 90);
  let name = `${base}.json`;
  for (let n = 2; taken.includes(`${ARTICLES_FOLDER}/${name}`); n++) name = `${base}-${String(n)}.json`;
  if (!ARTICLE_FILE_NAME.test(name)) name = `article-${hashText(sourceId).slice(0, 12)}.json`;
  return `${ARTICLES_FOLDER}/${name}`;
}
