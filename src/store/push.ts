// Loading a whole data directory into a store as its new live version: `npm run data:push`, and the first start on an
// empty database (seeded from DATA_DIR). Validated as a whole first, audited after, like a moderator's change.
import { summarizeDiff, diffDatasets } from '../admin/diff.ts';
import { hashesOf, versionOfFiles, type DataStore, type Moderator } from '../admin/store.ts';
import { hashText } from '../data/dataset.ts';
import { loadDataDirectory, readArticleFiles } from '../data/load.ts';
import { validateArticleFiles, type DataProblem, type RawArticleFile } from '../data/validate.ts';

export type PushResult =
  | { readonly kind: 'applied'; readonly from: string; readonly to: string; readonly articles: number; readonly summary: string; readonly notes: readonly string[] }
  | { readonly kind: 'unchanged'; readonly version: string }
  | { readonly kind: 'invalid'; readonly problems: readonly DataProblem[] };

export interface PushOptions {
  readonly by: Moderator;
  /** `push` by an operator, `seed` on a first start. */
  readonly action: 'push' | 'seed';
  /** Push only if this version is live (the seed: only into an empty store); otherwise nothing is done. */
  readonly onlyOver?: string;
}

/**
 * Makes every article file of `dir` the store's live version, if they validate as a whole: files that differ are
 * written, files the directory lacks are removed. Runs as one change under the store's lock; audited when applied.
 */
export async function pushDataDirectory(store: DataStore, dir: string, options: PushOptions): Promise<PushResult> {
  let files: RawArticleFile[] = [];
  const result = await loadDataDirectory(dir, async () => (files = await readArticleFiles(dir)));
  if (!result.ok) return { kind: 'invalid', problems: result.problems };
  const after = result.dataset;

  return store.exclusive(async (): Promise<PushResult> => {
    const live = await store.readArticles();
    const liveHashes = hashesOf(live);
    const from = versionOfFiles(liveHashes);
    if (options.onlyOver !== undefined && from !== options.onlyOver) return { kind: 'unchanged', version: from };
    if (from === after.version) return { kind: 'unchanged', version: from };
    const before = validateArticleFiles(live);
    const summary = before.ok ? summarizeDiff(diffDatasets(before.dataset, after)) : `${String(files.length)} article files`;
    const wanted = new Set(files.map((file) => file.file));
    await store.commit(
      {
        write: files.filter((file) => liveHashes[file.file] !== hashText(file.text)),
        remove: live.map((file) => file.file).filter((file) => !wanted.has(file)),
        base: from,
      },
      { by: options.by, action: options.action, summary },
    );
    const notes: string[] = [];
    // The change is live now: an audit line that cannot be written is told, not thrown.
    await store.appendAudit({ by: options.by, action: options.action, outcome: 'applied', from, to: after.version, summary, detail: dir }).catch((error: unknown) => {
      notes.push(`the audit log could not be written: ${error instanceof Error ? error.message : String(error)}`);
    });
    return { kind: 'applied', from, to: after.version, articles: files.length, summary, notes };
  });
}
