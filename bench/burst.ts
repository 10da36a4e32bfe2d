// `npm run bench:burst`: the bot as its own process (node on dist/) under a burst of 2,000 interactions from 2,000
// members at once, then a sustained 500 per second for 30 s, through the fake Discord. It reports reply latency,
// throughput, the bot's event-loop lag (prom-client, read from its /metrics) and how fast /healthz answers meanwhile
// (probed every 20 ms from a thread of this process, so that the probe does not wait behind the fake's own work).
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import { FakeDiscord } from '../test/support/fake-discord/index.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({ options: { burst: { type: 'string', default: '2000' }, rate: { type: 'string', default: '500' }, seconds: { type: 'string', default: '30' } } });
const BURST = Number(values.burst);
const RATE = Number(values.rate);
const SECONDS = Number(values.seconds);
const QUERIES = ['Tokayev', 'Lutnick', 'tokaev', 'boeing', 'kazakhstan', 'Токаев', 'umarov', 'locomotives', 'chips', 'human rights'];

const PROBE = String.raw`
const { parentPort, workerData } = require('node:worker_threads');
const times = [];
let stop = false;
parentPort.on('message', () => { stop = true; });
(async () => {
  while (!stop) {
    const started = performance.now();
    try { const response = await fetch(workerData.url, { signal: AbortSignal.timeout(5000) }); await response.text(); times.push({ ms: performance.now() - started, status: response.status }); }
    catch { times.push({ ms: performance.now() - started, status: 0 }); }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  parentPort.postMessage(times);
})();
`;

interface Probe {
  readonly ms: number;
  readonly status: number;
}

function percentile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
}

/** Probes /healthz from a thread until `done` resolves; resolves with every probe's time. */
async function probeDuring(url: string, done: Promise<unknown>): Promise<Probe[]> {
  const worker = new Worker(PROBE, { eval: true, workerData: { url } });
  await done;
  worker.postMessage('stop');
  const [times] = (await once(worker, 'message')) as [Probe[]];
  await worker.terminate();
  return times;
}

/** The bot's event-loop lag since the last scrape (prom-client resets it on every scrape). */
async function eventLoopLag(metricsUrl: string): Promise<{ max: number; p99: number }> {
  const text = await (await fetch(metricsUrl)).text();
  const read = (name: string): number => Number(new RegExp(`^newsdesk_nodejs_eventloop_lag_${name}_seconds(?:\\{[^}]*\\})? (\\S+)$`, 'm').exec(text)?.[1] ?? NaN) * 1000;
  return { max: read('max'), p99: read('p99') };
}

let nextUser = 500_000_000_000_000_000n;
function sendOne(fake: FakeDiscord, i: number): Promise<number> {
  const started = performance.now();
  nextUser += 1n;
  const handle = fake.sendCommand({ name: 'quote', options: { query: QUERIES[i % QUERIES.length] ?? '' }, user: { id: String(nextUser), username: `m${String(i)}` } });
  return handle.callback({ timeoutMs: 30_000 }).then((callback) => {
    if (callback.status >= 300) throw new Error(`refused: ${JSON.stringify(callback.error)}`);
    return performance.now() - started;
  });
}

function row(name: string, latencies: readonly number[], seconds: number, lag: { max: number; p99: number }, probes: readonly Probe[]): string {
  const probeTimes = probes.map((probe) => probe.ms);
  const failed = probes.filter((probe) => probe.status !== 200).length;
  return `| ${name} | ${percentile(latencies, 0.5).toFixed(1)} | ${percentile(latencies, 0.99).toFixed(1)} | ${(latencies.length / seconds).toFixed(0)} | ${lag.p99.toFixed(0)} / ${lag.max.toFixed(0)} | ${percentile(probeTimes, 0.5).toFixed(1)} / ${percentile(probeTimes, 0.99).toFixed(1)} / ${Math.max(...probeTimes).toFixed(1)} | ${String(failed)} of ${String(probes.length)} |`;
}

const build = spawn(process.execPath, ['scripts/build-if-stale.js'], { cwd: ROOT, stdio: 'inherit' });
await once(build, 'exit');
const fake = await FakeDiscord.start({ waitTimeoutMs: 30_000 });
const bot = spawn(process.execPath, ['--enable-source-maps', 'dist/src/main.js'], {
  cwd: ROOT,
  env: { PATH: process.env.PATH, DISCORD_TOKEN: fake.token, DISCORD_API_URL: fake.apiUrl, HEALTH_PORT: '0', COOLDOWN_SECONDS: '0', LOG_LEVEL: 'info', STATE_DIR: path.join(ROOT, 'bench', 'out', 'burst-state') },
  stdio: ['ignore', 'pipe', 'inherit'],
});
let healthUrl = '';
let log = '';
bot.stdout.on('data', (chunk: Buffer) => {
  log += chunk.toString('utf8');
  healthUrl ||= /"url":"(http:[^"]+)"[^\n]*health endpoint listening/.exec(log)?.[1] ?? '';
  // Keep only the tail: a busy bot logs a line per interaction.
  if (log.length > 100_000) log = log.slice(-1000);
});
try {
  await fake.waitForShards(1, { timeoutMs: 60_000 });
  if (!healthUrl) throw new Error('the bot did not say where its health endpoint listens');
  for (let i = 0; i < 200; i++) await sendOne(fake, i);
  const lines: string[] = [];

  await eventLoopLag(`${healthUrl}/metrics`);
  const burstStarted = performance.now();
  const burst = Promise.all(Array.from({ length: BURST }, (_, i) => sendOne(fake, i)));
  const burstProbes = probeDuring(`${healthUrl}/healthz`, burst);
  const burstLatencies = await burst;
  const burstSeconds = (performance.now() - burstStarted) / 1000;
  lines.push(row(`burst of ${BURST.toLocaleString('en-US')} at once`, burstLatencies, burstSeconds, await eventLoopLag(`${healthUrl}/metrics`), await burstProbes));

  const sustained: Promise<number>[] = [];
  const perTick = RATE / 50;
  const sustainedStarted = performance.now();
  const sending = (async () => {
    for (let tick = 0; tick < SECONDS * 50; tick++) {
      for (let k = 0; k < perTick; k++) sustained.push(sendOne(fake, tick * perTick + k));
      const due = sustainedStarted + (tick + 1) * 20;
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, due - performance.now())));
    }
    return Promise.all(sustained);
  })();
  const sustainedProbes = probeDuring(`${healthUrl}/healthz`, sending);
  const sustainedLatencies = await sending;
  const sustainedSeconds = (performance.now() - sustainedStarted) / 1000;
  lines.push(row(`${String(RATE)}/s for ${String(SECONDS)} s`, sustainedLatencies, sustainedSeconds, await eventLoopLag(`${healthUrl}/metrics`), await sustainedProbes));

  const table = [
    '| load | reply p50 (ms) | reply p99 (ms) | interactions/s | event-loop lag p99 / max (ms) | /healthz p50 / p99 / max (ms) | probes not 200 |',
    '|---|---:|---:|---:|---:|---:|---:|',
    ...lines,
  ].join('\n');
  console.log(table);
  await mkdir(path.join(ROOT, 'bench', 'out'), { recursive: true });
  await writeFile(path.join(ROOT, 'bench', 'out', 'burst.md'), `${table}\n`);
} finally {
  bot.kill('SIGTERM');
  await once(bot, 'exit');
  await fake.close();
}
