// Once per test run: dist/ is built when stale (tests run `npm start` as users do), and history and audit files of the
// bundled data go to a temp STATE_DIR, never into the repository.
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export default async function setup(): Promise<() => Promise<void>> {
  execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'build-if-stale.js')], { cwd: ROOT, stdio: 'inherit' });
  const stateDir = await mkdtemp(path.join(tmpdir(), 'newsdesk-test-state-'));
  // Test workers and the bots they spawn inherit it; tests with their own data directory keep their own state.
  process.env.STATE_DIR = stateDir;
  return async () => {
    await rm(stateDir, { recursive: true, force: true });
  };
}
