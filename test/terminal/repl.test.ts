import { PassThrough } from 'node:stream';
import { beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.ts';
import { describeCounts } from '../../src/format/embeds.ts';
import { catalogue } from '../../src/messages.ts';
import { terminalMessages } from '../../src/terminal/messages.ts';
import { runTerminal } from '../../src/terminal/repl.ts';
import { createTestApp } from '../support/core.ts';
import { capturedStream } from '../support/streams.ts';

let app: App;
beforeAll(async () => {
  app = await createTestApp();
});

/** Runs the terminal on the given input lines; resolves with everything written once runTerminal resolves. */
async function drive(lines: string, options: { isTTY?: boolean; endInput?: boolean } = {}): Promise<string> {
  const input = new PassThrough();
  const output = capturedStream();
  const running = runTerminal(app, { input, output: output.stream, isTTY: options.isTTY ?? false, color: false });
  input.write(lines);
  if (options.endInput ?? true) input.end();
  await running;
  input.destroy();
  output.stream.destroy();
  return output.text();
}

describe('the terminal without a TTY (scripted)', () => {
  it('given several lines, then each is answered in order and it resolves at the end of input', async () => {
    const output = await drive('/quote Tokayev\nnext\n\n/deal boeing\n/who Токаев\n');
    const positions = [
      output.indexOf('“the United States of America has the right to be properly present”'),
      output.indexOf('2 / 9'),
      output.indexOf('Central Asian airlines commit to buy Boeing airplanes'),
      output.indexOf('│ Kassym-Jomart Tokayev\n│ President of Kazakhstan'),
    ];
    expect(positions.every((position) => position >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });

  it('given no TTY, then there is no banner and no prompt, only answers', async () => {
    const output = await drive('/sources\n');
    expect(output.startsWith('│ Central Asian and other post-Soviet leaders')).toBe(true);
    expect(output).not.toContain('newsdesk>');
    expect(output).not.toContain(terminalMessages.bannerTitle);
  });

  it('given quit, then it resolves at once and later lines are not answered, even with the input still open', async () => {
    const output = await drive('/help\nquit\n/quote Tokayev\n', { endInput: false });
    expect(output).toContain('In the data now');
    expect(output).not.toContain('1 / 9');
  });

  it('given Windows line endings, then lines are read the same', async () => {
    expect(await drive('/quote Tokayev\r\nnext\r\n')).toContain('2 / 9');
  });
});

describe('the terminal at a TTY', () => {
  it('given a TTY, then a banner shows the data, examples and how to connect to Discord, then a prompt', async () => {
    const output = await drive('/quote Tokayev\n', { isTTY: true });
    expect(output).toContain(terminalMessages.bannerTitle);
    expect(output).toContain(describeCounts(app.live.current.dataset, catalogue('en')));
    expect(output).toContain(app.live.current.dataset.version);
    expect(output).toContain('/quote Tokayev');
    expect(output).toContain('DISCORD_TOKEN');
    expect(output).toContain('npm run deploy');
    expect(output).toContain('newsdesk> ');
    expect(output).toContain('1 / 9');
  });
});

describe('npm start in the terminal with --locale', () => {
  /** `npm start -- <argv>` without a token, through the same main() the script runs, on piped input. */
  async function start(argv: readonly string[], lines: string): Promise<{ code: number; stdout: string; stderr: string }> {
    const { main } = await import('../../src/main.ts');
    const stdin = new PassThrough();
    const [stdout, stderr] = [capturedStream(), capturedStream()];
    stdin.end(lines);
    const code = await main({ STATE_DIR: process.env.STATE_DIR, LOG_LEVEL: 'silent' }, { stdin, stdout: stdout.stream, stderr: stderr.stream, argv, stopRequested: new Promise(() => undefined) });
    return { code, stdout: stdout.text(), stderr: stderr.text() };
  }

  it('given --locale ru, then answers are in Russian', async () => {
    const { code, stdout } = await start(['--locale', 'ru'], '/fact Turkmenistan\n');
    expect(code).toBe(0);
    expect(stdout).toContain('О ком');
  });

  it('given --locale with a language the bot does not speak, then it stops with one line', async () => {
    expect(await start(['--locale', 'de'], '')).toMatchObject({ code: 1, stdout: '', stderr: '--locale takes en or ru.\n' });
  });
});
