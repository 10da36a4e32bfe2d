// Test support: a throwaway PostgreSQL server per test file, in a temporary directory, on a free loopback port. Found
// through pg_config, /usr/lib/postgresql/*/bin or PATH; run as the `postgres` user when the tests run as root (initdb
// refuses root). Suites that need it skip with one line when no PostgreSQL is installed.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { chown, cp, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { BUNDLED_DATA_DIR } from '../../src/config.ts';
import { killAllFixtures } from '../admin/fixtures/processes.ts';
import { countTimers, expectNoLeaks } from '../e2e/harness.ts';
import { freePort } from './processes.ts';

export interface PostgresCluster {
  readonly port: number;
  /** Creates an empty database and returns its URL. */
  createDatabase(): Promise<string>;
  /** Stops the server the way an operator's fast shutdown does: every connection is cut. */
  stop(): Promise<void>;
  /** Starts the stopped server again, on the same port. */
  start(): Promise<void>;
  /** Stops the server and removes its directory. */
  destroy(): Promise<void>;
}

/** The folder holding initdb, pg_ctl and postgres, or why there is none. */
export const postgres: { readonly bin: string } | { readonly bin: undefined; readonly why: string } = findPostgres();

/** True when the PostgreSQL suites cannot run here; they are skipped after one line saying why. */
export const noPostgres = postgres.bin === undefined;
if (postgres.bin === undefined) console.warn(`PostgreSQL tests skipped: ${postgres.why}`);

function findPostgres(): { readonly bin: string } | { readonly bin: undefined; readonly why: string } {
  const candidates: string[] = [];
  try {
    candidates.push(execFileSync('pg_config', ['--bindir'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim());
  } catch {
    // No pg_config on PATH: look where Debian and Ubuntu install the server.
  }
  const debian = '/usr/lib/postgresql';
  if (existsSync(debian)) {
    const versions = readdirSync(debian).filter((name) => /^\d+$/.test(name)).sort((a, b) => Number(b) - Number(a));
    candidates.push(...versions.map((version) => path.join(debian, version, 'bin')));
  }
  candidates.push(...(process.env.PATH ?? '').split(path.delimiter).filter(Boolean));
  const bin = candidates.find((dir) => ['initdb', 'pg_ctl', 'postgres'].every((tool) => existsSync(path.join(dir, tool))));
  if (bin === undefined) return { bin: undefined, why: 'no PostgreSQL server binaries (initdb, pg_ctl) in pg_config --bindir, /usr/lib/postgresql/*/bin or PATH' };
  if (process.getuid?.() === 0 && runAs() === undefined) return { bin: undefined, why: 'running as root, and there is no `postgres` user to run the server as' };
  return { bin };
}

/** The user the server runs as when the tests run as root (initdb refuses root); undefined when not root. */
function runAs(): { readonly uid: number; readonly gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const line = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((entry) => entry.startsWith('postgres:'));
  const [, , uid, gid] = line?.split(':') ?? [];
  return uid && gid ? { uid: Number(uid), gid: Number(gid) } : undefined;
}

/** Runs one of the server's tools (as `postgres` when root) and rejects with its output when it fails. */
function run(tool: string, args: readonly string[]): Promise<void> {
  const bin = postgres.bin;
  if (bin === undefined) return Promise.reject(new Error('no PostgreSQL here'));
  const user = runAs();
  return new Promise((resolve, reject) => {
    const child = spawn(path.join(bin, tool), args, {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, LC_ALL: 'C' },
      ...(user ?? {}),
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.once('error', reject);
    child.once('exit', (code) => {
      if (code === 0) resolve();
      else reject(new Error(`${tool} ${args.join(' ')} failed (${String(code)}): ${output.trim()}`));
    });
  });
}

/** Creates a cluster in a new temporary directory and starts it on a free loopback port. */
export async function startPostgres(): Promise<PostgresCluster> {
  const user = runAs();
  // The server's user must reach the directory: a root's TMPDIR may sit in a folder only root can enter.
  const dir = await mkdtemp(path.join(user ? '/tmp' : os.tmpdir(), 'newsdesk-pg-'));
  if (user) await chown(dir, user.uid, user.gid);
  const data = path.join(dir, 'data');
  const log = path.join(dir, 'server.log');
  let port = 0;
  let running = false;
  let databases = 0;

  // fsync off: a test cluster never needs to survive a power cut, and the machine's disk is shared.
  const start = async (): Promise<void> => {
    const options = `-p ${String(port)} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off`;
    await run('pg_ctl', ['-D', data, '-l', log, '-w', '-t', '60', '-o', options, 'start']);
    running = true;
  };
  const stop = async (): Promise<void> => {
    if (!running) return;
    await run('pg_ctl', ['-D', data, '-m', 'fast', '-w', '-t', '60', 'stop']);
    running = false;
  };
  const destroy = async (): Promise<void> => {
    try {
      await stop();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  };

  try {
    await run('initdb', ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C', '--no-sync']);
    // Another process may take the port between asking for it and the server binding it: try a few.
    for (let attempt = 1; ; attempt += 1) {
      port = await freePort();
      try {
        await start();
        break;
      } catch (error) {
        if (attempt === 3) throw error;
      }
    }
  } catch (error) {
    await destroy();
    throw error;
  }

  return {
    get port() {
      return port;
    },
    async createDatabase() {
      databases += 1;
      const name = `newsdesk_test_${String(databases)}`;
      const admin = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', database: 'postgres' });
      await admin.connect();
      try {
        await admin.query(`CREATE DATABASE ${name}`);
      } finally {
        await admin.end();
      }
      return `postgres://postgres@127.0.0.1:${String(port)}/${name}`;
    },
    stop,
    start,
    destroy,
  };
}

/** Resolves once `check` returns something other than undefined or false (checked every 20 ms); rejects after `timeoutMs`. */
export async function waitUntil<T>(check: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs: number, what: string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const result = await check();
    if (result !== undefined && result !== false) return result;
    if (Date.now() > deadline) throw new Error(`waited ${String(timeoutMs)} ms for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** What a PostgreSQL test file needs, torn down for it: see usePostgres. */
export interface PostgresTestKit {
  /** This file's cluster; throws when there is no PostgreSQL (the suite is skipped then). */
  cluster(): PostgresCluster;
  /** A new empty database on it, for one test. */
  database(): Promise<string>;
  /** A copy of the bundled data in a temporary directory. */
  bundledData(): Promise<string>;
  /** Closes an app's data admin or a store after the test. */
  closeAfter<T extends Closable>(thing: T): T;
}

type Closable = { close(): Promise<void> } | { dataAdmin: { stop(): Promise<void> } };

/**
 * Registers the hooks of a PostgreSQL test file: a cluster of its own started before its tests (none when PostgreSQL
 * is missing) and destroyed after; after each test, fixtures killed, apps and stores closed, temporary data removed;
 * and at the end no connection, process or timer left behind.
 */
export function usePostgres(): PostgresTestKit {
  let cluster: PostgresCluster | undefined;
  let timersBefore = 0;
  const closables: Closable[] = [];
  const dirs: string[] = [];
  beforeAll(async () => {
    timersBefore = countTimers();
    if (!noPostgres) cluster = await startPostgres();
  }, 60_000);
  afterEach(async () => {
    await killAllFixtures();
    await Promise.all(closables.splice(0).map((thing) => ('dataAdmin' in thing ? thing.dataAdmin.stop() : thing.close())));
    await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
  });
  afterAll(async () => {
    await cluster?.destroy();
    await expectNoLeaks(timersBefore);
  }, 60_000);
  const kit: PostgresTestKit = {
    cluster() {
      if (!cluster) throw new Error('no PostgreSQL here');
      return cluster;
    },
    database: () => kit.cluster().createDatabase(),
    async bundledData() {
      const dir = await mkdtemp(path.join(os.tmpdir(), 'newsdesk-pg-data-'));
      dirs.push(dir);
      await cp(path.join(BUNDLED_DATA_DIR, 'articles'), path.join(dir, 'articles'), { recursive: true });
      return dir;
    },
    closeAfter(thing) {
      closables.push(thing);
      return thing;
    },
  };
  return kit;
}
