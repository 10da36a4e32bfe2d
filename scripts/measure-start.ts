// `npm run measure:start`: start-up time and resident memory of `npm start` (the whole process tree) against the fake Discord.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { FakeDiscord } from '../test/support/fake-discord/index.ts';
import { isRunning, killIfRunning, processTree } from '../test/support/processes.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({ options: { runs: { type: 'string', default: '3' }, shards: { type: 'string', default: '0' } } });
const runs = Number(values.runs);
const shards = Number(values.shards);

/** Resident memory of a process in MB (0 when it is gone). */
async function rssMb(pid: number): Promise<number> {
  const status = await readFile(`/proc/${String(pid)}/status`, 'utf8').catch(() => '');
  const kb = /VmRSS:\s+(\d+)/.exec(status)?.[1];
  return kb === undefined ? 0 : Number(kb) / 1024;
}

async function measureOnce(): Promise<{ startMs: number; rssMb: number; processes: number; leftRunning: number }> {
  const fake = await FakeDiscord.start({ shardCount: Math.max(1, shards), waitTimeoutMs: 60_000 });
  const stateDir = await mkdtemp(path.join(tmpdir(), 'newsdesk-measure-'));
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '',
    DISCORD_TOKEN: fake.token,
    DISCORD_API_URL: fake.apiUrl,
    LOG_LEVEL: 'warn',
    STATE_DIR: stateDir,
    ...(shards > 0 ? { SHARD_COUNT: String(shards) } : {}),
  };
  const started = performance.now();
  const child = spawn('npm', ['start', '--silent'], { cwd: ROOT, env, stdio: ['ignore', 'ignore', 'inherit'] });
  let pids: number[] = [];
  try {
    await fake.waitForShards(Math.max(1, shards), { timeoutMs: 120_000 });
    await fake.sendCommand({ name: 'quote', options: { query: 'Tokayev' } }).callback({ timeoutMs: 10_000 });
    const startMs = performance.now() - started;
    // Let start-up garbage settle before reading memory.
    await new Promise((resolve) => setTimeout(resolve, 3000));
    pids = await processTree(child.pid ?? 0);
    const sizes = await Promise.all(pids.map(rssMb));
    const measured = { startMs, rssMb: sizes.reduce((sum, size) => sum + size, 0), processes: pids.length };
    child.kill('SIGTERM');
    await once(child, 'exit');
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const running = await Promise.all(pids.map(isRunning));
    return { ...measured, leftRunning: running.filter(Boolean).length };
  } finally {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    // Whatever outlived SIGTERM (what this script reports) must not outlive the measurement.
    for (const pid of pids) killIfRunning(pid);
    await fake.close();
    await rm(stateDir, { recursive: true, force: true });
  }
}

const results = [];
for (let run = 0; run < runs; run += 1) results.push(await measureOnce());
const median = (numbers: number[]): number => [...numbers].sort((a, b) => a - b)[Math.floor(numbers.length / 2)] ?? 0;
console.log(
  `${shards > 0 ? `SHARD_COUNT=${String(shards)}` : 'unsharded'}: start-up to first answer ${median(results.map((r) => r.startMs)).toFixed(0)} ms, ` +
    `resident memory ${median(results.map((r) => r.rssMb)).toFixed(0)} MB in ${String(median(results.map((r) => r.processes)))} processes (median of ${String(runs)}); ` +
    `left running after SIGTERM to npm: ${String(Math.max(...results.map((r) => r.leftRunning)))}`,
);
