// /healthz answered from a thread of its own. A burst of interactions can keep the bot's event loop busy for a second
// or more; a liveness probe must still get its answer at once (and a loop stuck for good must make the probe fail).
import { Worker } from 'node:worker_threads';
import type { HealthServer, HealthSource } from './health.ts';

/** How often the bot tells the thread how it is, and how old that news may be before the probe fails. */
export const HEALTH_THREAD_DEFAULTS = Object.freeze({ refreshMs: 250, staleMs: 10_000 });

// The thread's own code: node builtins only, so it runs the same from the sources (tests) and from dist/ (production).
const THREAD = String.raw`
const { parentPort, workerData } = require('node:worker_threads');
const http = require('node:http');
let state;
let nextId = 0;
const waiting = new Map();
const send = (response, status, type, body) => { response.writeHead(status, { 'content-type': type }).end(body); };
const server = http.createServer((request, response) => {
  const path = (request.url || '/').split('?')[0];
  if (path !== '/healthz' && path !== '/metrics') return send(response, 404, 'text/plain', 'not found: try /healthz or /metrics\n');
  if (request.method !== 'GET' && request.method !== 'HEAD') { response.writeHead(405, { allow: 'GET, HEAD' }).end(); return; }
  if (path === '/healthz') {
    const age = Date.now() - state.at;
    if (age > workerData.staleMs) {
      const reason = 'the bot has not reported its health for ' + Math.round(age / 1000) + ' s: its event loop may be stuck';
      return send(response, 503, 'application/json', JSON.stringify({ status: 'unavailable', reason }));
    }
    return send(response, state.ok ? 200 : 503, 'application/json', state.body);
  }
  const id = nextId++;
  const timer = setTimeout(() => { waiting.delete(id); send(response, 503, 'text/plain', 'the bot did not answer in time\n'); }, workerData.metricsTimeoutMs);
  waiting.set(id, (answer) => { clearTimeout(timer); send(response, answer.status, answer.contentType, answer.text); });
  parentPort.postMessage({ type: 'metrics', id });
});
parentPort.on('message', (message) => {
  if (message.type === 'metrics') { const answer = waiting.get(message.id); waiting.delete(message.id); if (answer) answer(message); return; }
  if (message.type === 'close') { server.closeAllConnections(); server.close(() => process.exit(0)); return; }
  const first = state === undefined;
  state = message;
  parentPort.postMessage({ type: 'applied', seq: message.seq });
  if (!first) return;
  server.once('error', (error) => { parentPort.postMessage({ type: 'error', message: error.message, code: error.code }); });
  server.listen(workerData.port, workerData.host, () => { parentPort.postMessage({ type: 'listening', address: server.address() }); });
});
`;

interface ThreadMessage {
  readonly type: 'listening' | 'metrics' | 'error' | 'applied';
  readonly id?: number;
  readonly seq?: number;
  readonly address?: { readonly address: string; readonly port: number };
  readonly message?: string;
  readonly code?: string;
}

/** Serves /healthz and /metrics on `port` from a worker thread; the bot's state reaches it every `refreshMs`. */
export async function startHealthThread(options: {
  readonly host: string;
  readonly port: number;
  readonly source: HealthSource;
  readonly refreshMs?: number;
  readonly staleMs?: number;
}): Promise<HealthServer> {
  const { source } = options;
  const worker = new Worker(THREAD, {
    eval: true,
    workerData: { host: options.host, port: options.port, staleMs: options.staleMs ?? HEALTH_THREAD_DEFAULTS.staleMs, metricsTimeoutMs: 10_000 },
  });
  let refreshing: Promise<void> | undefined;
  let again = false;
  let seq = 0;
  const applied = new Map<number, () => void>();
  // Resolves once the thread has taken the state, so that a probe right after a refresh sees it.
  const report = async (): Promise<void> => {
    let state: { ok: boolean; body: string };
    try {
      const { ok, body } = await source.health();
      state = { ok, body: JSON.stringify(body) };
    } catch (error) {
      state = { ok: false, body: JSON.stringify({ status: 'unavailable', reason: String(error) }) };
    }
    const current = ++seq;
    const taken = new Promise<void>((resolve) => applied.set(current, resolve));
    worker.postMessage({ type: 'health', ...state, at: Date.now(), seq: current });
    await taken;
  };
  // One report at a time; one asked for during it runs right after, so the newest state never waits a whole interval.
  const refresh = (): Promise<void> => {
    if (refreshing) {
      again = true;
      return refreshing;
    }
    refreshing = report().finally(() => {
      refreshing = undefined;
      if (again) {
        again = false;
        void refresh();
      }
    });
    return refreshing;
  };
  worker.on('message', (message: ThreadMessage) => {
    if (message.type === 'applied' && message.seq !== undefined) {
      applied.get(message.seq)?.();
      applied.delete(message.seq);
      return;
    }
    if (message.type !== 'metrics' || message.id === undefined) return;
    const id = message.id;
    source.metrics().then(
      ({ contentType, text }) => {
        worker.postMessage({ type: 'metrics', id, status: 200, contentType, text });
      },
      (error: unknown) => {
        worker.postMessage({ type: 'metrics', id, status: 500, contentType: 'text/plain', text: String(error) });
      },
    );
  });
  const listening = new Promise<{ address: string; port: number }>((resolve, reject) => {
    const onMessage = (message: ThreadMessage): void => {
      if (message.type === 'listening' && message.address) resolve(message.address);
      if (message.type === 'error') reject(Object.assign(new Error(`the health endpoint cannot listen on ${options.host}:${String(options.port)}: ${message.message ?? ''}`), { code: message.code }));
    };
    worker.on('message', onMessage);
    worker.once('error', reject);
  });
  await refresh();
  let address: { address: string; port: number };
  try {
    address = await listening;
  } catch (error) {
    await worker.terminate();
    throw error;
  }
  const timer = setInterval(() => {
    void refresh();
  }, options.refreshMs ?? HEALTH_THREAD_DEFAULTS.refreshMs);
  timer.unref();
  worker.unref();
  return {
    url: `http://${address.address}:${String(address.port)}`,
    refresh,
    close: async () => {
      clearInterval(timer);
      for (const resolve of applied.values()) resolve();
      applied.clear();
      const exited = new Promise<void>((resolve) => worker.once('exit', () => {
        resolve();
      }));
      worker.postMessage({ type: 'close' });
      await exited;
    },
  };
}
