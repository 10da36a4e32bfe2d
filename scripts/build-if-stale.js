// Runs before `npm start` and the CLIs: compiles src/ to dist/ when a source changed since the last build, else nothing
// (`--force`, as `npm run build` passes it: always). Plain JavaScript, so it runs before anything is built.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** Written after each successful build (tsc leaves its own output untouched when nothing changed): the files built. */
const STAMP = path.join(ROOT, 'dist', '.built');
const ENTRY = path.join(ROOT, 'dist', 'src', 'main.js');
const INPUTS = ['src', 'commands', 'tsconfig.json', 'tsconfig.build.json'];

/** Every file under the inputs, relative to the root (none in an image without sources). */
function sourceFiles(file) {
  const stats = statSync(path.join(ROOT, file), { throwIfNoEntry: false });
  if (!stats) return [];
  if (!stats.isDirectory()) return [file];
  return readdirSync(path.join(ROOT, file)).flatMap((name) => sourceFiles(path.join(file, name)));
}

/** The stamp lists the files built, so a file added, removed or renamed (which keeps its time) counts as a change. */
function readStamp() {
  if (!existsSync(ENTRY)) return undefined;
  const stats = statSync(STAMP, { throwIfNoEntry: false });
  return stats ? { time: stats.mtimeMs, files: readFileSync(STAMP, 'utf8') } : undefined;
}

const files = INPUTS.flatMap(sourceFiles).sort();
const listing = `${JSON.stringify(files, null, 1)}\n`;
const stamp = readStamp();
const force = process.argv.includes('--force');
const fresh = stamp !== undefined && stamp.files === listing && files.every((file) => statSync(path.join(ROOT, file)).mtimeMs <= stamp.time);
if (!force && (fresh || (stamp !== undefined && files.length === 0))) process.exit(0);

const tsc = path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
if (!existsSync(tsc)) {
  if (existsSync(ENTRY)) {
    console.error('dist/ is older than src/, and TypeScript is not installed to rebuild it: running dist/ as it is.');
    process.exit(0);
  }
  console.error('dist/ is missing: run `npm ci && npm run build` (building needs the dev dependencies).');
  process.exit(1);
}
if (!force) console.error(stamp !== undefined ? 'Rebuilding dist/ (sources changed since the last build)…' : 'Building dist/ (first run)…');
// Stamped with the time the build started, so a file saved during the build counts as newer.
const started = new Date();
const result = spawnSync(process.execPath, [tsc, '-p', path.join(ROOT, 'tsconfig.build.json')], { cwd: ROOT, stdio: 'inherit' });
if (result.status !== 0) process.exit(result.status ?? 1);
writeFileSync(STAMP, listing);
utimesSync(STAMP, started, started);
