import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DataLockBusyError, withDataLock } from '../../src/admin/lock.ts';
import { deadPid, killAllFixtures, killHard, startFixture, startSleeper } from './fixtures/processes.ts';

let tmp: string;
let stateDir: string;
let lockFile: string;

beforeEach(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'lock-test-'));
  stateDir = path.join(tmp, '.state');
  lockFile = path.join(stateDir, 'lock');
});

afterEach(async () => {
  await killAllFixtures();
  await rm(tmp, { recursive: true, force: true });
});

async function writeLock(pid: number, ageMs = 0): Promise<void> {
  await mkdir(stateDir, { recursive: true });
  await writeFile(lockFile, JSON.stringify({ pid, at: new Date(Date.now() - ageMs).toISOString() }));
  if (ageMs > 0) {
    const then = new Date(Date.now() - ageMs);
    await utimes(lockFile, then, then);
  }
}

async function lockHolderPid(): Promise<unknown> {
  return (JSON.parse(await readFile(lockFile, 'utf8')) as { pid: unknown }).pid;
}

describe('the data lock', () => {
  it('given two changes at once in one process, then they run one after the other and never race for the file', async () => {
    const events: string[] = [];
    const change = (name: string) => async () => {
      events.push(`${name} start`);
      expect(await lockHolderPid()).toBe(process.pid);
      await sleep(50);
      events.push(`${name} end`);
      return name;
    };
    // Retrying the file would wait 10 s, past the 5 s timeout: only queueing in-process can let the second through.
    const results = await Promise.all([
      withDataLock(stateDir, change('first'), { retryMs: 10_000, timeoutMs: 5_000 }),
      withDataLock(stateDir, change('second'), { retryMs: 10_000, timeoutMs: 5_000 }),
    ]);
    expect(results).toEqual(['first', 'second']);
    expect(events).toEqual(['first start', 'first end', 'second start', 'second end']);
    expect(existsSync(lockFile)).toBe(false);
  });

  it('given a call from inside the lock (the store locking for itself), then it runs at once instead of waiting for itself', async () => {
    const nested = await withDataLock(stateDir, () => withDataLock(stateDir, async () => lockHolderPid(), { timeoutMs: 100 }));
    expect(nested).toBe(process.pid);
    expect(existsSync(lockFile)).toBe(false);
  });

  it('given a task the holder left running, then after the release it queues for the lock like anyone else', async () => {
    const events: string[] = [];
    let leftBehind: Promise<void> = Promise.resolve();
    // The task continues only once the holder has released and another caller has queued, whatever the machine's load.
    let go = (): void => undefined;
    const released = new Promise<void>((resolve) => {
      go = resolve;
    });
    await withDataLock(stateDir, () => {
      leftBehind = released.then(() => withDataLock(stateDir, async () => void events.push(`left-behind holds ${String(await lockHolderPid())}`)));
      return Promise.resolve();
    });
    const other = withDataLock(stateDir, async () => {
      events.push('other start');
      await sleep(60);
      events.push('other end');
    });
    go();
    await Promise.all([leftBehind, other]);
    expect(events).toEqual(['other start', 'other end', `left-behind holds ${process.pid}`]);
  });

  it('given a change that throws, then the error reaches the caller and the lock is released', async () => {
    await expect(withDataLock(stateDir, () => Promise.reject(new Error('validation failed')))).rejects.toThrow('validation failed');
    expect(existsSync(lockFile)).toBe(false);
    expect(await withDataLock(stateDir, () => Promise.resolve('next'))).toBe('next');
  });

  it('given a change in this process that outlasts the timeout, then the waiter gives up but the one after it still runs in order', async () => {
    const events: string[] = [];
    let finishFirst = (): void => undefined;
    const first = withDataLock(stateDir, async () => {
      events.push('first start');
      await new Promise<void>((resolve) => (finishFirst = resolve));
      events.push('first end');
    });
    const second = withDataLock(stateDir, () => Promise.resolve(events.push('second ran')), { timeoutMs: 100 });
    const third = withDataLock(stateDir, () => Promise.resolve(events.push('third ran')), { timeoutMs: 5_000 });

    await expect(second).rejects.toThrow(DataLockBusyError);
    finishFirst();
    await first;
    await third;
    expect(events).toEqual(['first start', 'first end', 'third ran']);
  });

  it('given a lock file left by a process that has exited, then it is taken over', async () => {
    await writeLock(await deadPid());
    expect(await withDataLock(stateDir, async () => lockHolderPid(), { timeoutMs: 2_000 })).toBe(process.pid);
    expect(existsSync(lockFile)).toBe(false);
  });

  it('given a lock file left by an earlier life of this pid (a restarted container), then it is taken over', async () => {
    await writeLock(process.pid);
    expect(await withDataLock(stateDir, async () => lockHolderPid(), { timeoutMs: 2_000 })).toBe(process.pid);
  });

  it('given a lock file older than ten minutes, then it is taken over even though its pid is alive', async () => {
    const sleeper = startSleeper();
    await writeLock(sleeper.pid, 11 * 60 * 1000);
    expect(await withDataLock(stateDir, async () => lockHolderPid(), { timeoutMs: 2_000 })).toBe(process.pid);
  });

  it('given a recent lock file of a live process, then a short attempt fails with DataLockBusyError and leaves it alone', async () => {
    const sleeper = startSleeper();
    await writeLock(sleeper.pid);
    const before = await readFile(lockFile, 'utf8');
    const attempt = withDataLock(stateDir, () => Promise.resolve('ran'), { timeoutMs: 200, retryMs: 20 });
    await expect(attempt).rejects.toThrow(DataLockBusyError);
    await expect(attempt).rejects.toThrow('another data change is in progress; try again in a moment');
    expect(await readFile(lockFile, 'utf8')).toBe(before);
  });

  it('given another process holding the lock, then this one is refused until that process is killed, then takes over', async () => {
    const holder = await startFixture('./hold-lock.ts', [stateDir], 'locked');
    expect(await lockHolderPid()).toBe(holder.pid);

    await expect(withDataLock(stateDir, () => Promise.resolve('ran'), { timeoutMs: 300 })).rejects.toThrow(DataLockBusyError);

    await killHard(holder);
    expect(await withDataLock(stateDir, async () => lockHolderPid(), { timeoutMs: 2_000 })).toBe(process.pid);
    expect(existsSync(lockFile)).toBe(false);
  });

  it('given a holder that waits for its lock to be freed, then the waiter gets it within the timeout', async () => {
    const holder = await startFixture('./hold-lock.ts', [stateDir], 'locked');
    const waiting = withDataLock(stateDir, async () => lockHolderPid(), { timeoutMs: 5_000, retryMs: 20 });
    await sleep(100);
    await killHard(holder);
    expect(await waiting).toBe(process.pid);
  });
});
