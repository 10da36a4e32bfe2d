// One immutable snapshot (dataset + search index) is live at a time; a new one is built aside and swapped in whole.
import type { Dataset } from './data/dataset.ts';
import type { Logger } from './logger.ts';
import { buildEntrySearch, buildEntrySearchInSlices, type EntrySearch } from './search/search.ts';

export interface Snapshot {
  readonly dataset: Dataset;
  readonly search: EntrySearch;
  /** When this snapshot went live. */
  readonly loadedAt: Date;
}

/** Builds the search index for a dataset. Everything a lookup needs is in the returned object. */
export function buildSnapshot(dataset: Dataset, loadedAt = new Date()): Snapshot {
  return Object.freeze({ dataset, search: buildEntrySearch(dataset), loadedAt });
}

/**
 * buildSnapshot in slices that keep the event loop free, a large archive's texts read on a second thread: for start-up
 * and for changes made while the bot serves. A text thread that fails is logged; the build then runs on one thread.
 */
export async function buildSnapshotInSlices(dataset: Dataset, logger?: Logger): Promise<Snapshot> {
  const search = await buildEntrySearchInSlices(dataset, {
    onThreadFailure: (reason) => {
      logger?.warn({ reason }, 'the text thread of the index build failed; building on one thread');
    },
  });
  return Object.freeze({ dataset, search, loadedAt: new Date() });
}

/**
 * The live snapshot. A lookup reads `current` once and works on that object to the end, so a swap in the middle
 * of a lookup can never show it a mix of old and new data.
 */
export class LiveSnapshot {
  private snapshot: Snapshot;

  constructor(initial: Snapshot) {
    this.snapshot = initial;
  }

  get current(): Snapshot {
    return this.snapshot;
  }

  /** Makes `next` live and returns the snapshot it replaced. */
  swap(next: Snapshot): Snapshot {
    const previous = this.snapshot;
    this.snapshot = next;
    return previous;
  }
}
