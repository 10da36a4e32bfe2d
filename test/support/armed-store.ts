// A store on files whose writes fail (or hang) at one chosen step once a test arms it: start-up writes go through
// first, then the test decides when the disk "fills up" or the process "crashes".
import path from 'node:path';
import { FileDataStore, type StoreStep } from '../../src/admin/file-store.ts';

export interface ArmedStore {
  readonly store: FileDataStore;
  /** Whether the next write at the step strikes. */
  armed: boolean;
}

/** A FileDataStore on `dataDir` (state in `dataDir/.state` unless given) that calls `strike` before `step` while armed. */
export function armedStore(dataDir: string, step: StoreStep, strike: (armed: ArmedStore) => void | Promise<void>, stateDir = path.join(dataDir, '.state')): ArmedStore {
  const armed: { store?: FileDataStore; armed: boolean } = { armed: false };
  const store = new FileDataStore({
    dataDir,
    stateDir,
    historyLimit: 10,
    faults: {
      before: (at) => (armed.armed && at === step ? strike(result) : undefined),
    },
  });
  const result: ArmedStore = Object.assign(armed, { store });
  return result;
}

/** A file-system error as Node raises it: the store cannot tell it from the real thing. */
export function diskError(code: string, file: string): Error {
  return Object.assign(new Error(`${code}: simulated, open '${file}'`), { code, errno: -1, syscall: 'open', path: file });
}
