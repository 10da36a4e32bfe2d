// /data when things around it fail: a damaged history, a full or read-only disk, a tampered history object, a cut
// download, a flood of refused attempts against a rate-limited mod-log channel. The moderator is told what happened
// and what to do, the log holds one line per condition, and nothing waits for the mod-log channel.
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { APIEmbed } from 'discord-api-types/v10';
import { describe, expect, it } from 'vitest';
import type { StoreStep } from '../../src/admin/file-store.ts';
import { downloadMessages, downloadReasons, formatBytes } from '../../src/admin/download.ts';
import { modLogMessages } from '../../src/admin/mod-log.ts';
import { messages } from '../../src/messages.ts';
import { armedStore, diskError, type ArmedStore } from '../support/armed-store.ts';
import { button, data, importAndConfirm, MEMBER, MODERATOR, newArticle, quote, startWithUploads, upload } from './data-support.ts';
import { cleanUpAfterEachTest, tempDataDir, type LogCapture } from './harness.ts';

cleanUpAfterEachTest();

const MOD_LOG = '600000000000000006';

/** A store on `dataDir` whose write at `step` fails with `code` while armed. */
function failingStore(dataDir: string, step: StoreStep, code: string): ArmedStore {
  return armedStore(dataDir, step, () => {
    throw diskError(code, path.join(dataDir, '.state', step === 'save-pending-import' ? 'pending' : 'history.json'));
  });
}

/** The warnings and errors the bot logged that mention `fragment`; no line of the whole log may carry a stack. */
function linesAbout(logs: LogCapture, fragment: string): Record<string, unknown>[] {
  expect(logs.text).not.toContain('"stack"');
  return logs.lines.filter((line) => Number(line.level) >= 40 && JSON.stringify(line).includes(fragment));
}

function field(embed: APIEmbed | undefined, name: string): string | undefined {
  return embed?.fields?.find((candidate) => candidate.name === name)?.value;
}

async function auditLines(dataDir: string): Promise<Record<string, unknown>[]> {
  const log = await readFile(path.join(dataDir, '.state', 'audit.log'), 'utf8');
  return log.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe('a damaged version history', () => {
  it('given garbage in history.json at start-up, then it is set aside, status says so, an import is applied and can be rolled back', async () => {
    const dataDir = await tempDataDir();
    const stateDir = path.join(dataDir, '.state');
    await mkdir(stateDir, { recursive: true });
    await writeFile(path.join(stateDir, 'history.json'), '{garbage');
    const harness = await startWithUploads({ DATA_DIR: dataDir });
    const original = harness.bot.app.live.current.dataset.version;

    const setAside = (await readdir(stateDir)).filter((name) => name.startsWith('history.json.damaged-'));
    expect(setAside).toHaveLength(1);
    expect(await readFile(path.join(stateDir, setAside[0] ?? ''), 'utf8')).toBe('{garbage');
    const status = await data(harness.fake, 'status');
    expect(field(status.embeds[0], 'Needs attention')).toContain('The version history was damaged and has been set aside as');

    const applied = await importAndConfirm(harness, newArticle());
    expect(applied.embeds[0]?.title).toBe('Import applied');
    const back = await data(harness.fake, 'rollback');
    expect(back.embeds[0]?.title).toBe(`Rolled back: ${original} is live now`);
  });

  it('given history.json damaged while the bot runs, then the import is applied with a note, and rollback still works', async () => {
    const harness = await startWithUploads();
    const original = harness.bot.app.live.current.dataset.version;
    await writeFile(path.join(harness.dataDir, '.state', 'history.json'), '{garbage');

    const applied = await importAndConfirm(harness, newArticle());

    expect(applied.embeds[0]?.title).toBe('Import applied');
    expect(field(applied.embeds[0], 'Note')).toContain('The version history was damaged and has been set aside as');
    expect(await quote(harness.fake, 'Zhaksylykova')).toContain('railway');
    const back = await data(harness.fake, 'rollback');
    expect(back.embeds[0]?.title).toBe(`Rolled back: ${original} is live now`);
    expect(linesAbout(harness.logs, 'set aside as')).toHaveLength(1);
  });

  it('given the version history cannot be written, then the import is still applied, the reply and /data status say what is missing', async () => {
    const dataDir = await tempDataDir();
    const faulty = failingStore(dataDir, 'record-history', 'ENOSPC');
    const harness = await startWithUploads({ DATA_DIR: dataDir }, { store: faulty.store });
    faulty.armed = true;

    const applied = await importAndConfirm(harness, newArticle());

    expect(applied.embeds[0]?.title).toBe('Import applied');
    expect(field(applied.embeds[0], 'Note')).toContain('The version history could not be written (the server’s disk is full (ENOSPC)');
    expect(await quote(harness.fake, 'Zhaksylykova')).toContain('railway');
    expect(field((await data(harness.fake, 'status')).embeds[0], 'Needs attention')).toContain('The version history could not be written');
    expect(linesAbout(harness.logs, 'version history is unavailable')).toHaveLength(1);
  });

  it('given a kept version whose saved file was changed on disk, then rollback to it says so and changes nothing', async () => {
    const harness = await startWithUploads();
    const original = harness.bot.app.live.current.dataset.version;
    await importAndConfirm(harness, newArticle());
    const imported = harness.bot.app.live.current.dataset.version;
    const objects = path.join(harness.dataDir, '.state', 'objects');
    // The original article's object is used only by the original version once the import replaced nothing: tamper with every object.
    for (const name of await readdir(objects)) await writeFile(path.join(objects, name), '{"tampered":true}');

    const refused = await data(harness.fake, 'rollback', { version: original });

    expect(refused.content).toMatch(new RegExp(`^Nothing was changed: version ${original} cannot be restored: its copy of articles/.+ was changed on disk`));
    expect(harness.bot.app.live.current.dataset.version).toBe(imported);
    expect(linesAbout(harness.logs, 'cannot be restored')).toHaveLength(1);
  });
});

describe('storage that fails under a moderator', () => {
  it.each([
    ['a full disk', 'ENOSPC', /^Nothing was changed: the server’s disk is full \(ENOSPC\) \(.+pending\)\. The bot’s operator must free space/],
    ['a read-only file system', 'EROFS', /^Nothing was changed: the data directory is on a read-only file system \(EROFS\) \(.+\)\. The bot’s operator must make DATA_DIR/],
    ['missing permissions', 'EACCES', /^Nothing was changed: permission denied \(EACCES\) \(.+\)\. The bot’s operator must give the bot’s user/],
  ])('given %s when the import is saved for Confirm, then the moderator is told what happened and what to do, in one log line', async (_label, code, expected) => {
    const dataDir = await tempDataDir();
    const faulty = failingStore(dataDir, 'save-pending-import', code);
    const harness = await startWithUploads({ DATA_DIR: dataDir }, { store: faulty.store });
    faulty.armed = true;

    const answer = await data(harness.fake, 'import', { file: upload(harness.fake, newArticle()) });

    expect(answer.content).toMatch(expected);
    expect(linesAbout(harness.logs, `"code":"${code}"`)).toHaveLength(1);
  });

  it('given a full disk while the change is written, then Confirm says nothing was changed, and pressing it again once there is space applies it', async () => {
    const dataDir = await tempDataDir();
    const faulty = failingStore(dataDir, 'write-pending', 'ENOSPC');
    const harness = await startWithUploads({ DATA_DIR: dataDir }, { store: faulty.store });
    const { fake } = harness;
    const before = harness.bot.app.live.current.dataset.version;
    const handle = fake.sendCommand({ name: 'data', subcommand: 'import', options: { file: upload(fake, newArticle()) }, ...MODERATOR });
    const preview = await handle.message({ until: (message) => (message.components ?? []).length > 0, timeoutMs: 15_000 });
    faulty.armed = true;

    const failed = await (await fake.clickButton(preview, button(preview, 'Confirm import'), MODERATOR)).callback({ timeoutMs: 15_000 });

    expect(JSON.stringify(failed.data)).toContain('Nothing was changed: the server’s disk is full (ENOSPC)');
    expect(harness.bot.app.live.current.dataset.version).toBe(before);
    expect(await quote(fake, 'Zhaksylykova')).not.toContain('railway');
    expect(linesAbout(harness.logs, '"code":"ENOSPC"')).toHaveLength(1);
    expect((await auditLines(dataDir)).map((line) => `${String(line.action)}:${String(line.outcome)}`)).toEqual(['import:previewed', 'confirm:committing', 'confirm:failed']);

    faulty.armed = false;
    await (await fake.clickButton(preview, button(preview, 'Confirm import'), MODERATOR)).callback({ timeoutMs: 15_000 });
    expect(await quote(fake, 'Zhaksylykova')).toContain('railway');
  });

  it('given a STATE_DIR that cannot be created (it is under a file), then changes are refused clearly and lookups keep working', async () => {
    const dataDir = await tempDataDir();
    const blocker = path.join(dataDir, 'not-a-folder');
    await writeFile(blocker, '');
    const harness = await startWithUploads({ DATA_DIR: dataDir, STATE_DIR: path.join(blocker, 'state') });

    const answer = await data(harness.fake, 'import', { file: upload(harness.fake, newArticle()) });

    expect(answer.content).toMatch(/^Nothing was changed: a file or folder the bot needs does not exist \(ENOTDIR\)/);
    expect(await quote(harness.fake, 'Tokayev')).toContain('Kassym-Jomart Tokayev');
  });
});

describe('uploads that do not arrive whole', () => {
  it('given a download cut short of its Content-Length, then the moderator is told the download failed and why', async () => {
    const harness = await startWithUploads();
    const file = upload(harness.fake, newArticle());
    harness.fake.injectFault({ path: /^\/cdn\//, times: 1, fault: { kind: 'truncate', bytes: 20 } });

    const answer = await data(harness.fake, 'validate', { file });

    expect(answer.content).toBe(downloadMessages.failed('article.json', downloadReasons.cutShort(`20 bytes of ${formatBytes(file.size)}`)));
  });

  it('given a connection reset by the CDN, then the moderator is told the download failed and why', async () => {
    const harness = await startWithUploads();
    harness.fake.injectFault({ path: /^\/cdn\//, times: 1, fault: { kind: 'reset' } });

    const answer = await data(harness.fake, 'import', { file: upload(harness.fake, newArticle()) });

    expect(answer.content).toBe(downloadMessages.failed('article.json', downloadReasons.reset(undefined)));
    expect(linesAbout(harness.logs, 'the download failed')).toHaveLength(1);
  });
});

describe('refused /data attempts and the mod-log channel', () => {
  it('given a rate-limited mod-log channel and a burst of refusals, then the moderator’s import is not held up and the refusals are posted aggregated', async () => {
    const harness = await startWithUploads({ MOD_LOG_CHANNEL_ID: MOD_LOG }, { refusalWindowMs: 300 });
    const { fake } = harness;
    const channel = new RegExp(`^/api/v10/channels/${MOD_LOG}/messages$`);
    const limit = fake.injectFault({ method: 'POST', path: channel, fault: { kind: 'rate-limit', retryAfterSeconds: 0.5 } });
    const members = [0, 1, 2].map((n) => ({ user: { id: `40000000000000010${String(n)}`, username: `member${String(n)}` } }));

    for (let attempt = 0; attempt < 12; attempt += 1) {
      const refused = await data(fake, 'status', {}, members[attempt % 3] ?? MEMBER);
      expect(refused.content).toBe(messages.notModerator);
    }
    const preview = await data(fake, 'validate', { file: upload(fake, newArticle()) });

    // The moderator has the answer while the channel has accepted nothing: nothing waited for it.
    expect(preview.embeds[0]?.title).toBe('The file is valid: nothing was applied');
    const toChannel = () => fake.requests.filter((request) => channel.test(request.path));
    expect(toChannel().filter((request) => request.status !== 429)).toEqual([]);
    limit.remove();

    const accepted = (): { title?: string; description?: string }[] =>
      toChannel()
        .filter((request) => request.status === 200)
        .map((request) => (request.body as { embeds: { title?: string; description?: string }[] }).embeds[0] ?? {});
    await eventually(() => accepted().some((post) => post.title === '/data validate: previewed') && countOfSummarised(accepted()) === 11);
    const posts = accepted();
    expect(posts.filter((post) => post.title === '/data refused: refused')).toHaveLength(1);
    const summaries = posts.filter((post) => post.title === 'Refused /data attempts');
    expect(summaries.length).toBeGreaterThanOrEqual(1);
    expect(summaries.length).toBeLessThan(11);
    expect(summaries[0]?.description).toMatch(/^\d+ refused \/data attempts? by [1-3] members? in the last 0\.3 s\nBy member/);
    expect(modLogMessages.refusedAttempts(12, 3, 60_000)).toBe('12 refused /data attempts by 3 members in the last minute');
    // Every refusal is still on disk.
    expect((await auditLines(harness.dataDir)).filter((line) => line.outcome === 'refused')).toHaveLength(12);
  });
});

/** Resolves once `check` holds (polled every 20 ms, for at most 10 s). */
async function eventually(check: () => boolean): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('the condition did not hold within 10 s');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** How many refusals the summaries posted so far count. */
function countOfSummarised(posts: readonly { title?: string; description?: string }[]): number {
  return posts.filter((post) => post.title === 'Refused /data attempts').reduce((sum, post) => sum + Number(/^(\d+) refused/.exec(post.description ?? '')?.[1] ?? 0), 0);
}
