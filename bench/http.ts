// `npm run bench:http`: signed interactions over loopback against 1, 2 and 4 replicas of the bot in HTTP mode (each its
// own process, node on dist/), sent round-robin as a load balancer would: latency and interactions per second. With
// --postgres, also the time from a change committed to a throwaway PostgreSQL to every replica serving it.
import { spawn, type ChildProcess } from 'node:child_process';
import { generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import { once } from 'node:events';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({
  options: {
    replicas: { type: 'string', default: '1,2,4' },
    n: { type: 'string', default: '4000' },
    concurrency: { type: 'string', default: '64' },
    /** Also start a throwaway PostgreSQL and time a change reaching every replica. */
    postgres: { type: 'boolean', default: false },
  },
});
const QUERIES = ['Tokayev', 'Lutnick', 'tokaev', 'boeing', 'kazakhstan', 'Токаев', 'umarov', 'locomotives', 'chips', 'human rights'];
const APPLICATION_ID = '1100000000000000001';

const { publicKey, privateKey } = generateKeyPairSync('ed25519');
const PUBLIC_KEY_HEX = publicKey.export({ format: 'der', type: 'spki' }).subarray(-32).toString('hex');

function percentile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
}

/** A free loopback port, so each replica can be told its port (its logs stay quiet). */
async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  server.close();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/** A /quote command as Discord would POST it, signed with the benchmark's key. */
function signedQuote(i: number, query = QUERIES[i % QUERIES.length] ?? ''): { body: string; headers: Record<string, string> } {
  const id = String(1_200_000_000_000_000_000n + BigInt(i));
  const payload = {
    id,
    application_id: APPLICATION_ID,
    type: 2,
    token: randomBytes(24).toString('base64url'),
    version: 1,
    locale: 'en-US',
    app_permissions: '0',
    entitlements: [],
    authorizing_integration_owners: { 1: '300000000000000001' },
    context: 1,
    user: { id: String(300_000_000_000_000_000n + BigInt(i % 5000)), username: 'bench', discriminator: '0', global_name: null, avatar: null },
    channel: { id: '1100000000000000003', type: 1 },
    channel_id: '1100000000000000003',
    data: { id: '1100000000000000009', name: 'quote', type: 1, options: [{ type: 3, name: 'query', value: query }] },
  };
  const body = JSON.stringify(payload);
  const timestamp = String(Math.floor(Date.now() / 1000));
  const signature = sign(null, Buffer.from(timestamp + body), privateKey).toString('hex');
  return { body, headers: { 'content-type': 'application/json', 'x-signature-ed25519': signature, 'x-signature-timestamp': timestamp } };
}

async function startReplicas(count: number, stateDir: string, databaseUrl?: string): Promise<{ urls: string[]; children: ChildProcess[] }> {
  const urls: string[] = [];
  const children: ChildProcess[] = [];
  for (let i = 0; i < count; i++) {
    const port = await freePort();
    const child = spawn(process.execPath, ['--enable-source-maps', 'dist/src/main.js'], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH,
        INTERACTIONS_PORT: String(port),
        DISCORD_PUBLIC_KEY: PUBLIC_KEY_HEX,
        COOLDOWN_SECONDS: '0',
        LOG_LEVEL: 'warn',
        STATE_DIR: path.join(stateDir, String(i)),
        ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    children.push(child);
    urls.push(`http://127.0.0.1:${String(port)}`);
  }
  for (const url of urls) {
    for (let attempt = 0; ; attempt++) {
      const ok = await fetch(`${url}/healthz`).then((response) => response.ok, () => false);
      if (ok) break;
      if (attempt > 300) throw new Error(`${url} did not become healthy`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  return { urls, children };
}

async function load(urls: readonly string[], total: number, concurrency: number): Promise<{ latencies: number[]; seconds: number }> {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) {
        const i = next++;
        const { body, headers } = signedQuote(i);
        const sent = performance.now();
        const response = await fetch(`${urls[i % urls.length] ?? ''}/interactions`, { method: 'POST', body, headers });
        const answer = (await response.json()) as { type?: number };
        if (response.status !== 200 || answer.type !== 4) throw new Error(`unexpected answer ${String(response.status)} ${JSON.stringify(answer).slice(0, 200)}`);
        latencies.push(performance.now() - sent);
      }
    }),
  );
  return { latencies: latencies.sort((a, b) => a - b), seconds: (performance.now() - started) / 1000 };
}

/** Does the signed /quote for `query` come back with `words` from this replica? */
async function serves(url: string, query: string, words: string, i: number): Promise<boolean> {
  const { body, headers } = signedQuote(i, query);
  const response = await fetch(`${url}/interactions`, { method: 'POST', body, headers });
  return (await response.text()).includes(words);
}

/**
 * The time from a change committed to the database (a new article pushed, as `npm run data:push` does) to every
 * replica serving it, over LISTEN/NOTIFY: four replicas on one throwaway PostgreSQL, five changes.
 */
async function propagation(): Promise<string[]> {
  const { startPostgres } = await import('../test/support/postgres.ts');
  const { PgDataStore } = await import('../src/store/postgres/pg-store.ts');
  const { pushDataDirectory } = await import('../src/store/push.ts');
  const pino = (await import('pino')).default;
  const cluster = await startPostgres();
  const url = await cluster.createDatabase();
  const stateDir = await mkdtemp(path.join(tmpdir(), 'newsdesk-bench-http-'));
  const { urls, children } = await startReplicas(4, stateDir, url);
  const store = await PgDataStore.open({ url, historyLimit: 10, logger: pino({ level: 'silent' }) });
  const times: number[] = [];
  try {
    for (let round = 0; round < 5; round++) {
      const dir = path.join(stateDir, `push-${String(round)}`);
      await mkdir(path.join(dir, 'articles'), { recursive: true });
      const { cp } = await import('node:fs/promises');
      await cp(path.join(ROOT, 'data', 'articles'), path.join(dir, 'articles'), { recursive: true });
      const words = `Propagation round ${String(round)} reaches everyone.`;
      const id = `bench-propagation-${String(round)}`;
      await writeFile(
        path.join(dir, 'articles', `${id}.json`),
        JSON.stringify({
          source: { id, publisher: 'Bench Herald', published: '2026-01-13', authors: ['A. Bench'], subject: 'Propagation', summary: 'Benchmark.' },
          entities: [{ id: `speaker-${String(round)}`, type: 'person', name: `Bench Speaker${String(round)}`, aliases: [`Speakerov${String(round)}`], source: id }],
          quotes: [{ id: `q-${id}`, speaker: `speaker-${String(round)}`, text: words, form: 'statement', context: 'A benchmark.', source: id }],
        }),
      );
      const result = await pushDataDirectory(store, dir, { by: { id: '0', name: 'bench' }, action: 'push' });
      if (result.kind !== 'applied') throw new Error(`push did not apply: ${result.kind}`);
      const committed = performance.now();
      let probe = 0;
      for (const replica of urls) while (!(await serves(replica, `Speakerov${String(round)}`, words, probe++))) await new Promise((resolve) => setTimeout(resolve, 5));
      times.push(performance.now() - committed);
    }
  } finally {
    await store.close();
    for (const child of children) child.kill('SIGTERM');
    await Promise.all(children.map((child) => (child.exitCode === null ? once(child, 'exit') : Promise.resolve())));
    await rm(stateDir, { recursive: true, force: true });
    await cluster.destroy();
  }
  times.sort((a, b) => a - b);
  return [
    `From a change committed to PostgreSQL to all 4 replicas serving it (LISTEN/NOTIFY, ${String(times.length)} changes): median ${percentile(times, 0.5).toFixed(0)} ms, slowest ${(times.at(-1) ?? 0).toFixed(0)} ms.`,
  ];
}

const build = spawn(process.execPath, ['scripts/build-if-stale.js'], { cwd: ROOT, stdio: 'inherit' });
await once(build, 'exit');
const total = Number(values.n);
const concurrency = Number(values.concurrency);
const lines = [
  `${total.toLocaleString('en-US')} signed /quote interactions per row, ${String(concurrency)} in flight, round-robin over the replicas:`,
  '',
  '| replicas | p50 (ms) | p95 (ms) | p99 (ms) | interactions/s |',
  '|---:|---:|---:|---:|---:|',
];
for (const count of values.replicas.split(',').map(Number)) {
  const stateDir = await mkdtemp(path.join(tmpdir(), 'newsdesk-bench-http-'));
  const { urls, children } = await startReplicas(count, stateDir);
  try {
    await load(urls, 400, concurrency);
    const { latencies, seconds } = await load(urls, total, concurrency);
    lines.push(`| ${String(count)} | ${percentile(latencies, 0.5).toFixed(1)} | ${percentile(latencies, 0.95).toFixed(1)} | ${percentile(latencies, 0.99).toFixed(1)} | ${(total / seconds).toFixed(0)} |`);
    console.log(lines.at(-1));
  } finally {
    for (const child of children) child.kill('SIGTERM');
    await Promise.all(children.map((child) => (child.exitCode === null ? once(child, 'exit') : Promise.resolve())));
    await rm(stateDir, { recursive: true, force: true });
  }
}
if (values.postgres) lines.push('', ...(await propagation()));
console.log(`\n${lines.join('\n')}`);
await mkdir(path.join(ROOT, 'bench', 'out'), { recursive: true });
await writeFile(path.join(ROOT, 'bench', 'out', 'http.md'), `${lines.join('\n')}\n`);
