// Starts the fake Discord and the bot the way `npm start` does, on loopback, and tears both down after each test.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import type { APIMessage } from 'discord-api-types/v10';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { startDiscordBot, type RunningBot, type StartOptions } from '../../src/discord/bot.ts';
import { createLogger } from '../../src/logger.ts';
import { testStateEnv } from '../support/core.ts';
import { killIfRunning, processTree } from '../support/processes.ts';
import { FakeDiscord, type FakeDiscordOptions } from '../support/fake-discord/index.ts';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Log lines the bot wrote, parsed: tests assert that a reference id shown to a user is in the log. */
export class LogCapture {
  readonly lines: Record<string, unknown>[] = [];
  /** Everything written, as written. */
  text = '';
  readonly stream = new Writable({
    write: (chunk: Buffer, _encoding, done) => {
      const written = chunk.toString('utf8');
      this.text += written;
      for (const line of written.split('\n')) if (line.trim()) this.lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });

  find(predicate: (line: Record<string, unknown>) => boolean): Record<string, unknown> | undefined {
    return this.lines.find(predicate);
  }
}

export interface Harness {
  readonly fake: FakeDiscord;
  readonly bot: RunningBot;
  readonly logs: LogCapture;
}

const running: { fakes: FakeDiscord[]; bots: RunningBot[]; children: ChildProcess[]; dirs: string[] } = { fakes: [], bots: [], children: [], dirs: [] };

/** A temp directory removed by cleanUp. */
export async function tempDir(prefix: string): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), prefix));
  running.dirs.push(dir);
  return dir;
}

/** A copy of the bundled data in a temp directory (removed by cleanUp): tests that change data never touch data/. */
export async function tempDataDir(): Promise<string> {
  const dir = await tempDir('newsdesk-data-');
  await cp(path.join(ROOT, 'data', 'articles'), path.join(dir, 'articles'), { recursive: true });
  return dir;
}

/** The env `npm start` would see to talk to this fake. */
export function botEnv(fake: FakeDiscord, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  // On the bundled data, history goes to the run's temp STATE_DIR; a test's own DATA_DIR keeps its state inside it.
  const state = extra.DATA_DIR === undefined ? testStateEnv() : {};
  // The fake's default server is the data's home, as an operator would configure it; tests of other servers say so.
  return {
    DISCORD_TOKEN: fake.token,
    DISCORD_API_URL: fake.apiUrl,
    DISCORD_CLIENT_ID: fake.applicationId,
    DATA_GUILD_IDS: fake.guildId,
    COOLDOWN_SECONDS: '0',
    ...state,
    ...extra,
  };
}

export async function startFake(options: FakeDiscordOptions = {}): Promise<FakeDiscord> {
  const fake = await FakeDiscord.start(options);
  running.fakes.push(fake);
  return fake;
}

/** The bot in this process, through the same entry function and logger `npm start` uses, logged in to a fresh fake. */
export async function startHarness(env: NodeJS.ProcessEnv = {}, options: StartOptions = {}, fake?: FakeDiscord): Promise<Harness> {
  const target = fake ?? (await startFake());
  const logs = new LogCapture();
  const bot = await startDiscordBot(loadConfig(botEnv(target, env)), createLogger('debug', logs.stream), options);
  running.bots.push(bot);
  return { fake: target, bot, logs };
}

/** Stops a bot started by startHarness early (a "restart" test starts another on the same fake). */
export async function stopBot(bot: RunningBot): Promise<void> {
  running.bots.splice(running.bots.indexOf(bot), 1);
  await bot.stop();
}

export interface Spawned {
  readonly child: ChildProcess;
  readonly output: () => { stdout: string; stderr: string };
}

/** `npm start`'s program as a real child process: node on the built JavaScript of `script` (global-setup builds it). */
export function spawnBot(env: NodeJS.ProcessEnv, [script = 'src/main.ts', ...args]: readonly string[] = []): Spawned {
  return spawnTracked(process.execPath, ['--enable-source-maps', path.join('dist', script.replace(/\.ts$/, '.js')), ...args], env, ROOT);
}

/**
 * `npm <args>` as a real child process, in its own process group so a test can send Ctrl-C to the whole group as a
 * terminal does. Only PATH and HOME are inherited: nothing of the test run's environment leaks in.
 */
export function spawnNpm(args: readonly string[], env: NodeJS.ProcessEnv, cwd = ROOT): Spawned {
  return spawnTracked('npm', args, env, cwd, true);
}

function spawnTracked(command: string, args: readonly string[], env: NodeJS.ProcessEnv, cwd: string, detached = false): Spawned {
  const child = spawn(command, args, {
    cwd,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
    detached,
  });
  running.children.push(child);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  return { child, output: () => ({ stdout, stderr }) };
}

/** The JSON log lines a child wrote to stdout (npm's own lines left out). */
export function logLines(stdout: string): Record<string, unknown>[] {
  return stdout
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

/** Waits for a child to exit; resolves with its exit code (or kills it after `timeoutMs`). */
export async function exitCode(child: ChildProcess, timeoutMs = 15_000): Promise<number | null> {
  // Killed by a signal, a child has no exit code but has already exited: waiting for 'exit' would wait forever.
  if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  try {
    const [code] = (await once(child, 'exit')) as [number | null];
    return code;
  } finally {
    clearTimeout(timer);
  }
}

/** A message's visible text (content and embeds) as one string, for matching. */
export function text(message: APIMessage): string {
  return JSON.stringify({ content: message.content, embeds: message.embeds });
}

/** The custom_id of the button labelled `label` on a message; throws with the message's text when there is none. */
export function button(message: APIMessage, label: string): string {
  for (const row of message.components ?? []) {
    for (const component of (row as { components: { custom_id?: string; label?: string }[] }).components) {
      if (component.label === label && component.custom_id) return component.custom_id;
    }
  }
  throw new Error(`no ${label} button in ${text(message)}`);
}

/** Stops every bot, child and fake a test started. */
export async function cleanUp(): Promise<void> {
  await Promise.all(running.bots.splice(0).map((bot) => bot.stop()));
  await Promise.all(
    running.children.splice(0).map(async (child) => {
      if (child.exitCode === null && child.signalCode === null) {
        const tree = child.pid === undefined ? [] : await processTree(child.pid);
        const exited = once(child, 'exit');
        // A test that failed midway may leave a whole tree (npm → node → shards): kill all of it, leaves first.
        for (const pid of tree.reverse()) killIfRunning(pid);
        await exited;
      }
    }),
  );
  await Promise.all(running.fakes.splice(0).map((fake) => fake.close()));
  await Promise.all(running.dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
}

/**
 * Fails when a TCP handle, a child process or an extra timer outlives the tests. Handles close asynchronously, so it
 * polls for up to 3 s, yielding with setImmediate: a polling timer would itself count as a leaked timer.
 */
export async function expectNoLeaks(timersBefore: number): Promise<void> {
  const deadline = performance.now() + 3000;
  for (;;) {
    const resources = process.getActiveResourcesInfo();
    const open = resources.filter((resource) => resource.startsWith('TCP') || resource === 'ProcessWrap');
    const timers = resources.filter((resource) => resource === 'Timeout').length;
    const problem = open.length > 0 ? `still open: ${open.join(', ')}` : timers > timersBefore ? `${String(timers - timersBefore)} timers left running` : '';
    if (!problem) return;
    if (performance.now() > deadline) throw new Error(problem);
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/** Timers running now, to compare against after the tests. */
export function countTimers(): number {
  return process.getActiveResourcesInfo().filter((resource) => resource === 'Timeout').length;
}

/** Registers the hooks every e2e file needs: stop what each test started, and fail if anything outlives the file. */
export function cleanUpAfterEachTest(): void {
  let timersBefore = 0;
  beforeAll(() => {
    timersBefore = countTimers();
  });
  afterEach(cleanUp);
  afterAll(async () => {
    await expectNoLeaks(timersBefore);
  });
}
