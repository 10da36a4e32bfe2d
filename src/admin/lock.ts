// The data lock: one data change at a time, across every shard process that shares a state directory.
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import { mkdir, open, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { errorCode, unlinkIfPresent, writeDurably } from './durable.ts';

/** A change could not start because another one holds the lock; meant to be shown to the moderator as is. */
export class DataLockBusyError extends Error {
  override readonly name = 'DataLockBusyError';
  constructor(readonly lockFile: string) {
    super('another data change is in progress; try again in a moment');
  }
}

export interface DataLockOptions {
  /** How long to wait for the lock before giving up with DataLockBusyError. */
  readonly timeoutMs?: number;
  /** How often to look at the lock file again while another process holds it. */
  readonly retryMs?: number;
}

/** The lock file's name inside the state directory. */
export const LOCK_FILE_NAME = 'lock';

/** A lock this old is abandoned even if its pid is alive: pids get reused, and no change takes ten minutes. */
const STALE_AFTER_MS = 10 * 60 * 1000;
/** A lock file without a readable pid is one whose creator died between creating and writing it. */
const UNREADABLE_STALE_AFTER_MS = 10 * 1000;

// Per state directory, the promise that settles when the last in-process holder is done.
const tails = new Map<string, Promise<void>>();

// The locks the current async call chain holds, so that the store can lock for itself inside a caller's lock.
// `active` turns false on release: a task the holder left running must not inherit the lock.
const holding = new AsyncLocalStorage<ReadonlyMap<string, { active: boolean }>>();

/**
 * Runs `fn` holding the data lock of `stateDir`: first behind every earlier caller in this process, then holding
 * `stateDir/lock` against other processes. The lock file is removed when `fn` settles, whatever the outcome.
 * Re-entrant: called from inside `fn`, it runs at once instead of waiting for itself.
 */
export async function withDataLock<T>(stateDir: string, fn: () => Promise<T>, options: DataLockOptions = {}): Promise<T> {
  const { timeoutMs = 10_000, retryMs = 50 } = options;
  const deadline = Date.now() + timeoutMs;
  const key = path.resolve(stateDir);
  const lockFile = path.join(key, LOCK_FILE_NAME);
  if (holding.getStore()?.get(key)?.active === true) return fn();

  const previous = tails.get(key) ?? Promise.resolve();
  let release = (): void => undefined;
  const mine = new Promise<void>((resolve) => {
    release = resolve;
  });
  // The next caller waits for us and, through us, for everyone before us, even if we give up early.
  const tail = previous.then(() => mine);
  tails.set(key, tail);
  try {
    await waitUntil(previous, deadline, lockFile);
    const content = await takeLockFile(lockFile, deadline, retryMs);
    const held = { active: true };
    try {
      return await holding.run(new Map(holding.getStore()).set(key, held), fn);
    } finally {
      held.active = false;
      await removeOwnLock(lockFile, content);
    }
  } finally {
    release();
    if (tails.get(key) === tail) tails.delete(key);
  }
}

async function waitUntil(previous: Promise<void>, deadline: number, lockFile: string): Promise<void> {
  const controller = new AbortController();
  const timeout = sleep(Math.max(0, deadline - Date.now()), 'timeout' as const, { signal: controller.signal });
  try {
    const winner = await Promise.race([previous.then(() => 'ready' as const), timeout]);
    if (winner === 'timeout') throw new DataLockBusyError(lockFile);
  } finally {
    controller.abort();
    // The aborted timer rejects; nobody else awaits it.
    timeout.catch(() => undefined);
  }
}

/** Creates the lock file exclusively and returns the content written, so only that exact lock is removed later. */
async function takeLockFile(lockFile: string, deadline: number, retryMs: number): Promise<string> {
  await mkdir(path.dirname(lockFile), { recursive: true });
  for (;;) {
    const content = JSON.stringify({ pid: process.pid, at: new Date().toISOString(), token: randomUUID() });
    try {
      await writeDurably(lockFile, content, 'wx');
      return content;
    } catch (error) {
      if (errorCode(error) !== 'EEXIST') throw error;
    }
    if (await breakIfStale(lockFile)) continue;
    if (Date.now() + retryMs > deadline) throw new DataLockBusyError(lockFile);
    await sleep(retryMs);
  }
}

/**
 * Removes a stale lock file. Breaking goes through a second exclusive file and re-reads the lock under it: two
 * processes that both saw the same stale lock could otherwise remove it, and then the fresh lock of the faster one.
 */
async function breakIfStale(lockFile: string): Promise<boolean> {
  const seen = await readLock(lockFile);
  if (seen === undefined || !isStale(seen)) return false;
  const breaker = `${lockFile}.break`;
  let handle;
  try {
    handle = await open(breaker, 'wx');
  } catch (error) {
    if (errorCode(error) !== 'EEXIST') throw error;
    // A breaker left by a process that died while breaking would otherwise block every change for good.
    const left = await readLock(breaker);
    if (left !== undefined && Date.now() - left.mtimeMs > UNREADABLE_STALE_AFTER_MS) await unlinkIfPresent(breaker);
    return false;
  }
  try {
    await handle.close();
    const again = await readLock(lockFile);
    if (again === undefined || again.content !== seen.content || again.mtimeMs !== seen.mtimeMs) return again === undefined;
    await unlinkIfPresent(lockFile);
    return true;
  } finally {
    await unlinkIfPresent(breaker);
  }
}

interface SeenLock {
  readonly content: string;
  readonly mtimeMs: number;
  readonly pid: number | undefined;
}

async function readLock(file: string): Promise<SeenLock | undefined> {
  try {
    const [content, info] = await Promise.all([readFile(file, 'utf8'), stat(file)]);
    return { content, mtimeMs: info.mtimeMs, pid: pidOf(content) };
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return undefined;
    throw error;
  }
}

function pidOf(content: string): number | undefined {
  try {
    const parsed: unknown = JSON.parse(content);
    if (typeof parsed !== 'object' || parsed === null || !('pid' in parsed)) return undefined;
    const { pid } = parsed;
    return typeof pid === 'number' && Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

function isStale(lock: SeenLock): boolean {
  const age = Date.now() - lock.mtimeMs;
  if (age > STALE_AFTER_MS) return true;
  if (lock.pid === undefined) return age > UNREADABLE_STALE_AFTER_MS;
  // Callers in this process queue before touching the file, so a lock naming this pid was left by an earlier life
  // of it (a container restarts as pid 1 every time).
  if (lock.pid === process.pid) return true;
  return !isAlive(lock.pid);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else, so it is alive.
    return errorCode(error) !== 'ESRCH';
  }
}

/** Removes the lock only if it is still ours: a lock broken as stale may since have been taken by someone else. */
async function removeOwnLock(lockFile: string, content: string): Promise<void> {
  const seen = await readLock(lockFile);
  if (seen?.content === content) await unlinkIfPresent(lockFile);
}
