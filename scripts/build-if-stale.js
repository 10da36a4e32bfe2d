// Runs before `npm start` and the CLIs: compiles src/ to dist/ when a source changed since the last build, else nothing
// (`--force`, as `npm run build` passes it: always). Plain JavaScript, so it runs before anything is built.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** Written after each successful build; tsc leaves its own output untouched when nothing changed. */
const STAMP = path.join(ROOT, 'dist', '.built');
const ENTRY = path.join(ROOT, 'dist', 'src', 'main.js');
const INPUTS = ['src', 'commands', 'tsconfig.json', 'tsconfig.build.json'];

/** The newest modification time under `file` (0 when it does not exist, e.g. in an image without sources). */
function newest(file) {
  const stats = statSync(file, { throwIfNoEntry: false });
  if (!stats) return 0;
  if (!stats.isDirectory()) return stats.mtimeMs;
  return Math.max(stats.mtimeMs, ...readdirSync(file).map((name) => newest(path.join(file, name))));
}

const built = existsSync(ENTRY) ? (statSync(STAMP, { throwIfNoEntry: false })?.mtimeMs ?? 0) : 0;
const sources = Math.max(...INPUTS.map((input) => newest(path.join(ROOT, input))));
const force = process.argv.includes('--force');
if (!force && built > 0 && built >= sources) process.exit(0);

const tsc = path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
if (!existsSync(tsc)) {
  if (built > 0) {
    console.error('dist/ is older than src/, and TypeScript is not installed to rebuild it: running dist/ as it is.');
    process.exit(0);
  }
  console.error('dist/ is missing: run `npm ci && npm run build` (building needs the dev dependencies).');
  process.exit(1);
}
if (!force) console.error(built > 0 ? 'Rebuilding dist/ (sources changed since the last build)…' : 'Building dist/ (first run)…');
// Stamped with the time the build started, so a file saved during the build counts as newer.
const started = new Date();
const result = spawnSync(process.execPath, [tsc, '-p', path.join(ROOT, 'tsconfig.build.json')], { cwd: ROOT, stdio: 'inherit' });
if (result.status !== 0) process.exit(result.status ?? 1);
writeFileSync(STAMP, `${started.toISOString()}\n`);
utimesSync(STAMP, started, started);
