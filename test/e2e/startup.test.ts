// Start-up failures of the data, through `npm start` as a real process: each is one line naming the file or setting and
// the problem, and exit code 1 — in the terminal mode and on Discord alike.
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { botEnv, cleanUpAfterEachTest, exitCode, spawnBot, startFake, tempDataDir } from './harness.ts';

cleanUpAfterEachTest();

/** Runs the bot with `env` until it exits; resolves with its exit code and every line it printed, stdout and stderr. */
async function start(env: NodeJS.ProcessEnv): Promise<{ code: number | null; lines: string[] }> {
  const { child, output } = spawnBot(env);
  child.stdin?.end();
  const code = await exitCode(child);
  const { stdout, stderr } = output();
  return { code, lines: `${stdout}${stderr}`.split('\n').filter((line) => line.trim() !== '') };
}

describe('data that cannot be loaded at start-up', () => {
  it('given DATA_DIR pointing at a file, then one line says so', async () => {
    const dir = await tempDataDir();
    const file = path.join(dir, 'articles', '2025-11-07-nyt-post-soviet-leaders.json');
    expect(await start({ DATA_DIR: file })).toEqual({ code: 1, lines: [`DATA_DIR ${file} is a file, not a folder: point DATA_DIR at the folder that holds articles/.`] });
  });

  it('given DATA_DIR that does not exist, then one line says so', async () => {
    const dir = path.join(await tempDataDir(), 'nowhere');
    expect(await start({ DATA_DIR: dir })).toEqual({ code: 1, lines: [`DATA_DIR ${dir} does not exist: point DATA_DIR at the folder that holds articles/.`] });
  });

  it.each([
    ['a file', async (folder: string) => writeFile(folder, ''), 'it is not a folder (ENOTDIR)'],
    ['a loop of symbolic links', async (folder: string) => symlink(folder, folder), 'it is a loop of symbolic links (ELOOP)'],
  ])('given an articles folder that is %s, then one line names it and why it cannot be read', async (_label, make, reason) => {
    // As root, chmod does not stop reads; a file or a symlink loop where the folder should be fails for anyone.
    const dataDir = path.join(await tempDataDir(), 'unreadable');
    await mkdir(dataDir);
    await make(path.join(dataDir, 'articles'));
    expect(await start({ DATA_DIR: dataDir })).toEqual({ code: 1, lines: [`${path.join(dataDir, 'articles')} cannot be read: ${reason}.`] });
  });

  it('given a damaged journal manifest, then one line names it and says what to do; on Discord too', async () => {
    const dataDir = await tempDataDir();
    const manifest = path.join(dataDir, 'articles', '.journal', 'manifest.json');
    await mkdir(path.dirname(manifest));
    await writeFile(manifest, '{garbage');
    const expected = new RegExp(`^Start-up stopped: the journal manifest ${manifest} is damaged, so an interrupted data change cannot be finished safely\\. The bot’s operator must check .+, then remove .+\\.journal\\.$`);

    const terminal = await start({ DATA_DIR: dataDir });
    expect(terminal.code).toBe(1);
    expect(terminal.lines).toHaveLength(1);
    expect(terminal.lines[0]).toMatch(expected);

    const fake = await startFake();
    const discord = await start(botEnv(fake, { DATA_DIR: dataDir }));
    expect(discord.code).toBe(1);
    expect(discord.lines).toHaveLength(1);
    expect(discord.lines[0]).toMatch(expected);
  });
});
