// Once per test run: history and audit files of the bundled data go to a temp STATE_DIR, never into the repository.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

export default async function setup(): Promise<() => Promise<void>> {
  const stateDir = await mkdtemp(path.join(tmpdir(), 'newsdesk-test-state-'));
  // Test workers and the bots they spawn inherit it; tests with their own data directory keep their own state.
  process.env.STATE_DIR = stateDir;
  return async () => {
    await rm(stateDir, { recursive: true, force: true });
  };
}
