// `npm run check:runtime` (in CI, after `npm run build`): the container image's runtime contract, checked without a
// container engine. scripts/install-runtime.sh (the Dockerfile's own step) lays the runtime out in a scratch directory;
// the code is made read-only and the bot runs as an unprivileged user, as in the image. It must answer, serve Discord
// (the fake), pass its health check, apply a /data import, write nothing outside its data and state directories, and
// stop on SIGTERM with exit 0.
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { chmod, chown, mkdir, mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { FakeDiscord } from '../test/support/fake-discord/index.ts';
import { freePort } from '../test/support/processes.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** The image's unprivileged user is `node`; here, the system's `nobody`. */
const RUN_AS = 'nobody';
const MODERATOR = { user: { id: '400000000000000004', username: 'mod' }, memberPermissions: '32' };

const asRoot = process.getuid?.() === 0;
const work = await mkdtemp(path.join(tmpdir(), 'newsdesk-runtime-'));
const app = path.join(work, 'app');
const data = path.join(work, 'data');
const state = path.join(work, 'state');
const children: ChildProcess[] = [];
let fake: FakeDiscord | undefined;

function runGroup(): string {
  return execFileSync('id', ['-g', RUN_AS], { encoding: 'utf8' }).trim();
}

function step(text: string): void {
  console.log(`check-runtime: ${text}`);
}

/** Runs `args` (node and its arguments) in the app directory as the image's user would, with only `env`. */
function runtime(args: readonly string[], env: NodeJS.ProcessEnv): ChildProcess {
  const fullEnv = { PATH: process.env.PATH ?? '', HOME: '/nonexistent', NODE_ENV: 'production', DATA_DIR: data, STATE_DIR: state, ...env };
  // setpriv changes user and then execs node, so signals reach node itself, as in the image (runuser stays in between).
  const [command, rest] = asRoot
    ? ['setpriv', ['--reuid', RUN_AS, '--regid', runGroup(), '--clear-groups', '--', process.execPath, ...args]]
    : [process.execPath, [...args]];
  const child = spawn(command, rest, { cwd: app, env: fullEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  return child;
}

async function finished(child: ChildProcess): Promise<{ code: number | null; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const [code] = (await once(child, 'exit')) as [number | null];
  return { code, stdout, stderr };
}

function check(condition: boolean, failure: string): void {
  if (!condition) throw new Error(failure);
}

/** Every file below `dir` with its modification time, to see what the bot changed. */
async function files(dir: string): Promise<Map<string, number>> {
  const found = new Map<string, number>();
  for (const entry of await readdir(dir, { recursive: true })) {
    const file = path.join(dir, entry);
    found.set(file, (await stat(file)).mtimeMs);
  }
  return found;
}

try {
  step(`installing the runtime as the Dockerfile does (${asRoot ? `runs as ${RUN_AS}` : 'not root: runs as this user'})`);
  execFileSync(path.join(ROOT, 'scripts', 'install-runtime.sh'), [ROOT, app, data], { stdio: 'inherit' });
  check((await readdir(path.join(app, 'node_modules'))).every((name) => !['typescript', 'tsx', 'vitest', 'eslint'].includes(name)), 'dev dependencies were installed');
  await mkdir(state);
  await chmod(work, 0o755);
  // The code is read-only (and root's); data and state belong to the bot's user.
  execFileSync('chmod', ['-R', 'a-w', app]);
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', RUN_AS], { encoding: 'utf8' }).trim());
    const gid = Number(runGroup());
    execFileSync('chown', ['-R', `${String(uid)}:${String(gid)}`, data]);
    await chown(state, uid, gid);
  }
  const codeBefore = await files(app);

  step('answering in the terminal: node dist/src/terminal/ask.js quote Tokayev');
  const asked = await finished(runtime(['--enable-source-maps', 'dist/src/terminal/ask.js', 'quote', 'Tokayev'], { NO_COLOR: '1' }));
  check(asked.code === 0 && asked.stdout.includes('Kassym-Jomart Tokayev'), `ask failed (${String(asked.code)}): ${asked.stderr}`);

  step('serving the fake Discord: node dist/src/main.js');
  fake = await FakeDiscord.start({ waitTimeoutMs: 20_000 });
  const port = await freePort();
  const botEnv = { DISCORD_TOKEN: fake.token, DISCORD_API_URL: fake.apiUrl, DATA_GUILD_IDS: fake.guildId, HEALTH_PORT: String(port), HEALTH_HOST: '0.0.0.0', ATTACHMENT_HOSTS: new URL(fake.cdnUrl).host, LOG_LEVEL: 'warn' };
  const bot = runtime(['--enable-source-maps', 'dist/src/main.js'], botEnv);
  const botDone = finished(bot);
  await Promise.race([fake.waitForShards(1, { timeoutMs: 30_000 }), botDone.then((result) => Promise.reject(new Error(`the bot exited: ${result.stderr}`)))]);
  const lookup = await fake.sendCommand({ name: 'quote', options: { query: 'Tokayev' } }).callback({ timeoutMs: 10_000 });
  check(JSON.stringify(lookup.data).includes('Kassym-Jomart Tokayev'), 'the bot did not answer /quote Tokayev');

  step('health check: node dist/src/healthcheck.js');
  const healthy = await finished(runtime(['dist/src/healthcheck.js'], botEnv));
  check(healthy.code === 0, `the health check failed: ${healthy.stderr}`);

  step('a /data import, written to the data volume');
  const article = {
    source: { id: 'runtime-check', publisher: 'Test Herald', published: '2026-01-06', authors: ['A. Reporter'], subject: 'Runtime check', summary: 'Used by the runtime check.' },
    entities: [{ id: 'aigul-runtime', type: 'person', name: 'Aigul Runtime', aliases: ['Runtime'], source: 'runtime-check' }],
    quotes: [{ id: 'q-runtime', speaker: 'aigul-runtime', text: 'The volume holds the data.', form: 'statement', context: 'In a check.', source: 'runtime-check' }],
  };
  const file = fake.addAttachment({ filename: 'article.json', content: JSON.stringify(article), contentType: 'application/json' });
  const upload = fake.sendCommand({ name: 'data', subcommand: 'import', options: { file }, ...MODERATOR });
  const preview = await upload.message({ until: (message) => (message.components ?? []).length > 0 });
  const confirm = (preview.components?.[0] as { components: { custom_id: string }[] } | undefined)?.components[0]?.custom_id ?? '';
  await (await fake.clickButton(upload, confirm, MODERATOR)).callback();
  await upload.message({ until: (message) => JSON.stringify(message.embeds).includes('Import applied') });
  // Another member: the first has a cooldown running.
  const found = await fake.sendCommand({ name: 'quote', options: { query: 'Runtime' }, user: { id: '400000000000000005', username: 'reader' } }).callback();
  check(JSON.stringify(found.data).includes('The volume holds the data.'), `the imported quote is not served: ${JSON.stringify(found.data)}`);

  step('stopping with SIGTERM');
  bot.kill('SIGTERM');
  const stopped = await botDone;
  check(stopped.code === 0, `the bot exited ${String(stopped.code)} on SIGTERM: ${stopped.stderr}`);
  check((await files(app)).size === codeBefore.size && [...(await files(app))].every(([name, time]) => codeBefore.get(name) === time), 'the bot changed its code directory');
  check((await readdir(path.join(data, 'articles'))).some((name) => name.includes('runtime-check')), 'the import is not in the data volume');
  check((await readdir(state)).length > 0, 'nothing was written to the state volume');
  if (asRoot) {
    // Anything the bot's user owns outside the two volumes was written by the bot (or its dependencies).
    // Other jobs create and remove files in /tmp meanwhile; find's complaints about those are not findings.
    const found = spawnSync('find', ['/tmp', '/var/tmp', '/dev/shm', app, '-xdev', '-user', RUN_AS, '-not', '-path', `${data}*`, '-not', '-path', `${state}*`], { encoding: 'utf8' });
    const strays = found.stdout.trim();
    check(strays === '', `the bot wrote outside its volumes:\n${strays}`);
  }
  step('ok: starts, answers, serves, imports to the data volume, writes nowhere else, stops on SIGTERM');
} finally {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await fake?.close();
  execFileSync('chmod', ['-R', 'u+w', work]);
  await rm(work, { recursive: true, force: true });
}
