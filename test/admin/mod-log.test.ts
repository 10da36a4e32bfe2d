// The moderators' channel queue on its own: what it posts, in which order, and what it drops, with a post function
// that the test holds open the way a rate-limited channel would.
import { Writable } from 'node:stream';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../src/admin/audit.ts';
import { ModLog, modLogMessages } from '../../src/admin/mod-log.ts';

const logs: string[] = [];
const logger = pino(
  { level: 'info' },
  new Writable({
    write: (chunk: Buffer, _encoding, done) => {
      logs.push(chunk.toString('utf8'));
      done();
    },
  }),
);

/** A channel that takes every post at once. */
function openChannel(): { posted: AuditEntry[]; post: (entry: AuditEntry) => Promise<void> } {
  const posted: AuditEntry[] = [];
  return {
    posted,
    post: (sent) => {
      posted.push(sent);
      return Promise.resolve();
    },
  };
}
const running: ModLog[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((log) => log.stop(100)));
  logs.splice(0);
});

function entry(action: AuditEntry['action'], id = '1', name = 'mod'): AuditEntry {
  return { at: '2026-01-01T00:00:00.000Z', by: { id, name }, action, outcome: action === 'refused' ? 'refused' : 'applied' };
}

/** A channel that takes posts only when the test lets it. */
function heldChannel(): { posted: AuditEntry[]; waiting: number; release: () => void; post: (entry: AuditEntry) => Promise<void> } {
  const gates: (() => void)[] = [];
  const channel = {
    posted: [] as AuditEntry[],
    get waiting() {
      return gates.length;
    },
    release: () => {
      for (const open of gates.splice(0)) open();
    },
    post: (posted: AuditEntry) =>
      new Promise<void>((resolve) => gates.push(resolve)).then(() => {
        channel.posted.push(posted);
      }),
  };
  return channel;
}

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 5));
  expect(check()).toBe(true);
}

function start(post: (entry: AuditEntry) => Promise<void>, refusalWindowMs = 60_000, capacity?: number): ModLog {
  const log = new ModLog({ post, logger, refusalWindowMs, ...(capacity === undefined ? {} : { capacity }) });
  running.push(log);
  return log;
}

describe('the mod-log queue', () => {
  it('given a channel that does not answer, then posting returns at once and entries go out in order once it does', async () => {
    const channel = heldChannel();
    const log = start(channel.post);
    log.post(entry('import'));
    log.post(entry('confirm'));
    expect(channel.posted).toEqual([]);
    for (let i = 0; i < 2; i++) {
      await until(() => channel.waiting === 1);
      channel.release();
    }
    await until(() => channel.posted.length === 2);
    expect(channel.posted.map((posted) => posted.action)).toEqual(['import', 'confirm']);
  });

  it('given more posts than the queue holds, then the rest are dropped and the log says so once', () => {
    const channel = heldChannel();
    const log = start(channel.post, 60_000, 2);
    for (let i = 0; i < 5; i++) log.post(entry('validate'));
    expect(logs.filter((line) => line.includes('dropping posts'))).toHaveLength(1);
  });

  it('given a burst of refusals, then the first is posted alone and the rest as one summary per window, naming who', async () => {
    const { posted, post } = openChannel();
    const log = start(post, 50);
    log.refused(entry('refused', '1', 'ann'));
    for (const [id, name] of [['2', 'bob'], ['3', 'cem'], ['2', 'bob']] as const) log.refused(entry('refused', id, name));
    await until(() => posted.length === 2);
    expect(posted[0]?.by.name).toBe('ann');
    expect(posted[1]).toMatchObject({ attempts: 3, summary: modLogMessages.refusedAttempts(3, 2, 50), detail: 'By bob, cem.' });

    // The window that follows a summary counts again; a quiet one lets the next refusal through at once.
    log.refused(entry('refused', '4', 'dan'));
    await until(() => posted.length === 3);
    expect(posted[2]).toMatchObject({ attempts: 1 });
    await new Promise((resolve) => setTimeout(resolve, 120));
    log.refused(entry('refused', '5', 'eve'));
    await until(() => posted.length === 4);
    expect(posted[3]?.by.name).toBe('eve');
  });

  it('given refusals counted when the bot stops, then their summary is posted before it stops', async () => {
    const { posted, post } = openChannel();
    const log = new ModLog({ post, logger, refusalWindowMs: 60_000 });
    log.refused(entry('refused', '1', 'ann'));
    log.refused(entry('refused', '2', 'bob'));
    await log.stop(1000);
    expect(posted.map((sent) => sent.attempts)).toEqual([undefined, 1]);
  });

  it('given the summary wording, then it reads as the moderators expect', () => {
    expect(modLogMessages.refusedAttempts(12, 3, 60_000)).toBe('12 refused /data attempts by 3 members in the last minute');
    expect(modLogMessages.refusedAttempts(1, 1, 300)).toBe('1 refused /data attempt by 1 member in the last 0.3 s');
  });
});
