// What the moderators' data flows need from storage, as one small interface: the files on disk implement it
// (file-store.ts), and so does PostgreSQL (store/postgres/). The flows never know which one they talk to.
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { hashText } from '../data/dataset.ts';
import { ARTICLE_FILE_NAME, ARTICLES_FOLDER } from '../data/load.ts';
import type { RawArticleFile } from '../data/validate.ts';

export interface DataChange {
  /** Files to create or replace, named like `articles/x.json`. */
  readonly write: readonly RawArticleFile[];
  /** Files to delete, named like `articles/x.json`. */
  readonly remove: readonly string[];
  /**
   * The live version the change was prepared against (EMPTY_VERSION for a store with no articles yet): commit refuses
   * the change with StaleChangeError when another version is live now.
   */
  readonly base: string;
}

/** A change prepared against a version that is no longer live: nothing was written; prepare it again. */
export class StaleChangeError extends Error {
  override readonly name = 'StaleChangeError';
  constructor(
    /** The version the change was prepared against. */
    readonly base: string,
    /** The version live in the store now. */
    readonly live: string,
  ) {
    super(`the change was prepared against version ${base}, but ${live} is live now; nothing was written`);
  }
}

/** Whether a store can take changes now; `detail` says why not, in one line for /data status and /healthz. */
export interface StoreHealth {
  readonly ok: boolean;
  readonly detail?: string;
}

export interface Moderator {
  readonly id: string;
  readonly name: string;
}

export interface ChangeMeta {
  readonly by: Moderator;
  /** What was done, in the bot's words: `import`, `reload`, `rollback`, `startup`. */
  readonly action: string;
  readonly summary?: string;
  /** For a rollback: the version restored. */
  readonly restores?: string;
}

export const VersionRecordSchema = z.object({
  version: z.string(),
  /** file → sha256 of its text */
  files: z.record(z.string(), z.string()),
  at: z.string(),
  by: z.object({ id: z.string(), name: z.string() }),
  action: z.string(),
  summary: z.string().optional(),
  restores: z.string().optional(),
  /** The version that was live before this one. */
  previous: z.string().optional(),
});
export type VersionRecord = z.infer<typeof VersionRecordSchema>;

/** The change a pending import makes: an upload, or one entry edited, added or removed in Discord. */
export const ChangeActionSchema = z.enum(['import', 'edit', 'add', 'remove']);
export type ChangeAction = z.infer<typeof ChangeActionSchema>;

/**
 * A form (modal) a moderator opened and has not submitted yet: what it edits, and what it was opened against. Kept
 * in the store beside pending imports, so that any process (a restarted one, another replica) can take the submission.
 */
export const OpenFormSchema = z.object({
  action: z.enum(['edit', 'add']),
  kind: z.enum(['quote', 'deal', 'fact', 'entity']),
  /** Edit: the entry's id and its fingerprint when the form opened. */
  entry: z.string().optional(),
  fingerprint: z.string().optional(),
  /** Add: the article (source id) it goes in, and what the command's options chose: speaker, parties, subjects… */
  source: z.string().optional(),
  chosen: z.record(z.string(), z.array(z.string())).default({}),
});
export type OpenForm = z.infer<typeof OpenFormSchema>;

/** An uploaded article waiting for its uploader's Confirm (or an open form, waiting for its submission). */
export const PendingImportSchema = z.object({
  token: z.string(),
  by: z.object({ id: z.string(), name: z.string(), guildId: z.string().optional() }),
  file: z.string(),
  text: z.string(),
  /** The live version the preview was computed against. */
  base: z.string(),
  expiresAt: z.string(),
  /** What the change is, for the audit trail and history; an upload when absent. */
  action: ChangeActionSchema.optional(),
  /** The entry an edit, addition or removal is about. */
  entry: z.string().optional(),
  form: OpenFormSchema.optional(),
});
export type PendingImport = z.infer<typeof PendingImportSchema>;

/** What start-up recovery did: nothing to do, finished a committed change, or dropped an uncommitted one. */
export type RecoveryOutcome = 'clean' | 'rolled-forward' | 'discarded';

/** A damaged history put aside: where it went, and how many of its records were readable and kept. */
export interface HistorySetAside {
  readonly setAsideAs: string;
  readonly kept: number;
}

/**
 * Storage for the live articles, their kept versions, pending imports and the audit log. Expected failures (a full
 * disk, a read-only folder, a damaged file) are thrown as StoreProblem or as file-system errors with a code.
 */
export interface DataStore {
  /** Runs `work` as the only data change in progress, across every process that shares this store. */
  exclusive<T>(work: () => Promise<T>): Promise<T>;
  /** Finishes a change interrupted after its commit point, or discards one interrupted before it. Idempotent. */
  recover(): Promise<RecoveryOutcome>;
  /** The live article files, sorted by name, never a mix of two versions. */
  readArticles(): Promise<RawArticleFile[]>;
  /** The version live in the store now: what a change is prepared against (EMPTY_VERSION when it has no articles). */
  liveVersion(): Promise<string>;
  /**
   * Applies a change all or nothing if `change.base` is still live (else StaleChangeError, nothing written), then
   * records the new version in history. A failure before the commit point leaves the old files; a failure after it
   * (recording history) leaves the new files in place.
   */
  commit(change: DataChange, meta: ChangeMeta): Promise<VersionRecord>;
  /** Records files already live as a version (start-up, a reload of edited files); no-op if it is the newest. */
  recordVersion(files: readonly RawArticleFile[], meta: ChangeMeta): Promise<VersionRecord>;
  /** Every kept version record, oldest first; a damaged history is a StoreProblem of kind 'damaged'. */
  history(): Promise<readonly VersionRecord[]>;
  /** Puts a damaged history aside and starts a new one from its readable records. */
  setAsideHistory(): Promise<HistorySetAside>;
  /** The complete file set of a kept version, sorted by name. */
  filesOf(version: string): Promise<RawArticleFile[]>;
  savePendingImport(pending: PendingImport): Promise<void>;
  /** A pending import, or undefined when there is none (or it cannot be read). */
  readPendingImport(token: string): Promise<PendingImport | undefined>;
  /** Removes a pending import; true if it was there. */
  removePendingImport(token: string): Promise<boolean>;
  pendingImportTokens(): Promise<string[]>;
  /** Appends one entry to the audit log, durably; `at` is added unless the entry has one. */
  appendAudit(entry: Record<string, unknown>): Promise<void>;
  /** The last `limit` audit entries (all when omitted), newest last. */
  readAudit(limit?: number): Promise<Record<string, unknown>[]>;
  /**
   * Calls `listener` with every version any process makes live (this one's included) and, after the store lost and
   * regained its connection, with the live version in case a change was missed; returns what stops it. Undefined
   * when the store cannot tell (files: the shard coordinator carries a change to the other shards instead).
   */
  watchLive(listener: (version: string) => void): (() => void) | undefined;
  /** Whether changes can be made now (a database store says why not while its database is unreachable). */
  health(): StoreHealth;
  /** Where the data lives, for /data status and start-up errors: DATA_DIR, or the database without its password. */
  readonly location: string;
  /** Releases connections and timers; nothing is called on the store after. */
  close(): Promise<void>;
}

/** The version of a set of files given as file → sha256 of its text: mirrors datasetVersion in data/dataset.ts exactly. */
export function versionOfFiles(hashes: Readonly<Record<string, string>>): string {
  const hash = createHash('sha256');
  for (const file of Object.keys(hashes).sort((a, b) => a.localeCompare(b))) {
    hash.update(file).update('\0').update(hashes[file] ?? '').update('\0');
  }
  return hash.digest('hex').slice(0, 12);
}

/** The file → sha256 map of a set of files, in name order. */
export function hashesOf(files: readonly RawArticleFile[]): Record<string, string> {
  const hashes: Record<string, string> = {};
  for (const file of [...files].sort(byFile)) hashes[file.file] = hashText(file.text);
  return hashes;
}

/** The version of a store with no articles: the base of its first change. */
export const EMPTY_VERSION = versionOfFiles({});

/** Orders article files by name, as every store returns them. */
export function byFile(a: RawArticleFile, b: RawArticleFile): number {
  return a.file.localeCompare(b.file);
}

/** The bare name of `articles/<name>`, or a clear error for anything that could point elsewhere. */
export function articleName(file: string): string {
  const prefix = `${ARTICLES_FOLDER}/`;
  const name = file.startsWith(prefix) ? file.slice(prefix.length) : '';
  if (!ARTICLE_FILE_NAME.test(name)) {
    throw new Error(
      `refusing to touch "${file}": article files are named ${prefix}<name>.json, the name in lowercase letters, digits, ".", "_" or "-"`,
    );
  }
  return name;
}

/** Refuses a change that names one file twice (written twice, or both written and removed). */
export function assertDistinct(files: readonly string[]): void {
  const seen = new Set<string>();
  for (const file of files) {
    if (seen.has(file)) throw new Error(`a change names ${file} twice (written twice, or both written and removed)`);
    seen.add(file);
  }
}
