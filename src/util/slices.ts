// Long builds written once as generators: run straight through, or in slices that never block the event loop long.
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';

/** A build that yields now and then (a good place to pause) and returns its result. */
export type Steps<T> = Generator<void, T, void>;

/** Runs a build to the end without pausing: for tests, scripts and start-up. */
export function runSteps<T>(steps: Steps<T>): T {
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}

/**
 * Runs a build in slices of about `sliceMs`, giving the event loop a turn in between, so interactions keep being
 * answered while a reload builds. Each step between two yields must itself be short.
 */
export async function runStepsInSlices<T>(steps: Steps<T>, sliceMs = 8): Promise<T> {
  let sliceStart = performance.now();
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
    if (performance.now() - sliceStart >= sliceMs) {
      await yieldToEventLoop();
      sliceStart = performance.now();
    }
  }
}
