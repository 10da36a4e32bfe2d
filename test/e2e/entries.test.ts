// /data edit, add and remove through the fake Discord with the real client: forms, previews, Confirm, rollback.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { APIMessage } from 'discord-api-types/v10';
import { describe, expect, it } from 'vitest';
import { en } from '../../src/locale/en.ts';
import type { FakeDiscord, InteractionHandle } from '../support/fake-discord/index.ts';
import { button } from './harness.ts';
import { cleanUpAfterEachTest, startHarness, tempDataDir, type Harness } from './harness.ts';

const MODERATOR = { user: { id: '400000000000000041', username: 'mod' }, memberPermissions: '32' };
const OTHER_MODERATOR = { user: { id: '400000000000000042', username: 'mod2' }, memberPermissions: '32' };
const ARTICLE = 'nyt-2025-11-07-post-soviet-leaders';

cleanUpAfterEachTest();

async function startDataBot(): Promise<Harness & { dataDir: string }> {
  const dataDir = await tempDataDir();
  return { ...(await startHarness({ DATA_DIR: dataDir })), dataDir };
}

async function lookup(fake: FakeDiscord, command: string, query: string): Promise<string> {
  return JSON.stringify((await fake.sendCommand({ name: command, options: { query } }).callback()).data);
}

/** Submits the form `handle` opened and waits for the answer (a preview with Confirm, or a refusal). */
async function submit(fake: FakeDiscord, handle: InteractionHandle, values: Record<string, string | readonly string[]>, who = MODERATOR): Promise<{ answer: InteractionHandle; message: APIMessage }> {
  const answer = await fake.submitModal(handle, { values, user: who.user });
  const message = await answer.message({ until: (candidate) => candidate.content !== '' || candidate.embeds.length > 0, timeoutMs: 15_000 });
  return { answer, message };
}

/** Presses Confirm on a preview and waits for the applied (or refused) answer. */
async function confirm(fake: FakeDiscord, handle: InteractionHandle, preview: APIMessage, label = en.data.confirmChange): Promise<APIMessage> {
  const click = await fake.clickButton(preview, button(preview, label), MODERATOR);
  await click.callback({ timeoutMs: 15_000 });
  return handle.message({ until: (message) => !(message.components ?? []).length, timeoutMs: 15_000 });
}

describe('/data edit', () => {
  it('given a deal, then the form is prefilled, a changed value previews privately, and Confirm makes it live for members', async () => {
    const { fake, bot } = await startDataBot();
    const before = bot.app.live.current.dataset.version;
    const handle = fake.sendCommand({ name: 'data', subcommand: 'edit', options: { entry: 'd-kazakhstan-locomotives' }, ...MODERATOR });
    expect((await handle.callback()).type).toBe(9);
    const modal = await handle.modal();
    expect(modal.title.length).toBeLessThanOrEqual(45);
    expect(JSON.stringify(modal)).toContain('$4 billion');
    expect(JSON.stringify(modal)).toContain('300 locomotives');

    const { answer, message: preview } = await submit(fake, handle, { value: '$4.5 billion' });
    expect(preview.flags).toBe(64);
    expect(preview.embeds[0]?.title).toBe(en.data.changePreview('edit', 'deal', 'd-kazakhstan-locomotives'));
    expect(preview.embeds[0]?.fields?.[0]?.value).toMatch(/^• deals: \\~1 changed \(Kazakhstan/);
    expect(bot.app.live.current.dataset.version).toBe(before);

    const applied = await confirm(fake, answer, preview);
    expect(applied.embeds[0]?.title).toBe(en.data.changeApplied('edit', 'd-kazakhstan-locomotives'));
    expect(await lookup(fake, 'deal', 'locomotives')).toContain('$4.5 billion');
  });

  it('given an edit then /data rollback, then the old wording is back', async () => {
    const { fake } = await startDataBot();
    const handle = fake.sendCommand({ name: 'data', subcommand: 'edit', options: { entry: 'kazakhstan' }, ...MODERATOR });
    await handle.modal();
    const { answer, message } = await submit(fake, handle, { role: 'Central Asian republic' });
    await confirm(fake, answer, message);
    expect(await lookup(fake, 'who', 'Kazakhstan')).toContain('Central Asian republic');
    const rollback = fake.sendCommand({ name: 'data', subcommand: 'rollback', ...MODERATOR });
    await rollback.message({ until: (candidate) => candidate.embeds.length > 0, timeoutMs: 15_000 });
    expect(await lookup(fake, 'who', 'Kazakhstan')).not.toContain('Central Asian republic');
  });

  it('given the entry changed after the form opened, then the submission is refused, nothing applies, and what was typed comes back', async () => {
    const { fake, bot } = await startDataBot();
    const first = fake.sendCommand({ name: 'data', subcommand: 'edit', options: { entry: 'f-turkmenistan-freedom-house-ranking' }, ...MODERATOR });
    await first.modal();
    const second = fake.sendCommand({ name: 'data', subcommand: 'edit', options: { entry: 'f-turkmenistan-freedom-house-ranking' }, ...OTHER_MODERATOR });
    await second.modal();
    const theirs = await submit(fake, second, { topics: 'human rights, rankings' }, OTHER_MODERATOR);
    const click = await fake.clickButton(theirs.message, button(theirs.message, en.data.confirmChange), OTHER_MODERATOR);
    await click.callback({ timeoutMs: 15_000 });
    await theirs.answer.message({ until: (message) => !(message.components ?? []).length, timeoutMs: 15_000 });
    const version = bot.app.live.current.dataset.version;

    const mine = await submit(fake, first, { topics: 'my careful wording' });
    expect(mine.message.content).toContain(en.forms.changedSinceOpened('f-turkmenistan-freedom-house-ranking'));
    expect(mine.message.content).toContain('my careful wording');
    const kept = [...mine.answer.requests].reverse().find((request) => request.files.length > 0);
    expect(kept?.files[0]?.text).toContain('my careful wording');
    expect(bot.app.live.current.dataset.version).toBe(version);
  });

  it('given a submission by someone other than the moderator who opened the form, or after it was used, then it is refused', async () => {
    const { fake } = await startDataBot();
    const handle = fake.sendCommand({ name: 'data', subcommand: 'edit', options: { entry: 'kazakhstan' }, ...MODERATOR });
    const modal = await handle.modal();
    const forged = await fake.submitModal({ customId: modal.custom_id, values: { name: 'Hijacked' }, ...OTHER_MODERATOR });
    expect(JSON.stringify((await forged.callback()).data)).toContain(en.forms.notYours);
    await submit(fake, handle, { role: 'First' });
    const again = await fake.submitModal({ customId: modal.custom_id, values: { name: 'Kazakhstan', role: 'Second' }, ...MODERATOR });
    expect(JSON.stringify((await again.callback()).data)).toContain(en.forms.expired);
  });

  it('given a member without rights, then /data edit opens nothing', async () => {
    const { fake } = await startDataBot();
    const handle = fake.sendCommand({ name: 'data', subcommand: 'edit', options: { entry: 'kazakhstan' }, user: { id: '400000000000000043', username: 'member' } });
    expect(await handle.callback()).toMatchObject({ type: 4, data: { flags: 64 } });
  });
});

describe('/data add', () => {
  it('given a quote by a speaker chosen with autocomplete, then members find it after Confirm', async () => {
    const { fake } = await startDataBot();
    const speaker = fake.sendAutocomplete({ name: 'data', subcommand: 'add', options: { kind: 'quote', article: ARTICLE, speaker: 'lukash' }, focused: 'speaker', ...MODERATOR });
    const choices = ((await speaker.callback()).data as { choices: { name: string; value: string }[] }).choices;
    expect(choices[0]).toMatchObject({ value: 'aleksandr-lukashenko' });
    expect(choices[0]?.name).toContain('aleksandr-lukashenko');

    const handle = fake.sendCommand({ name: 'data', subcommand: 'add', options: { kind: 'quote', article: ARTICLE, speaker: 'aleksandr-lukashenko' }, ...MODERATOR });
    const inputs = (await handle.modal()).components.map((component) => (component as { component?: { type: number; value?: string } }).component);
    expect(inputs.filter((input) => input?.type === 4 && input.value !== undefined)).toEqual([]);
    const { answer, message } = await submit(fake, handle, { text: 'We will talk about potash later.', context: 'A test quote added in Discord.', form: ['statement'] });
    expect(message.embeds[0]?.fields?.[0]?.value).toContain('quotes: +1 added (Lukashenko: “We will talk about potash later.”)');
    await confirm(fake, answer, message);
    expect(await lookup(fake, 'quote', 'potash')).toContain('We will talk about potash later.');
  });

  it('given a quote without a speaker, then the answer names the option it needs and no form opens', async () => {
    const { fake } = await startDataBot();
    const handle = fake.sendCommand({ name: 'data', subcommand: 'add', options: { kind: 'quote', article: ARTICLE }, ...MODERATOR });
    const callback = await handle.callback();
    expect(callback.type).toBe(4);
    expect(JSON.stringify(callback.data)).toContain(en.data.needsOption('quote', '`speaker`'));
  });

  it('given a submission that breaks a rule (an impossible date), then the problems and the typed text come back and nothing changes', async () => {
    const { fake, bot } = await startDataBot();
    const version = bot.app.live.current.dataset.version;
    const handle = fake.sendCommand({ name: 'data', subcommand: 'add', options: { kind: 'fact', article: ARTICLE, subject: 'kazakhstan' }, ...MODERATOR });
    await handle.modal();
    const { message } = await submit(fake, handle, { text: 'A fact with a date that never was.', date: '2025-02-30' });
    expect(message.embeds[0]?.title).toBe(en.data.changeRefused);
    expect(message.content).toContain('A fact with a date that never was.');
    expect(bot.app.live.current.dataset.version).toBe(version);
  });
});

describe('/data remove', () => {
  it('given an entity other entries refer to, then it is refused with the list of them', async () => {
    const { fake } = await startDataBot();
    const handle = fake.sendCommand({ name: 'data', subcommand: 'remove', options: { entry: 'boeing' }, ...MODERATOR });
    const message = await handle.message({ until: (candidate) => candidate.content !== '', timeoutMs: 15_000 });
    expect(message.content).toContain('`boeing` cannot be removed');
    expect(message.content).toContain('d-uzbekistan-boeing-dreamliners');
  });

  it('given a fact, then after Confirm it is gone, and the file on disk no longer holds it', async () => {
    const { fake, dataDir } = await startDataBot();
    const handle = fake.sendCommand({ name: 'data', subcommand: 'remove', options: { entry: 'f-turkmenistan-freedom-house-ranking' }, ...MODERATOR });
    const preview = await handle.message({ until: (candidate) => (candidate.components ?? []).length > 0, timeoutMs: 15_000 });
    expect(preview.embeds[0]?.fields?.[0]?.value).toContain('facts: −1 removed');
    const applied = await confirm(fake, handle, preview);
    expect(applied.embeds[0]?.title).toBe(en.data.changeApplied('remove', 'f-turkmenistan-freedom-house-ranking'));
    const file = await readFile(path.join(dataDir, 'articles', '2025-11-07-nyt-post-soviet-leaders.json'), 'utf8');
    expect(file).not.toContain('f-turkmenistan-freedom-house-ranking');
  });
});
