// DATA_WATCH: article files edited outside Discord trigger a reload, debounced, one run at a time.
import { watch } from 'node:fs';
import type { Logger } from 'pino';

/** A folder being watched; stop() also waits for a run that is under way, so nothing writes after it. */
export interface ArticleWatch {
  stop(): Promise<void>;
}

/** Runs `onChange` `debounceMs` after the last change to a `*.json` file in `folder` (hidden files ignored). */
export function watchArticles(folder: string, debounceMs: number, onChange: () => Promise<void>, logger: Logger): ArticleWatch {
  let timer: NodeJS.Timeout | undefined;
  let run: Promise<void> = Promise.resolve();
  const watcher = watch(folder, (_event, name) => {
    if (typeof name === 'string' && (name.startsWith('.') || !name.endsWith('.json'))) return;
    clearTimeout(timer);
    timer = setTimeout(() => {
      run = run.then(onChange).catch((error: unknown) => {
        logger.warn({ error: error instanceof Error ? error.message : String(error) }, 'reload after a file change failed');
      });
    }, debounceMs);
    timer.unref();
  });
  watcher.on('error', (error) => {
    logger.warn({ error: error.message }, 'stopped watching the data directory');
  });
  return {
    async stop() {
      clearTimeout(timer);
      watcher.close();
      await run;
    },
  };
}
