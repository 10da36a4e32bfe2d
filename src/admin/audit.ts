// The audit trail: every data action appended to the store's audit log, and posted to the moderators' channel in the
// background. Never on the critical path: a change that is made stays made even when its audit line cannot be written.
import type { Logger } from 'pino';
import { logFieldsOf, storeProblemOf } from './problems.ts';
import type { ModLog } from './mod-log.ts';
import type { DataStore, RecoveryOutcome } from './store.ts';

/** Who asked for a change, for the audit trail. */
export interface Actor {
  readonly id: string;
  readonly name: string;
  readonly guildId?: string;
}

/** One line of the audit trail: who did what, when, and how it ended. */
export interface AuditEntry {
  readonly at: string;
  readonly by: Actor;
  readonly action: 'reload' | 'validate' | 'import' | 'edit' | 'add' | 'remove' | 'draft' | 'confirm' | 'cancel' | 'rollback' | 'export' | 'refused' | 'watch';
  /** `committing` is written just before a change's commit point, so a change that goes live always has a line. */
  readonly outcome:
    | 'applied'
    | 'unchanged'
    | 'invalid'
    | 'previewed'
    | 'cancelled'
    | 'expired'
    | 'stale'
    | 'busy'
    | 'refused'
    | 'failed'
    | 'exported'
    | 'committing'
    | 'discarded';
  /** Links the lines of one change: its `committing` line and how it ended. */
  readonly change?: string;
  readonly from?: string;
  readonly to?: string;
  readonly summary?: string;
  readonly problems?: number;
  readonly detail?: string;
  /** For a summary of refused attempts posted to the moderators' channel: how many it counts. */
  readonly attempts?: number;
}

/** Messages of the audit trail; tests import them. */
export const auditMessages = Object.freeze({
  cannotWrite: (reason: string) => `The audit log could not be written: ${reason}. Actions still work but are not recorded.`,
  finishedAtStartUp: 'The bot stopped after this change was committed; start-up finished it and it is live.',
  liveAtStartUp: 'The bot stopped before recording how this change ended; it is live.',
  discardedAtStartUp: 'The bot stopped before this change was committed; start-up discarded it and nothing was changed.',
});

/** How many of the newest audit lines start-up reads to find a change interrupted by a stop. */
const RECONCILE_LINES = 200;

export interface AuditTrailOptions {
  readonly store: DataStore;
  readonly logger: Logger;
  readonly modLog?: ModLog;
}

export class AuditTrail {
  /** Set while the audit log cannot be written: a sentence for /data status. */
  problem: string | undefined;

  constructor(private readonly options: AuditTrailOptions) {}

  /** Appends an entry and queues it for the moderators' channel. Never throws, never waits for Discord. */
  async record(entry: Omit<AuditEntry, 'at'>, post = true): Promise<AuditEntry> {
    const full: AuditEntry = { at: new Date().toISOString(), ...entry };
    await this.append(full);
    this.options.logger.info({ audit: full }, 'data action');
    if (post) this.options.modLog?.post(full);
    return full;
  }

  /** A refused attempt: on disk like every entry; in the moderators' channel rate-limited and aggregated. */
  async refused(entry: Omit<AuditEntry, 'at'>): Promise<void> {
    const full = await this.record(entry, false);
    this.options.modLog?.refused(full);
  }

  /**
   * At start-up: a change whose `committing` line has no outcome was interrupted by a stop. Writes how it ended,
   * judged by what is live now (recovery has already finished or discarded it). Checked again under the data lock, so
   * that of several shards starting at once only one writes it; a store that cannot be locked is logged, not thrown.
   */
  async reconcile(liveVersion: string, recovery: RecoveryOutcome): Promise<void> {
    try {
      if (!(await this.interrupted())) return;
      await this.options.store.exclusive(async () => {
        const interrupted = await this.interrupted();
        if (!interrupted) return;
        const live = interrupted.to === liveVersion;
        const { at: _at, ...entry } = interrupted;
        await this.record({
          ...entry,
          outcome: live ? 'applied' : 'discarded',
          detail: live ? (recovery === 'rolled-forward' ? auditMessages.finishedAtStartUp : auditMessages.liveAtStartUp) : auditMessages.discardedAtStartUp,
        });
      });
    } catch (error) {
      this.options.logger.warn({ ...problemFields(error) }, 'could not check the audit log for a change interrupted by a stop');
    }
  }

  /** The newest `committing` line that no later line of the same change follows. */
  private async interrupted(): Promise<AuditEntry | undefined> {
    const entries = await this.options.store.readAudit(RECONCILE_LINES);
    const index = entries.findLastIndex((entry) => entry.outcome === 'committing' && typeof entry.change === 'string');
    const found = entries[index];
    if (!found || entries.slice(index + 1).some((entry) => entry.change === found.change)) return undefined;
    return found as unknown as AuditEntry;
  }

  private async append(entry: AuditEntry): Promise<void> {
    try {
      await this.options.store.appendAudit({ ...entry });
      if (this.problem !== undefined) this.options.logger.info('the audit log can be written again');
      this.problem = undefined;
    } catch (error) {
      const reason = storeProblemOf(error)?.message ?? (error instanceof Error ? error.message : String(error));
      // One line per episode: a full disk would otherwise add a line to every action.
      if (this.problem === undefined) this.options.logger.error({ ...problemFields(error), action: entry.action, outcome: entry.outcome }, `could not write the audit log: ${reason}`);
      this.problem = auditMessages.cannotWrite(reason);
    }
  }
}

/** Log fields of a storage failure: a known condition without a stack, anything else as the error itself. */
export function problemFields(error: unknown): Record<string, unknown> {
  const problem = storeProblemOf(error);
  return problem ? logFieldsOf(problem) : { err: error };
}
