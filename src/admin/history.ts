// The kept versions as the admin flows see them: a copy in memory for autocomplete, a damaged history set aside
// instead of failing every change after it, and history that cannot be written noted rather than thrown. History is
// never on the critical path of a change: a change on disk is live whether or not history records it.
import type { Logger } from 'pino';
import { UserError } from '../interaction/errors.ts';
import { problemFields } from './audit.ts';
import { storeProblemOf } from './problems.ts';
import type { ChangeMeta, DataStore, VersionRecord } from './store.ts';

/** Messages about history; tests import them. */
export const historyMessages = Object.freeze({
  setAside: (file: string, kept: number) =>
    `The version history was damaged and has been set aside as ${file} (${String(kept)} readable record${kept === 1 ? '' : 's'} kept): versions recorded only there cannot be rolled back to.`,
  notWritten: (reason: string) => `The version history could not be written (${reason}): the live version may not be offered for rollback later.`,
  noEarlierAfterSetAside: (file: string) =>
    `There is no earlier version to roll back to: the version history was damaged and set aside as ${file}, so only versions recorded since then can be restored.`,
  unavailable: (reason: string) => `Rollback is not possible now: the version history cannot be read (${reason}). Nothing was changed.`,
});

/** Where notes for the moderator's reply go (a change's notes), when there is a reply. */
export type Notes = string[] | undefined;

export class VersionHistory {
  private cache: readonly VersionRecord[] = [];
  private notWritten: string | undefined;
  private setAsideNote: string | undefined;
  /** The file a damaged history was set aside as, while this process runs. */
  setAsideAs: string | undefined;

  constructor(
    private readonly store: DataStore,
    private readonly logger: Logger,
  ) {}

  /** Kept versions, newest first, from memory (autocomplete must not do I/O). */
  get versions(): readonly VersionRecord[] {
    return [...this.cache].reverse();
  }

  /** Sentences for /data status: history set aside, or not writable. */
  get problems(): readonly string[] {
    return [this.setAsideNote, this.notWritten].filter((problem): problem is string => problem !== undefined);
  }

  /** Sets a damaged history aside and starts a new one from its readable records; other failures are noted. */
  async check(notes?: Notes): Promise<void> {
    try {
      await this.store.history();
      return;
    } catch (error) {
      if (storeProblemOf(error)?.kind !== 'damaged') {
        this.failed(error, notes);
        return;
      }
    }
    try {
      const { setAsideAs, kept } = await this.store.setAsideHistory();
      this.setAsideAs = setAsideAs;
      this.setAsideNote = historyMessages.setAside(setAsideAs, kept);
      this.logger.warn({ setAsideAs, kept }, `the version history was damaged; set aside as ${setAsideAs} and started again`);
      notes?.push(this.setAsideNote);
    } catch (error) {
      this.failed(error, notes);
      return;
    }
    // Rebuilt with what is live now, so that the next change can be rolled back.
    await this.record(() => this.store.readArticles(), { by: { id: 'system', name: 'history repair' }, action: 'repair' }, notes);
  }

  /** Records files that are live as a version, if history can; never throws. */
  async record(files: () => Promise<Parameters<DataStore['recordVersion']>[0]>, meta: ChangeMeta, notes?: Notes): Promise<void> {
    try {
      await this.store.recordVersion(await files(), meta);
      this.written();
    } catch (error) {
      this.failed(error, notes);
    }
  }

  /**
   * Records the live `version` unless it is the newest record already (the usual start; a commit that recorded it
   * before failing): only a new version costs a read of every file.
   */
  async recordUnlessNewest(version: string, files: () => Promise<Parameters<DataStore['recordVersion']>[0]>, meta: ChangeMeta, notes: Notes): Promise<void> {
    try {
      if ((await this.store.history()).at(-1)?.version === version) return;
    } catch (error) {
      this.failed(error, notes);
      return;
    }
    await this.record(files, meta, notes);
  }

  /** The history a rollback reads; one that cannot be read is a clear refusal, not a crash. */
  async forRollback(notes: Notes): Promise<readonly VersionRecord[]> {
    await this.check(notes);
    try {
      return await this.store.history();
    } catch (error) {
      throw new UserError('rollback-unavailable', historyMessages.unavailable(reasonOf(error)));
    }
  }

  /** Reads history into memory again (after a change); a failure is noted and the old copy kept. */
  async refresh(notes?: Notes): Promise<void> {
    try {
      this.cache = await this.store.history();
    } catch (error) {
      this.failed(error, notes);
    }
  }

  /** A write went through: history works again. */
  written(): void {
    if (this.notWritten !== undefined) this.logger.info('the version history can be written again');
    this.notWritten = undefined;
  }

  /** History could not be read or written: one log line per episode, a line in /data status, a note on the reply. */
  private failed(error: unknown, notes: Notes): void {
    const note = historyMessages.notWritten(reasonOf(error));
    if (this.notWritten !== note) this.logger.warn({ ...problemFields(error) }, `the version history is unavailable: ${reasonOf(error)}`);
    this.notWritten = note;
    notes?.push(note);
  }
}

function reasonOf(error: unknown): string {
  return storeProblemOf(error)?.message ?? (error instanceof Error ? error.message : String(error));
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
