import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import pino from 'pino';
import { beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.ts';
import type { ReplyData } from '../../src/format/reply.ts';
import type { Choice } from '../../src/interaction/types.ts';
import { runAsk } from '../../src/terminal/ask.ts';
import { terminalMessages } from '../../src/terminal/messages.ts';
import { createTestApp, testStateEnv } from '../support/core.ts';
import { capturedStream } from '../support/streams.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BOEING_DEALS = ['Central Asian airlines commit to buy Boeing airplanes', 'Uzbekistan’s national airline to buy Boeing Dreamliner jets'];

let app: App;
beforeAll(async () => {
  app = await createTestApp();
});

interface Finished {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `npm run ask`'s script as a real process, the way npm runs it; killed if it outlives the test. */
function runAskProcess(args: readonly string[]): Promise<Finished> {
  return new Promise((resolve, reject) => {
    const { DISCORD_TOKEN: _token, ...env } = process.env;
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/terminal/ask.ts', ...args], {
      cwd: ROOT,
      // Set here so a developer's .env (which never overrides) cannot add log lines to stderr.
      env: { ...env, NO_COLOR: '1', LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 15_000,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => {
      resolve({ code, stdout, stderr });
    });
  });
}

/** Runs runAsk in this process with captured output and a silent logger. */
async function ask(argv: readonly string[], extraEnv: NodeJS.ProcessEnv = {}): Promise<Finished> {
  const env = { COOLDOWN_SECONDS: '0', NO_COLOR: '1', ...testStateEnv(), ...extraEnv };
  const [stdout, stderr] = [capturedStream(), capturedStream()];
  const code = await runAsk(argv, { env, stdout: stdout.stream, stderr: stderr.stream, cwd: ROOT, logger: pino({ level: 'silent' }) });
  stdout.stream.end();
  stderr.stream.end();
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}

describe('npm run ask, as a real process', () => {
  it('given --locale ru, then the answer is in Russian; given a language the bot does not speak, then one line says which it does', async () => {
    const russian = await runAskProcess(['deal', 'boeing', '--locale', 'ru']);
    expect(russian.code).toBe(0);
    expect(russian.stdout).toContain('Стороны');
    expect(russian.stdout).toContain('Uzbekistan’s national airline to buy Boeing Dreamliner jets');
    const unknown = await runAskProcess(['deal', 'boeing', '--locale', 'xx']);
    expect(unknown).toMatchObject({ code: 1, stdout: '', stderr: '--locale takes en or ru, not "xx".\n' });
  });

  it('given deal boeing --json, then stdout is exactly the Discord response data: both Boeing deals, no pings', async () => {
    const result = await runAskProcess(['deal', 'boeing', '--json']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const data = JSON.parse(result.stdout) as ReplyData;
    const embeds = JSON.stringify(data.embeds);
    for (const title of BOEING_DEALS) expect(embeds).toContain(title);
    expect(data.allowed_mentions.parse).toEqual([]);
    expect(data.flags).toBeUndefined();
  });

  it('given quote tok --autocomplete, then at most 25 choices come back, each valued with an entry id', async () => {
    const result = await runAskProcess(['quote', 'tok', '--autocomplete']);
    expect(result.code).toBe(0);
    const choices = JSON.parse(result.stdout) as Choice[];
    expect(choices.length).toBeGreaterThan(0);
    expect(choices.length).toBeLessThanOrEqual(25);
    for (const choice of choices) expect(app.live.current.dataset.byId.get(choice.value)?.kind).toBe('quote');
    expect(choices[0]?.name).toContain('Tokayev');
  });

  it('given an unknown command, then it exits 1 with one line on stderr and nothing on stdout', async () => {
    const result = await runAskProcess(['frobnicate']);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain('Unknown command “frobnicate”.');
  });
});

describe('npm run ask, in process', () => {
  it('given quote Tokayev, then the answer is rendered text without colour or paging hints, and the exit code is 0', async () => {
    const result = await ask(['quote', 'Tokayev']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('│ │ “the United States of America has the right to be properly present”');
    expect(result.stdout).toContain('1 / 9');
    expect(result.stdout).not.toContain(terminalMessages.pagingHint(9));
    // eslint-disable-next-line no-control-regex
    expect(result.stdout).not.toMatch(/\u001b\[/);
  });

  it('given the whole line as one argument, or words the shell split, then both read the same', async () => {
    const whole = await ask(['/deal query:boeing', '--json']);
    const split = await ask(['deal', 'boeing', '--json']);
    expect(whole.stdout).toBe(split.stdout);
    const spaced = await ask(['search', 'query:open for business', 'kind:quote']);
    expect(spaced.stdout).toContain('“open for business”');
  });

  it('given a required option left out, then it exits 1 with the usage', async () => {
    const result = await ask(['who']);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('The option name is required. Usage: /who name:<text>\n');
  });

  it('given a bad setting, then it prints the config error as one line and exits 1', async () => {
    const result = await ask(['quote', 'Tokayev'], { LOG_LEVEL: 'loud' });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^Config error: LOG_LEVEL [^\n]*\n$/);
  });

  it('given no command or an unknown flag, then it says how to use it and exits 1; --help exits 0', async () => {
    expect((await ask([])).code).toBe(1);
    const flag = await ask(['quote', '--loud']);
    expect(flag.code).toBe(1);
    expect(flag.stderr).toContain('Unknown flag --loud.');
    const help = await ask(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: npm run ask');
  });

  it('given no match, then the ephemeral notice is the answer and the exit code is still 0', async () => {
    const result = await ask(['deal', 'obamacare', '--json']);
    expect(result.code).toBe(0);
    const data = JSON.parse(result.stdout) as ReplyData;
    expect(data.flags).toBe(64);
    expect(data.content).toContain('No deal matches “obamacare”.');
  });
});
