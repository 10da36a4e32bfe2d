// Live data changes for moderators: validate as a whole, write atomically, then swap the snapshot — on every shard.
import { randomBytes } from 'node:crypto';
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
import { AuditTrail, problemFields, type Actor, type AuditEntry } from './audit.ts';
import { diffDatasets, summarizeDiff, type DatasetDiff } from './diff.ts';
import { downloadAttachment, type UploadKind } from './download.ts';
import { previousVersion, VersionHistory } from './history.ts';
import { DataLockBusyError } from './lock.ts';
import { ModLog } from './mod-log.ts';
import { logFieldsOf, storeProblemOf, type StoreProblem } from './problems.ts';
import { hashesOf, StaleChangeError, versionOfFiles, type ChangeAction, type ChangeMeta, type DataChange, type DataStore, type OpenForm, type PendingImport, type RecoveryOutcome, type StoreHealth, type VersionRecord } from './store.ts';
import { watchArticles, type ArticleWatch } from './watch.ts';

export type { Actor, AuditEntry } from './audit.ts';
export { previousVersion } from './history.ts';

/** The version one shard serves. */
export interface ShardVersion {
  readonly shard: number;
  readonly version: string;
}

/**
 * Reaches the other shards of a sharded bot; absent on a single process. With a store that announces changes itself
 * (PostgreSQL), each shard has adopted a change already when asked, so the coordinator only collects their versions.
 */
export interface ShardCoordinator {
  /** Makes every shard load `version` from disk; resolves once each has, with what each serves. */
  adopt(version: string): Promise<readonly ShardVersion[]>;
  /** What every shard serves now. */
  versions(): Promise<readonly ShardVersion[]>;
}

export interface Applied {
  readonly kind: 'applied';
  readonly diff: DatasetDiff;
  readonly before: Dataset;
  readonly after: Dataset;
  readonly shards: readonly ShardVersion[];
  /** What went wrong beside the change (history or audit not written): the change itself is live. */
  readonly notes: readonly string[];
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
export type ConfirmResult =
  | Exclude<ChangeResult, Applied>
  | (Applied & { readonly change: { readonly action: ChangeAction; readonly entry?: string } })
  | { readonly kind: 'expired' }
  | { readonly kind: 'stale'; readonly since: string }
  | { readonly kind: 'not-yours' };

export interface DataStatus {
  readonly version: string;
  readonly counts: EntryCounts;
  readonly articles: readonly { readonly file: string; readonly source: string; readonly subject: string; readonly entries: number }[];
  readonly lastChange: VersionRecord | undefined;
  /** Where the data is read from: DATA_DIR, or the database (without its password). */
  readonly storage: string;
  readonly loadedAt: Date;
  readonly shards: readonly ShardVersion[] | undefined;
  /** Conditions the bot's operator should look at (history or audit log not writable, history set aside). */
  readonly attention: readonly string[];
}

/** A rollback with nothing to go back to; `setAsideAs` names the damaged history put aside, if that is why. */
export interface NoHistory {
  readonly kind: 'no-history';
  readonly setAsideAs?: string;
}

export interface DataAdminOptions {
  readonly config: Config;
  readonly live: LiveSnapshot;
  readonly store: DataStore;
  readonly logger: Logger;
  readonly coordinator?: ShardCoordinator;
  /** Posts an audit entry where moderators see it (MOD_LOG_CHANNEL_ID); called in the background, failures logged. */
  readonly notify?: (entry: AuditEntry) => Promise<void>;
  /** How long an import preview waits for Confirm. */
  readonly importTimeoutMs?: number;
  readonly downloadTimeoutMs?: number;
  /** Refused attempts after one posted to the moderators' channel are counted this long, then posted as one. */
  readonly refusalWindowMs?: number;
}

/** Messages of data management that are not part of a rendered result; tests import them. */
export const adminMessages = Object.freeze({
  busy: 'Another data change is in progress. Try again in a moment.',
  noHistory: 'There is no earlier version to roll back to.',
  unknownVersion: (version: string) => `Version ${version} is not in the kept history. Pick one from the suggestions.`,
  unknownArticle: (article: string) => `There is no article “${article}” in the data. Pick one from the suggestions.`,
  tooLargeToAttach: (size: string) =>
    `The export is ${size}, more than Discord accepts in one message. Export one article at a time (the article option), or copy DATA_DIR on the server.`,
  storeProblem: (problem: StoreProblem) => `Nothing was changed: ${problem.message}. ${problem.remedy}`,
  changedMeanwhile: (version: string) =>
    `Nothing was changed: the data changed while this was being prepared (version ${version} is live now). Run the command again.`,
  degraded: (detail: string, version: string) => `${detail}: this process serves version ${version} from memory and refuses data changes until it is back.`,
});

/** What one change carries from start to end: its id in the audit trail, who asked, and notes for the reply. */
interface ChangeContext {
  readonly id: string;
  readonly actor: Actor;
  readonly action: AuditEntry['action'];
  readonly notes: string[];
  failureRecorded: boolean;
}

/** The name an upload's problems carry until it has its place in the data directory. */
const UPLOAD_FILE = 'upload.json';
const DEFAULT_IMPORT_TIMEOUT_MS = 5 * 60_000;
/** How long an open form waits for its submission: long enough to write a paragraph. */
const FORM_TIMEOUT_MS = 30 * 60_000;
/** How long stopping waits for the moderators' channel to take what is queued. */
const MOD_LOG_DRAIN_MS = 2000;

/** The moderators' data operations, for one process (one shard). Changes are serialised across processes. */
export class DataAdmin {
  private watching: ArticleWatch | undefined;
  private stopFollowing: (() => void) | undefined;
  /** Loads of another process's version run one at a time, in order. */
  private adopting: Promise<unknown> = Promise.resolve();
  /** Changes of this process holding the store's lock: a version announced meanwhile is adopted once they end. */
  private changing = 0;
  private adoptAfterChange: string | undefined;
  private readonly importTimeoutMs: number;
  private readonly modLog: ModLog | undefined;
  private readonly trail: AuditTrail;
  private readonly history: VersionHistory;

  constructor(private readonly options: DataAdminOptions) {
    this.importTimeoutMs = options.importTimeoutMs ?? DEFAULT_IMPORT_TIMEOUT_MS;
    const { notify, logger, store } = options;
    this.modLog = notify ? new ModLog({ post: notify, logger, refusalWindowMs: options.refusalWindowMs }) : undefined;
    this.trail = new AuditTrail({ store, logger, modLog: this.modLog });
    this.history = new VersionHistory(store, logger);
  }

  /**
   * Sets a damaged history aside, records the live version if it is new (first start, or files edited while the bot
   * was down), and writes the audit line of a change that a stop interrupted (`recovery`: what start-up did to it).
   */
  async start(recovery: RecoveryOutcome = 'clean'): Promise<void> {
    const { store, live } = this.options;
    const version = live.current.dataset.version;
    await this.history.check();
    await this.history.recordUnlessNewest(version, () => store.readArticles(), { by: { id: 'system', name: 'start-up' }, action: 'start' }, undefined);
    await this.history.refresh();
    await this.trail.reconcile(version, recovery);
    await this.followStore();
    // With a database, DATA_DIR only seeds it: `npm run data:push` loads edited files instead of a watcher.
    if (this.options.config.dataWatch && this.options.config.databaseUrl === undefined) {
      const actor: Actor = { id: 'system', name: 'file watcher' };
      const folder = path.join(this.options.config.dataDir, ARTICLES_FOLDER);
      this.watching = watchArticles(folder, DEFAULTS.dataWatchDebounceMs, async () => {
        const result = await this.reload(actor);
        this.options.logger.info({ result: result.kind }, 'data directory changed on disk');
      }, this.options.logger);
    }
  }

  /**
   * Stops watching files and the store, waits for a reload or load under way, gives the moderators' channel a moment,
   * then closes the store.
   */
  async stop(): Promise<void> {
    this.stopFollowing?.();
    this.stopFollowing = undefined;
    await this.watching?.stop();
    this.watching = undefined;
    await this.adopting;
    await this.modLog?.stop(MOD_LOG_DRAIN_MS);
    await this.options.store.close();
  }

  /**
   * Whether this process can change the data now. While its store is out of reach (a database down) it keeps serving
   * its last snapshot: lookups work, health is degraded and changes are refused until the store is back.
   */
  health(): StoreHealth {
    const health = this.options.store.health();
    if (health.ok) return health;
    return { ok: false, detail: adminMessages.degraded(health.detail ?? 'the data store is out of reach', this.options.live.current.dataset.version) };
  }

  /** Follows a store that announces new live versions (a database shared by every process), then catches up once. */
  private async followStore(): Promise<void> {
    const { store, logger } = this.options;
    this.stopFollowing = store.watchLive((version) => {
      this.adopt(version).catch((error: unknown) => {
        logger.warn({ ...problemFields(error), version }, 'could not load a version made live by another process; it is tried again at the next announcement or reconnect');
      });
    });
    if (!this.stopFollowing) return;
    // A change made between loading the data and listening would otherwise never be announced to this process.
    try {
      await this.adopt(await store.liveVersion());
    } catch (error) {
      logger.warn({ ...problemFields(error) }, 'could not check the live version after loading; the next announcement or reconnect does');
    }
  }

  /** Kept versions, newest first, from memory (autocomplete must not do I/O). */
  get versions(): readonly VersionRecord[] {
    return this.history.versions;
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
      lastChange: this.history.versions.find((record) => record.version === dataset.version),
      storage: this.options.store.location,
      loadedAt: snapshot.loadedAt,
      shards: this.options.coordinator ? await this.options.coordinator.versions() : undefined,
      attention: [...this.unhealthy(), ...this.history.problems, ...(this.trail.problem === undefined ? [] : [this.trail.problem])],
    };
  }

  private unhealthy(): string[] {
    const health = this.health();
    return health.ok ? [] : [health.detail ?? ''];
  }

  /** Re-reads the data directory and swaps it in if it validates; on any problem nothing changes. */
  async reload(actor: Actor): Promise<ChangeResult> {
    return this.change(actor, 'reload', async (change) => {
      const files = await this.options.store.readArticles();
      const result = await validateArticleFilesInSlices(files);
      if (!result.ok) return { kind: 'invalid', problems: result.problems };
      const before = this.options.live.current.dataset;
      if (result.dataset.version === before.version) return { kind: 'unchanged', version: before.version };
      const diff = diffDatasets(before, result.dataset);
      // The files are live on disk already: history records them if it can.
      await this.history.check(change.notes);
      await this.history.record(() => Promise.resolve(files), { by: actorRef(actor), action: 'reload', summary: summarizeDiff(diff) }, change.notes);
      return this.goLive(result.dataset, diff, before, change);
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
  async prepareImportFromText(text: string, actor: Actor, sourceText?: string, change: { readonly action: ChangeAction; readonly entry?: string } = { action: 'import' }): Promise<Invalid | Preview> {
    const { action } = change;
    const result = withCopyCheck(await this.candidate(text), text, sourceText);
    if (result.kind === 'invalid') {
      await this.audit({ by: actor, action, outcome: 'invalid', problems: result.problems.length, ...(change.entry ? { detail: change.entry } : {}) });
      return result;
    }
    const token = randomBytes(8).toString('hex');
    const expiresAt = new Date(Date.now() + this.importTimeoutMs);
    const pending: PendingImport = { token, by: actor, file: result.file, text, base: result.before.version, expiresAt: expiresAt.toISOString(), ...change };
    try {
      await this.dropExpiredImports();
      await this.options.store.savePendingImport(pending);
    } catch (error) {
      throw await this.failure(error, { by: actor, action });
    }
    await this.audit({ by: actor, action, outcome: 'previewed', ...outcomeDetails(result) });
    return { ...result, token, expiresAt };
  }

  /**
   * Keeps a form a moderator opened (edit or add one entry) until it is submitted or expires. It is kept in the store,
   * not in memory, so that the submission can reach any process: a restarted one, another replica.
   */
  async openForm(actor: Actor, form: OpenForm): Promise<string> {
    const token = randomBytes(8).toString('hex');
    const expiresAt = new Date(Date.now() + FORM_TIMEOUT_MS).toISOString();
    const base = this.options.live.current.dataset.version;
    try {
      await this.dropExpiredImports();
      await this.options.store.savePendingImport({ token, by: actor, file: '', text: '', base, expiresAt, form });
    } catch (error) {
      throw await this.failure(error, { by: actor, action: form.action });
    }
    return token;
  }

  /** The form behind a submission, if it is this moderator's and still open; taking it closes it. */
  async takeForm(token: string, actor: Actor): Promise<OpenForm | 'expired' | 'not-yours'> {
    const pending = await this.readPending(token);
    if (!pending?.form) return 'expired';
    if (pending.by.id !== actor.id) return 'not-yours';
    await this.options.store.removePendingImport(token);
    return pending.form;
  }

  /**
   * A kept import's preview again, against the live data as it is now and with a fresh timeout: what a draft's
   * moderator sees on continuing to the import. Confirm then applies exactly this diff.
   */
  async reviewImport(token: string, actor: Actor): Promise<Invalid | Preview | { readonly kind: 'expired' } | { readonly kind: 'not-yours' }> {
    const pending = await this.readImport(token);
    if (!pending) return { kind: 'expired' };
    if (pending.by.id !== actor.id) return { kind: 'not-yours' };
    const result = await this.candidate(pending.text);
    if (result.kind === 'invalid') return result;
    const expiresAt = new Date(Date.now() + this.importTimeoutMs);
    const kept: PendingImport = { ...pending, file: result.file, base: result.before.version, expiresAt: expiresAt.toISOString() };
    try {
      await this.options.store.savePendingImport(kept);
    } catch (error) {
      throw await this.failure(error, { by: actor, action: 'import' });
    }
    await this.audit({ by: actor, action: 'import', outcome: 'previewed', ...outcomeDetails(result) });
    return { ...result, token, expiresAt };
  }

  /** Applies a previewed import, if it is still the uploader's, unexpired, and the data has not changed since. */
  async confirmImport(token: string, actor: Actor): Promise<ConfirmResult> {
    const pending = await this.readImport(token);
    if (!pending) {
      await this.audit({ by: actor, action: 'confirm', outcome: 'expired' });
      return { kind: 'expired' };
    }
    if (pending.by.id !== actor.id) return { kind: 'not-yours' };
    return this.change(actor, 'confirm', async (change) => {
      // A second Confirm that waited for the lock finds the first one done.
      if (!(await this.readImport(token))) return { kind: 'expired' as const };
      const before = this.options.live.current.dataset;
      // The preview was computed against `base`: applying it on other data would apply a diff nobody saw.
      if (before.version !== pending.base) {
        await this.options.store.removePendingImport(token);
        return { kind: 'stale' as const, since: before.version };
      }
      const result = await this.candidate(pending.text);
      if (result.kind === 'invalid') {
        await this.options.store.removePendingImport(token);
        return result;
      }
      // A failure before the commit point keeps the upload, so that Confirm can be pressed again once it is fixed.
      try {
        await this.commit(
          change,
          { write: [{ file: result.file, text: pending.text }], remove: [], base: pending.base },
          { by: actorRef(actor), action: pending.action ?? 'import', summary: summarizeDiff(result.diff) },
          result.after,
        );
      } catch (error) {
        if (!(error instanceof StaleChangeError)) throw error;
        // Another process committed since this one last heard: its preview no longer holds.
        await this.options.store.removePendingImport(token);
        this.adoptAfterChange = error.live;
        return { kind: 'stale' as const, since: error.live };
      }
      await this.options.store.removePendingImport(token).catch((error: unknown) => {
        this.options.logger.warn({ ...problemFields(error), token }, 'could not remove an applied import from the pending ones');
      });
      const applied = await this.goLive(result.after, result.diff, before, change);
      return { ...applied, change: { action: pending.action ?? 'import', ...(pending.entry ? { entry: pending.entry } : {}) } };
    });
  }

  /** Discards a previewed import. */
  async cancelImport(token: string, actor: Actor): Promise<'cancelled' | 'expired' | 'not-yours'> {
    const pending = await this.readImport(token);
    if (!pending) return 'expired';
    if (pending.by.id !== actor.id) return 'not-yours';
    await this.options.store.removePendingImport(token);
    await this.audit({ by: actor, action: 'cancel', outcome: 'cancelled' });
    return 'cancelled';
  }

  /** Ends a preview whose time is up: true if it was still waiting (and is now discarded), false if already handled. */
  async expireImport(token: string, actor: Actor): Promise<boolean> {
    if (!(await this.options.store.removePendingImport(token))) return false;
    await this.audit({ by: actor, action: 'import', outcome: 'expired' });
    return true;
  }

  /**
   * Returns to an earlier version: the one before the live version by default (repeat to go further back), or any kept
   * version, newer ones included, so a rollback can itself be undone by another.
   */
  async rollback(actor: Actor, target?: string): Promise<ChangeResult | NoHistory> {
    const result = await this.change(actor, 'rollback', async (change): Promise<ChangeResult | NoHistory | { readonly kind: 'stale'; readonly since: string }> => {
      const history = await this.history.forRollback(change.notes);
      const before = this.options.live.current.dataset;
      const version = target ?? previousVersion(history, before.version);
      if (version === undefined) return { kind: 'no-history' as const, ...(this.history.setAsideAs === undefined ? {} : { setAsideAs: this.history.setAsideAs }) };
      if (!history.some((record) => record.version === version)) throw new UserError('unknown-version', adminMessages.unknownVersion(version));
      if (version === before.version) return { kind: 'unchanged', version };
      const files = await this.options.store.filesOf(version);
      const result = await validateArticleFilesInSlices(files);
      if (!result.ok) return { kind: 'invalid', problems: result.problems };
      const live = new Map(before.documents.map((document) => [document.file, document.hash]));
      const wanted = new Set(files.map((file) => file.file));
      const diff = diffDatasets(before, result.dataset);
      try {
        await this.commit(
          change,
          {
            write: files.filter((file) => live.get(file.file) !== hashText(file.text)),
            remove: [...live.keys()].filter((file) => !wanted.has(file)),
            base: before.version,
          },
          { by: actorRef(actor), action: 'rollback', restores: version, summary: summarizeDiff(diff) },
          result.dataset,
        );
      } catch (error) {
        if (!(error instanceof StaleChangeError)) throw error;
        this.adoptAfterChange = error.live;
        return { kind: 'stale' as const, since: error.live };
      }
      return this.goLive(result.dataset, diff, before, change);
    });
    // Computed against data another process has replaced since: "the previous version" may not be what was meant.
    if (result.kind === 'stale') throw new UserError('data-changed', adminMessages.changedMeanwhile(result.since));
    return result;
  }

  /** The live dataset's files, or one article's. */
  exportFiles(article?: string): RawArticleFile[] {
    const { documents } = this.options.live.current.dataset;
    const chosen = article === undefined ? documents : documents.filter((document) => document.article.source.id === article || document.file === article);
    if (article !== undefined && chosen.length === 0) throw new UserError('unknown-article', adminMessages.unknownArticle(article));
    return chosen.map((document) => ({ file: document.file, text: `${JSON.stringify(document.article, null, 2)}\n` }));
  }

  /**
   * Loads the store's live version because another process (a shard, a replica, `npm run data:push`) made it live, as
   * announced by the coordinator or the store; answers with the version now served. Loads run one at a time and never
   * swap in a version older than one this process has meanwhile; one announced during this process's own change is
   * loaded when the change ends (the change's own relay through the coordinator must not wait for itself).
   */
  async adopt(version: string): Promise<string> {
    const served = this.options.live.current.dataset.version;
    if (served === version) return version;
    if (this.changing > 0) {
      this.adoptAfterChange = version;
      return served;
    }
    const load = this.adopting.then(() => this.load(version));
    this.adopting = load.catch(() => undefined);
    return load;
  }

  private async load(version: string): Promise<string> {
    const { store, live, logger } = this.options;
    for (let attempt = 1; ; attempt += 1) {
      const current = live.current;
      await store.recover();
      const files = await store.readArticles();
      // The store holds what this process serves already (a late announcement, or one of its own changes).
      if (versionOfFiles(hashesOf(files)) === current.dataset.version) return current.dataset.version;
      const result = await validateArticleFilesInSlices(files);
      if (!result.ok) {
        logger.error({ wanted: version, problems: result.problems.length }, 'another process’s change does not validate here; keeping the current data');
        return current.dataset.version;
      }
      const next = await buildSnapshotInSlices(result.dataset, logger);
      // A change of this process went live while this load was building: look at the store again (the next
      // announcement or reconnect tries once more if it keeps happening).
      if (live.current !== current) {
        if (attempt < 3) continue;
        return live.current.dataset.version;
      }
      if (result.dataset.version !== version) logger.info({ wanted: version, found: result.dataset.version }, 'adopting the version the store holds now');
      live.swap(next);
      await this.history.refresh();
      logger.info({ from: current.dataset.version, to: result.dataset.version }, 'adopted data changed by another process');
      return result.dataset.version;
    }
  }

  /** Records a refused attempt (not a moderator): audited to disk; posted to the moderators' channel aggregated. */
  async refused(actor: Actor, action: string): Promise<void> {
    await this.trail.refused({ by: actor, action: 'refused', outcome: 'refused', detail: action });
  }

  /** Writes an audit line, and queues it for the moderators' channel when configured. Never throws. */
  async audit(entry: Omit<AuditEntry, 'at'>): Promise<void> {
    await this.trail.record(entry);
  }

  /**
   * Runs a change under the data lock and audits how it ended (inside the lock, so that a shard starting up never
   * takes a finished change for one interrupted by a stop). A busy lock and storage problems become clear answers.
   */
  private async change<T extends { kind: string }>(actor: Actor, action: AuditEntry['action'], work: (change: ChangeContext) => Promise<T>): Promise<T> {
    const from = this.options.live.current.dataset.version;
    const change: ChangeContext = { id: randomBytes(6).toString('hex'), actor, action, notes: [], failureRecorded: false };
    try {
      return await this.options.store.exclusive(async () => {
        let result: T;
        this.changing += 1;
        try {
          result = await work(change);
        } catch (error) {
          if (!(error instanceof UserError)) await this.recordFailure(change, from, error);
          throw error;
        } finally {
          this.changing -= 1;
        }
        await this.audit({ by: actor, action, outcome: auditOutcome(result.kind), change: change.id, from, ...outcomeDetails(result) });
        return result;
      });
    } catch (error) {
      if (error instanceof DataLockBusyError) {
        await this.audit({ by: actor, action, outcome: 'busy', from });
        throw new UserError('data-busy', adminMessages.busy);
      }
      if (error instanceof UserError) throw error;
      // Failing to take the lock at all (a read-only STATE_DIR) is audited here; failures inside it already were.
      if (!change.failureRecorded) await this.recordFailure(change, from, error);
      const problem = storeProblemOf(error);
      if (!problem) throw error;
      this.logProblem(problem, action);
      throw new UserError('data-store', adminMessages.storeProblem(problem));
    } finally {
      await this.adoptMissed();
    }
  }

  /** Loads a version announced while this process's change held the lock, so the next change starts from it. */
  private async adoptMissed(): Promise<void> {
    const version = this.adoptAfterChange;
    if (version === undefined || this.changing > 0) return;
    this.adoptAfterChange = undefined;
    await this.adopt(version).catch((error: unknown) => {
      this.options.logger.warn({ ...problemFields(error), version }, 'could not load the version another process made live');
    });
  }

  private async recordFailure(change: ChangeContext, from: string, error: unknown): Promise<void> {
    change.failureRecorded = true;
    const detail = storeProblemOf(error)?.message ?? (error instanceof Error ? error.message : String(error));
    await this.audit({ by: change.actor, action: change.action, outcome: 'failed', change: change.id, from, detail });
  }

  /** A failure outside a change: a storage problem is logged in one line, audited, and told as a UserError. */
  private async failure(error: unknown, entry: Pick<AuditEntry, 'by' | 'action'>): Promise<unknown> {
    const problem = storeProblemOf(error);
    if (!problem) return error;
    this.logProblem(problem, entry.action);
    await this.audit({ ...entry, outcome: 'failed', detail: problem.message });
    return new UserError('data-store', adminMessages.storeProblem(problem));
  }

  private logProblem(problem: StoreProblem, action: string): void {
    this.options.logger.warn({ ...logFieldsOf(problem), action }, `data ${action} failed: ${problem.message}`);
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
   * Writes a change, after a `committing` audit line, so that a change that goes live always has its line even if
   * the process is killed right after the commit point. A failure before the commit point leaves the old files and is
   * rethrown (nothing goes live). A failure after it leaves the new files durable: the change counts as made, and
   * history records it if it can.
   */
  private async commit(change: ChangeContext, files: DataChange, meta: ChangeMeta, next: Dataset): Promise<void> {
    const { store, logger } = this.options;
    await this.history.check(change.notes);
    await this.trail.record(
      { by: change.actor, action: change.action, outcome: 'committing', change: change.id, from: this.options.live.current.dataset.version, to: next.version, summary: meta.summary },
      false,
    );
    if (this.trail.problem !== undefined) change.notes.push(this.trail.problem);
    try {
      await store.commit(files, meta);
      this.history.written();
      return;
    } catch (error) {
      if (error instanceof StaleChangeError) throw error;
      await store.recover();
      const onDisk = await validateArticleFilesInSlices(await store.readArticles());
      if (!onDisk.ok || onDisk.dataset.version !== next.version) throw error;
      logger.warn({ ...problemFields(error), version: next.version }, 'the change is on disk but finishing it failed; it goes live');
    }
    await this.history.recordUnlessNewest(next.version, () => store.readArticles(), meta, change.notes);
  }

  /** Swaps in the new snapshot (after the write succeeded), then brings every other shard to the same version. */
  private async goLive(dataset: Dataset, diff: DatasetDiff, before: Dataset, change: ChangeContext): Promise<Applied> {
    this.options.live.swap(await buildSnapshotInSlices(dataset, this.options.logger));
    await this.history.refresh(change.notes);
    // With a store that announces changes the shards have loaded it already (or are loading it): adopt only reports.
    const shards = this.options.coordinator ? await this.options.coordinator.adopt(dataset.version) : [];
    return { kind: 'applied', diff, before, after: dataset, shards, notes: [...new Set(change.notes)] };
  }

  private async download(attachment: AttachmentInfo, trusted: boolean, kind: UploadKind = 'article'): Promise<string> {
    const { config, logger } = this.options;
    try {
      return await downloadAttachment(
        attachment,
        {
          allowedHosts: config.attachmentHosts,
          maxBytes: config.maxUploadBytes,
          timeoutMs: this.options.downloadTimeoutMs ?? 10_000,
          allowLocalFiles: trusted,
        },
        kind,
      );
    } catch (error) {
      // A network failure is the operator's business too (a CDN or proxy problem); a refused file is only the moderator's.
      if (error instanceof UserError && error.identifier === 'upload-failed') logger.warn({ file: attachment.filename }, error.message);
      throw error;
    }
  }

  /** A pending import (an upload or an entry change, not an open form) that is still waiting. */
  private async readImport(token: string): Promise<PendingImport | undefined> {
    const pending = await this.readPending(token);
    return pending?.form ? undefined : pending;
  }

  /** A pending import or open form that is still waiting; an expired one is removed. */
  private async readPending(token: string): Promise<PendingImport | undefined> {
    const pending = await this.options.store.readPendingImport(token);
    if (pending && Date.parse(pending.expiresAt) < Date.now()) {
      await this.options.store.removePendingImport(token);
      return undefined;
    }
    return pending;
  }

  private async dropExpiredImports(): Promise<void> {
    for (const token of await this.options.store.pendingImportTokens()) await this.readPending(token);
  }
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

/** A file name for a new article: its date and source id, made unique and safe. */
function newArticleFile(published: string, sourceId: string, taken: readonly string[]): string {
  const base = `${published}-${sourceId}`.toLowerCase().replace(/[^a-z0-9._-]+/g, '-').slice(0, 90);
  let name = `${base}.json`;
  for (let n = 2; taken.includes(`${ARTICLES_FOLDER}/${name}`); n++) name = `${base}-${String(n)}.json`;
  if (!ARTICLE_FILE_NAME.test(name)) name = `article-${hashText(sourceId).slice(0, 12)}.json`;
  return `${ARTICLES_FOLDER}/${name}`;
}
