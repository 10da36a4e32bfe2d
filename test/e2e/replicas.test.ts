// Past one machine: two HTTP replicas and one gateway process on one PostgreSQL, as real processes behind the fake
// Discord (which balances HTTP deliveries over the replicas). What a moderator changes through one, every one serves.
import type { APIAttachment, APIMessage } from 'discord-api-types/v10';
import { describe, expect, it } from 'vitest';
import { en } from '../../src/locale/en.ts';
import type { FakeDiscord, InteractionHandle } from '../support/fake-discord/index.ts';
import { noPostgres, usePostgres, waitUntil } from '../support/postgres.ts';
import { freePort } from '../support/processes.ts';
import { botEnv, button, cleanUpAfterEachTest, exitCode, spawnBot, startFake, text, type Spawned } from './harness.ts';
import { oneQuoteArticle } from '../support/articles.ts';

const postgres = usePostgres();
cleanUpAfterEachTest();
const MODERATOR = { user: { id: '400000000000000051', username: 'mod' }, memberPermissions: '32' };
const OTHER_MODERATOR = { user: { id: '400000000000000052', username: 'mod2' }, memberPermissions: '32' };
const A = 0;
const B = 1;

interface Fleet {
  readonly fake: FakeDiscord;
  readonly replicas: (Spawned & { readonly url: string })[];
  readonly gateway: Spawned;
}

/** Two HTTP replicas and a gateway process on a new database, all serving the fake; resolves once each is up. */
async function startFleet(): Promise<Fleet> {
  const database = await postgres.database();
  const fake = await startFake({ waitTimeoutMs: 15_000 });
  const shared = { DATABASE_URL: database, ATTACHMENT_HOSTS: new URL(fake.cdnUrl).host, DATA_GUILD_IDS: fake.guildId, COOLDOWN_SECONDS: '0', LOG_LEVEL: 'warn' };
  const replicas = [];
  for (let i = 0; i < 2; i++) {
    const port = await freePort();
    const spawned = spawnBot({ ...shared, INTERACTIONS_PORT: String(port), DISCORD_PUBLIC_KEY: fake.publicKey, DISCORD_API_URL: fake.apiUrl, STATE_DIR: process.env.STATE_DIR });
    replicas.push({ ...spawned, url: `http://127.0.0.1:${String(port)}/interactions` });
  }
  const gateway = spawnBot(botEnv(fake, shared));
  for (const replica of replicas) {
    await waitUntil(() => fetch(replica.url.replace('/interactions', '/healthz')).then((response) => response.ok, () => false), 30_000, `replica ${replica.url} to be up`);
  }
  await fake.waitForShards(1, { timeoutMs: 30_000 });
  fake.setInteractionsEndpoint(replicas.map((replica) => replica.url));
  return { fake, replicas, gateway };
}

/** Runs `send` on the gateway process instead of a replica, then goes back to the replicas. */
async function viaGateway<T>(fleet: Fleet, send: () => Promise<T>): Promise<T> {
  fleet.fake.setInteractionsEndpoint([]);
  try {
    return await send();
  } finally {
    fleet.fake.setInteractionsEndpoint(fleet.replicas.map((replica) => replica.url));
  }
}

function article(id: string, surname: string, words: string): object {
  const person = `${surname.toLowerCase()}-${id}`;
  return oneQuoteArticle({
    source: id,
    published: '2026-01-12',
    subject: 'Replica test',
    person: { id: person, name: `Aida ${surname}`, aliases: [surname] },
    quote: { id: `q-${person}`, text: words },
  });
}

function upload(fake: FakeDiscord, content: object): APIAttachment {
  return fake.addAttachment({ filename: 'article.json', content: JSON.stringify(content), contentType: 'application/json' });
}

/** /data import through one replica, up to its preview. */
async function preview(fake: FakeDiscord, replica: number, content: object, who = MODERATOR): Promise<{ handle: InteractionHandle; message: APIMessage }> {
  const handle = fake.sendCommand({ name: 'data', subcommand: 'import', options: { file: upload(fake, content) }, replica, ...who });
  const message = await handle.message({ until: (candidate) => (candidate.components ?? []).length > 0 || candidate.embeds.length > 0 || candidate.content !== '', timeoutMs: 15_000 });
  return { handle, message };
}

async function confirm(fake: FakeDiscord, replica: number, handle: InteractionHandle, message: APIMessage, who = MODERATOR): Promise<APIMessage> {
  const click = await fake.clickButton(handle, button(message, en.data.confirmImport), { replica, ...who });
  await click.callback({ timeoutMs: 15_000 });
  return handle.message({ until: (candidate) => (candidate.components ?? []).length === 0, timeoutMs: 15_000 });
}

async function quote(fake: FakeDiscord, query: string, replica?: number): Promise<string> {
  return JSON.stringify((await fake.sendCommand({ name: 'quote', options: { query }, ...(replica === undefined ? {} : { replica }) }).callback({ timeoutMs: 10_000 })).data);
}

async function statusVersion(fake: FakeDiscord, replica?: number): Promise<string> {
  const handle = fake.sendCommand({ name: 'data', subcommand: 'status', ...MODERATOR, ...(replica === undefined ? {} : { replica }) });
  const message = await handle.message({ until: (candidate) => candidate.embeds.length > 0, timeoutMs: 15_000 });
  return message.embeds[0]?.fields?.find((field) => field.name === en.data.version)?.value ?? '';
}

describe.skipIf(noPostgres)('replicas on one database', () => {
  it('given two HTTP replicas and a gateway, then each answers, and an import through one is served by all within a second and rolled back through another', async () => {
    const fleet = await startFleet();
    const { fake } = fleet;
    for (const replica of [A, B]) {
      expect(await fake.sendPing({ replica })).toMatchObject({ status: 200, body: { type: 1 } });
      expect(await quote(fake, 'Tokayev', replica)).toContain('Kassym-Jomart Tokayev');
    }
    for (const probe of ['tampered-body', 'missing-signature', 'old-timestamp', 'oversized'] as const) expect((await fake.probeEndpoint(probe, { replica: B })).status).toBeGreaterThanOrEqual(400);

    const { handle, message } = await preview(fake, A, article('test-replicas', 'Replicova', 'Every replica hears this.'));
    expect(text(await confirm(fake, A, handle, message))).toContain(en.data.importApplied);
    const applied = Date.now();
    await waitUntil(async () => (await quote(fake, 'Replicova', B)).includes('Every replica hears this.'), 1000, 'replica B to serve the import');
    await waitUntil(async () => (await viaGateway(fleet, () => quote(fake, 'Replicova'))).includes('Every replica hears this.'), Math.max(100, 1000 - (Date.now() - applied)), 'the gateway process to serve the import');
    const versions = [await statusVersion(fake, A), await statusVersion(fake, B), await viaGateway(fleet, () => statusVersion(fake))];
    expect(new Set(versions).size).toBe(1);

    const rollback = fake.sendCommand({ name: 'data', subcommand: 'rollback', replica: B, ...MODERATOR });
    await rollback.message({ until: (candidate) => candidate.embeds.length > 0, timeoutMs: 15_000 });
    await waitUntil(async () => !(await quote(fake, 'Replicova', A)).includes('Every replica hears this.'), 1000, 'replica A to serve the rollback');
  }, 120_000);

  it('given two moderators confirming imports at once through two replicas, then one applies and the other is told to run it again, never a mix', async () => {
    const { fake } = await startFleet();
    const first = await preview(fake, A, article('test-race-a', 'Racea', 'First.'));
    const second = await preview(fake, B, article('test-race-b', 'Raceb', 'Second.'), OTHER_MODERATOR);
    const answers = await Promise.all([confirm(fake, A, first.handle, first.message), confirm(fake, B, second.handle, second.message, OTHER_MODERATOR)]);
    const outcomes = answers.map((answer) => (text(answer).includes(en.data.importApplied) ? 'applied' : text(answer).includes('changed since') ? 'stale' : text(answer))).sort();
    expect(outcomes).toEqual(['applied', 'stale']);
    const served = [(await quote(fake, 'Racea', A)).includes('First.'), (await quote(fake, 'Raceb', A)).includes('Second.')];
    expect(served.filter(Boolean)).toHaveLength(1);
  }, 120_000);

  it('given a replica killed while a change commits, then the database holds the old or the new version and the others keep serving', async () => {
    const fleet = await startFleet();
    const { fake } = fleet;
    const before = await statusVersion(fake, B);
    const { handle, message } = await preview(fake, A, article('test-killed', 'Killova', 'Maybe.'));
    const click = await fake.clickButton(handle, button(message, en.data.confirmImport), { replica: A, ...MODERATOR });
    fleet.replicas[A]?.child.kill('SIGKILL');
    await click.callback({ timeoutMs: 4000 }).catch(() => undefined);
    await exitCode(fleet.replicas[A]?.child ?? fleet.gateway.child);
    expect(await quote(fake, 'Tokayev', B)).toContain('Kassym-Jomart Tokayev');
    const after = await statusVersion(fake, B);
    const hasNew = (await quote(fake, 'Killova', B)).includes('Maybe.');
    // Old version and no new quote, or a new version and the whole of it: never a version without its quote.
    expect(after === before ? !hasNew : hasNew).toBe(true);
  }, 120_000);

  it('given the database stopped for a few seconds, then lookups keep working, /healthz says degraded, a change is refused clearly, and all recovers', async () => {
    const fleet = await startFleet();
    const { fake } = fleet;
    const healthz = (): Promise<{ status: number; body: Record<string, unknown> }> =>
      fetch(fleet.replicas[A]?.url.replace('/interactions', '/healthz') ?? '').then(async (response) => ({ status: response.status, body: (await response.json()) as Record<string, unknown> }));
    await postgres.cluster().stop();
    try {
      expect(await quote(fake, 'Tokayev', A)).toContain('Kassym-Jomart Tokayev');
      const degraded = await waitUntil(async () => {
        const answer = await healthz();
        return answer.body.status === 'degraded' && answer;
      }, 15_000, '/healthz to say degraded');
      expect(degraded.status).toBe(200);
      expect(String(degraded.body.reason)).toContain('out of reach');
      const refused = await preview(fake, A, article('test-outage', 'Outagova', 'Later.'));
      expect(text(refused.message)).toContain('Nothing was changed');
    } finally {
      await postgres.cluster().start();
    }
    await waitUntil(async () => (await healthz()).body.status === 'ok', 30_000, '/healthz to recover');
    const { handle, message } = await preview(fake, A, article('test-outage', 'Outagova', 'Later.'));
    expect(text(await confirm(fake, A, handle, message))).toContain(en.data.importApplied);
  }, 120_000);
});
