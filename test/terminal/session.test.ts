import { ButtonStyle, ComponentType } from 'discord-api-types/v10';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.ts';
import { createApp, type App } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import type { Command } from '../../src/interaction/types.ts';
import { messages } from '../../src/messages.ts';
import { FileShelf } from '../../src/terminal/files.ts';
import { terminalMessages } from '../../src/terminal/messages.ts';
import { TERMINAL_USER, TerminalSession } from '../../src/terminal/session.ts';
import { createTestApp, testStateEnv } from '../support/core.ts';

let app: App;
beforeAll(async () => {
  app = await createTestApp();
});

function session(on: App = app): TerminalSession {
  return new TerminalSession(on, { color: false, width: () => 100 });
}

async function say(terminal: TerminalSession, line: string): Promise<string> {
  return (await terminal.answer(line)).text;
}

describe('a terminal session', () => {
  it('given /quote Tokayev, then the first quote shows with 1 / 9, and next shows the second with 2 / 9', async () => {
    const terminal = session();
    const first = await say(terminal, '/quote Tokayev');
    expect(first).toContain('“the United States of America has the right to be properly present”');
    expect(first).toContain('1 / 9');
    const second = await say(terminal, 'next');
    expect(second).toContain('│ │ “It’s crucial for major powers to find common ground with one another”');
    expect(second).toContain('[◀ prev] 2 / 9 [next ▶]');
    expect(await say(terminal, 'p')).toContain('1 / 9');
  });

  it('given a number, then it jumps to that result; out of range, it says the range', async () => {
    const terminal = session();
    await say(terminal, 'quote Tokayev');
    const ninth = await say(terminal, '9');
    expect(ninth).toContain('│ │ “law and order”');
    expect(ninth).toContain('9 / 9');
    expect(await say(terminal, 'next')).toBe(terminalMessages.atLast);
    expect(await say(terminal, '12')).toBe(terminalMessages.chooseInRange(9));
    expect(await say(terminal, 'first')).toContain('1 / 9');
    expect(await say(terminal, 'prev')).toBe(terminalMessages.atFirst);
  });

  it('given no message with paging yet, then paging words and numbers give a hint instead', async () => {
    const terminal = session();
    expect(await say(terminal, 'next')).toBe(terminalMessages.nothingToPage);
    expect(await say(terminal, '3')).toBe(terminalMessages.nothingToChoose);
    await say(terminal, '/sources');
    expect(await say(terminal, 'n')).toBe(terminalMessages.nothingToPage);
  });

  it('given a private notice after a lookup, then paging still acts on the lookup', async () => {
    const terminal = session();
    await say(terminal, '/quote Tokayev');
    expect(await say(terminal, '/deal obamacare')).toContain('No deal matches “obamacare”.');
    expect(await say(terminal, 'next')).toContain('2 / 9');
  });

  it('given help alone, then it answers like /help, with the terminal’s own words added', async () => {
    const terminal = session();
    const help = await say(terminal, 'help');
    expect(help).toBe(await say(terminal, '/help'));
    expect(help).toContain('In the data now: 1 article · 22 quotes');
    expect(help).toContain(terminalMessages.ephemeral);
    expect(help).toContain(terminalMessages.terminalHelp);
  });

  it('given an empty line, then nothing is said; given quit or exit, then the session ends', async () => {
    const terminal = session();
    expect(await terminal.answer('   ')).toEqual({ text: '', quit: false });
    expect(await terminal.answer('quit')).toEqual({ text: '', quit: true });
    expect(await terminal.answer('EXIT')).toEqual({ text: '', quit: true });
  });

  it('given a line that is not a command, then the parse message is shown', async () => {
    expect(await say(session(), '/search boeing sort:new')).toContain('/search has no option “sort”');
  });

  it('given the default cooldown, then lookups typed in quick succession are all answered', async () => {
    const withCooldown = await createTestApp({ COOLDOWN_SECONDS: '3' });
    const terminal = session(withCooldown);
    expect(await say(terminal, '/quote Tokayev')).toContain('1 / 9');
    const second = await say(terminal, '/deal boeing');
    expect(second).toContain('Central Asian airlines commit to buy Boeing airplanes');
    expect(second).not.toContain(messages.cooldown(3));
  });
});

describe('a terminal session with buttons, menus and files of other commands', () => {
  let folder: string;
  let custom: App;
  const clicks: string[] = [];
  // A stand-in for a moderator command: a confirm button, a version menu and an export file.
  const review: Command = {
    data: { name: 'review', description: 'Review an import' },
    execute: () => ({
      content: 'Import 3 entries?',
      files: [{ name: '../export.json', data: Buffer.from('{"ok":true}') }],
      components: [
        { type: ComponentType.ActionRow, components: [{ type: ComponentType.Button, style: ButtonStyle.Success, custom_id: 'review:confirm', label: 'Confirm import' }] },
        {
          type: ComponentType.ActionRow,
          components: [{ type: ComponentType.StringSelect, custom_id: 'review:pick', options: [{ label: 'v2', value: 'b' }, { label: 'v1', value: 'a' }] }],
        },
      ],
    }),
    component: (request) => {
      clicks.push(`${request.customId} ${request.values.join(',')} by ${request.user.username}`);
      return { content: `Done: ${request.customId}`, ephemeral: true };
    },
  };

  beforeAll(async () => {
    folder = await mkdtemp(path.join(tmpdir(), 'newsdesk-session-'));
    custom = await createApp(loadConfig({ COOLDOWN_SECONDS: '0', ...testStateEnv() }), pino({ level: 'silent' }), { commands: [...commands, review] });
  });
  afterAll(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  it('given a button label or a menu number, then the click reaches the command as the terminal user', async () => {
    const terminal = new TerminalSession(custom, { color: false, files: new FileShelf(folder) });
    const shown = await say(terminal, '/review');
    expect(shown).toContain('[Confirm import]');
    expect(await say(terminal, 'confirm import')).toContain('Done: review:confirm');
    expect(await say(terminal, '2')).toContain('Done: review:pick');
    expect(clicks).toEqual([`review:confirm  by ${TERMINAL_USER.username}`, `review:pick a by ${TERMINAL_USER.username}`]);
  });

  it('given a reply with a file, then the file is saved in the session’s folder and its path shown', async () => {
    const terminal = new TerminalSession(custom, { color: false, files: new FileShelf(folder) });
    const shown = await say(terminal, '/review');
    const file = /saved to (.+)$/m.exec(shown)?.[1] ?? '';
    expect(path.dirname(path.dirname(file))).toBe(folder);
    expect(shown).toContain(terminalMessages.savedFile('export.json', '11 B', file));
    expect(await readFile(file, 'utf8')).toBe('{"ok":true}');
  });
});
