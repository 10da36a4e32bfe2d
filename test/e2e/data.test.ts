// /data end to end: moderators change the live data from Discord; members never see a broken dataset.
import { readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { APIAttachment, APIMessage } from 'discord-api-types/v10';
import { describe, expect, it } from 'vitest';
import { downloadMessages } from '../../src/admin/download.ts';
import type { ArticleFileInput } from '../../src/data/schema.ts';
import { messages } from '../../src/messages.ts';
import type { FakeDiscord } from '../support/fake-discord/index.ts';
import { button, cleanUpAfterEachTest, startHarness, stopBot, tempDataDir, text, ROOT, type Harness } from './harness.ts';

const MODERATOR = { user: { id: '400000000000000004', username: 'mod' }, memberPermissions: '32' };
const OTHER_MODERATOR = { user: { id: '400000000000000005', username: 'mod2' }, memberPermissions: '32' };
const MEMBER = { user: { id: '400000000000000006', username: 'member' } };

cleanUpAfterEachTest();

/** A new article by a new speaker, in the dataset's format. */
function newArticle(overrides: Partial<ArticleFileInput> = {}): ArticleFileInput {
  return {
    source: { id: 'test-2026-01-05-steppe', publisher: 'Test Herald', published: '2026-01-05', authors: ['A. Reporter'], subject: 'A test article', summary: 'Used by the tests.' },
    entities: [{ id: 'aigerim-zhaksylykova', type: 'person', name: 'Aigerim Zhaksylykova', aliases: ['Zhaksylykova', 'Жаксылыкова'], role: 'Test minister', source: 'test-2026-01-05-steppe' }],
    quotes: [
      { id: 'q-zhaksylykova-test', speaker: 'aigerim-zhaksylykova', text: 'We will build the railway before winter.', form: 'statement', context: 'At a test press conference.', source: 'test-2026-01-05-steppe' },
    ],
    ...overrides,
  };
}

async function startDataBot(extra: NodeJS.ProcessEnv = {}): Promise<Harness & { dataDir: string }> {
  const dataDir = await tempDataDir();
  const harness = await startHarness({ DATA_DIR: dataDir, ATTACHMENT_HOSTS: 'placeholder', ...extra }, {}, undefined);
  return { ...harness, dataDir };
}

/** Restarts the harness with ATTACHMENT_HOSTS pointing at the fake's CDN (the fake's port is known only once it runs). */
async function startWithUploads(extra: NodeJS.ProcessEnv = {}): Promise<Harness & { dataDir: string }> {
  const first = await startDataBot(extra);
  await stopBot(first.bot);
  const host = new URL(first.fake.cdnUrl).host;
  const harness = await startHarness({ DATA_DIR: first.dataDir, ATTACHMENT_HOSTS: host, ...extra }, {}, first.fake);
  return { ...harness, dataDir: first.dataDir };
}

function upload(fake: FakeDiscord, content: string | object, filename = 'article.json'): APIAttachment {
  return fake.addAttachment({ filename, content: typeof content === 'string' ? content : JSON.stringify(content, null, 2), contentType: 'application/json' });
}

type Who = typeof MODERATOR | typeof MEMBER;

async function data(fake: FakeDiscord, subcommand: string, options: Record<string, string | APIAttachment> = {}, who: Who = MODERATOR): Promise<APIMessage> {
  const handle = fake.sendCommand({ name: 'data', subcommand, options, ...who });
  return handle.message({ until: (message) => message.embeds.length > 0 || message.content !== '', timeoutMs: 15_000 });
}

async function quote(fake: FakeDiscord, query: string): Promise<string> {
  const callback = await fake.sendCommand({ name: 'quote', options: { query }, ...MEMBER }).callback();
  return JSON.stringify(callback.data);
}

async function importAndConfirm(harness: Harness, article: object, who: typeof MODERATOR = MODERATOR): Promise<APIMessage> {
  const handle = harness.fake.sendCommand({ name: 'data', subcommand: 'import', options: { file: upload(harness.fake, article) }, ...who });
  const preview = await handle.message({ until: (message) => message.components !== undefined && message.components.length > 0, timeoutMs: 15_000 });
  const click = await harness.fake.clickButton(handle, button(preview, 'Confirm import'), who);
  await click.callback({ timeoutMs: 15_000 });
  return handle.message({ until: (message) => /Import applied|refused|changed since/.test(text(message)), timeoutMs: 15_000 });
}

describe('/data permissions', () => {
  it('given a member without Manage Server, then every subcommand is refused ephemerally and the attempt is audited', async () => {
    const { fake, dataDir } = await startDataBot();
    for (const subcommand of ['status', 'reload', 'rollback', 'export']) {
      const message = await data(fake, subcommand, {}, MEMBER);
      expect(message).toMatchObject({ flags: 64, content: messages.notModerator });
    }
    const audit = await readFile(path.join(dataDir, '.state', 'audit.log'), 'utf8');
    expect(audit.split('\n').filter((line) => line.includes('"refused"'))).toHaveLength(4);
  });

  it('given MODERATOR_ROLE_IDS, then a member with that role is a moderator', async () => {
    const { fake } = await startDataBot({ MODERATOR_ROLE_IDS: '500000000000000005' });
    const message = await data(fake, 'status', {}, { ...MEMBER, roles: ['500000000000000005'] } as Who);
    expect(message.embeds[0]?.title).toBe('Live data');
  });

  it('given a DM, then /data answers where the data is managed', async () => {
    const { fake } = await startDataBot({ BOT_OWNER_IDS: '' });
    const handle = fake.sendCommand({ name: 'data', subcommand: 'status', guildId: null, user: MODERATOR.user });
    expect(await handle.message({ until: (message) => message.content !== '' })).toMatchObject({ flags: 64, content: messages.dataManagedElsewhere });
  });

  it('given the registered definition, then Discord gates /data to Manage Server in servers', async () => {
    const { commands } = await import('../../commands/index.ts');
    const definition = commands.find((command) => command.data.name === 'data')?.data;
    expect(definition).toMatchObject({ default_member_permissions: '32', contexts: [0] });
  });
});

describe('/data status and reload', () => {
  it('given /data status, then the version, counts, articles, last change and data directory are shown', async () => {
    const { fake, dataDir, bot } = await startDataBot();
    const message = await data(fake, 'status');
    const fields = Object.fromEntries((message.embeds[0]?.fields ?? []).map((field) => [field.name, field.value]));
    expect(fields.Version).toBe(`\`${bot.app.live.current.dataset.version}\``);
    expect(fields.Entries).toMatch(/^22 quotes · 11 deals · \d+ facts/);
    expect(fields['Articles (1)']).toContain('articles/2025-11-07-nyt-post-soviet-leaders.json');
    expect(fields['Last change']).toMatch(/^start by start-up/);
    expect(fields['Read from']).toBe(`\`${dataDir}\``);
  });

  it('given a file edited on disk, then /data reload swaps it in and shows the diff', async () => {
    const { fake, dataDir, bot } = await startDataBot();
    const before = bot.app.live.current.dataset.version;
    await writeFile(path.join(dataDir, 'articles', 'new.json'), JSON.stringify(newArticle()));
    const message = await data(fake, 'reload');
    expect(message.embeds[0]?.title).toBe('Data reloaded');
    expect(message.embeds[0]?.description).toContain(`\`${before}\` →`);
    expect(text(message)).toContain('quotes: +1 added (Zhaksylykova: “We will build the railway before winter.”)');
    expect(await quote(fake, 'Zhaksylykova')).toContain('We will build the railway before winter.');
  });

  it('given a broken file on disk, then reload changes nothing and lists the problems as file: path: message', async () => {
    const { fake, dataDir, bot } = await startDataBot();
    const before = bot.app.live.current.dataset.version;
    await writeFile(path.join(dataDir, 'articles', 'broken.json'), JSON.stringify(newArticle({ quotes: [{ id: 'q-x', speaker: 'nobody', text: 'x', form: 'statement', context: 'c', source: 'test-2026-01-05-steppe' }] })));
    const message = await data(fake, 'reload');
    expect(message.embeds[0]?.title).toBe('Reload refused: the data directory has problems');
    expect(message.embeds[0]?.description).toContain('articles/broken.json: quotes\\[0\\].speaker: refers to unknown entity "nobody"');
    expect(bot.app.live.current.dataset.version).toBe(before);
    expect(await quote(fake, 'Tokayev')).toContain('Kassym-Jomart Tokayev');
  });
});

describe('/data validate and import', () => {
  it.each([
    ['a file that is not JSON', 'not json at all {', 'article.json', /is not valid JSON/],
    ['a file with another extension', '{}', 'article.txt', /is not a \.json file/],
    ['a file outside the schema', { source: { id: 'x' } }, 'article.json', /source\.publisher/],
    ['a dangling speaker', newArticle({ quotes: [{ id: 'q-y', speaker: 'ghost', text: 'Boo.', form: 'statement', context: 'c', source: 'test-2026-01-05-steppe' }] }), 'article.json', /refers to unknown entity \\"ghost\\"/],
    ['a duplicate id', newArticle({ quotes: [{ id: 'q-tokayev-inspires-me', speaker: 'aigerim-zhaksylykova', text: 'x', form: 'statement', context: 'c', source: 'test-2026-01-05-steppe' }] }), 'article.json', /duplicate id/],
    ['text that would break a reply', newArticle({ quotes: [{ id: 'q-z', speaker: 'aigerim-zhaksylykova', text: 'evil\u202Etext', form: 'statement', context: 'c', source: 'test-2026-01-05-steppe' }] }), 'article.json', /control or direction-override/],
  ])('given %s, then /data validate refuses it clearly and nothing changes', async (_label, content, filename, expected) => {
    const { fake, bot } = await startWithUploads();
    const before = bot.app.live.current.dataset.version;
    const message = await data(fake, 'validate', { file: upload(fake, content, filename) });
    expect(text(message)).toMatch(expected);
    expect(bot.app.live.current.dataset.version).toBe(before);
  });

  it('given a file over MAX_UPLOAD_BYTES, then it is refused with the limit stated', async () => {
    const { fake } = await startWithUploads({ MAX_UPLOAD_BYTES: '2048' });
    const message = await data(fake, 'import', { file: upload(fake, { ...newArticle(), padding: 'x'.repeat(5000) }) });
    expect(message.content).toMatch(/is 5\.\d KiB; uploads are limited to 2 KiB \(MAX_UPLOAD_BYTES\)/);
  });

  it('given an attachment on a host other than Discord’s CDN, then it is not downloaded', async () => {
    const { fake } = await startDataBot();
    const message = await data(fake, 'validate', { file: upload(fake, newArticle()) });
    expect(message.content).toBe('article.json was not uploaded to Discord, so it was not downloaded.');
  });

  it('given a valid new article, then validate shows what it would add and applies nothing', async () => {
    const { fake, bot } = await startWithUploads();
    const before = bot.app.live.current.dataset.version;
    const message = await data(fake, 'validate', { file: upload(fake, newArticle()) });
    expect(message.embeds[0]?.title).toBe('The file is valid: nothing was applied');
    expect(text(message)).toContain('quotes: +1 added');
    expect(text(message)).toContain('people and organisations: +1 added (Aigerim Zhaksylykova (Test minister))');
    expect(bot.app.live.current.dataset.version).toBe(before);
  });

  it('given the article’s text as source_text and a fact copied from it, then validate and import refuse it, naming the field and the words', async () => {
    const { fake, bot } = await startWithUploads();
    const before = bot.app.live.current.dataset.version;
    const articleText = 'At a test press conference the minister said: “We will build the railway before winter.” She added that the line would reach the border town of Kenkiyak within two years.';
    const copied = newArticle({ facts: [{ id: 'f-kenkiyak', text: 'The line would reach the border town of Kenkiyak within two years, the minister added.', source: 'test-2026-01-05-steppe' }] });
    for (const subcommand of ['validate', 'import']) {
      const sourceText = fake.addAttachment({ filename: 'article.txt', content: articleText, contentType: 'text/plain' });
      const message = await data(fake, subcommand, { file: upload(fake, copied), source_text: sourceText });
      expect(message.embeds[0]?.title).toMatch(/not valid/);
      expect(message.embeds[0]?.description).toContain('upload.json: facts\\[0\\].text: copies 12 consecutive words of the source text (“The line would reach the border town of Kenkiyak within two years”)');
      expect(message.components ?? []).toEqual([]);
    }
    expect(bot.app.live.current.dataset.version).toBe(before);
  });

  it('given source_text that the article’s facts and quotes respect, then the import preview is offered as usual', async () => {
    const { fake } = await startWithUploads();
    const sourceText = fake.addAttachment({ filename: 'article.md', content: 'The minister said: “We will build the railway before winter.”', contentType: 'text/markdown' });
    const handle = fake.sendCommand({ name: 'data', subcommand: 'import', options: { file: upload(fake, newArticle()), source_text: sourceText }, ...MODERATOR });
    const preview = await handle.message({ until: (message) => (message.components ?? []).length > 0, timeoutMs: 15_000 });
    expect(button(preview, 'Confirm import')).toMatch(/^data:confirm:/);
  });

  it('given source_text that is not a .txt or .md file, then it is refused before anything is checked', async () => {
    const { fake } = await startWithUploads();
    const pdf = fake.addAttachment({ filename: 'article.pdf', content: '%PDF-1.7', contentType: 'application/pdf' });
    const message = await data(fake, 'validate', { file: upload(fake, newArticle()), source_text: pdf });
    expect(message.content).toBe(downloadMessages.notTextName('article.pdf'));
  });

  it('given an import confirmed by its moderator, then members find the new quote at once and the file is on disk', async () => {
    const harness = await startWithUploads();
    const result = await importAndConfirm(harness, newArticle());
    expect(result.embeds[0]?.title).toBe('Import applied');
    expect(result.components ?? []).toEqual([]);
    expect(await quote(harness.fake, 'Zhaksylykova')).toContain('We will build the railway before winter.');
    expect(await readdir(path.join(harness.dataDir, 'articles'))).toContain('2026-01-05-test-2026-01-05-steppe.json');
  });

  it('given an import that replaces an existing article, then the diff shows what changed', async () => {
    const harness = await startWithUploads();
    const original = JSON.parse(await readFile(path.join(ROOT, 'data', 'articles', '2025-11-07-nyt-post-soviet-leaders.json'), 'utf8')) as ArticleFileInput;
    const corrected = { ...original, quotes: (original.quotes ?? []).map((entry) => (entry.id === 'q-lutnick-feel-it' ? { ...entry, context: 'Corrected context.' } : entry)) };
    const result = await importAndConfirm(harness, corrected);
    // "~" is escaped for Discord's markdown (strikethrough); the reader sees "~1 changed".
    expect(result.embeds[0]?.fields?.[0]?.value).toBe('• quotes: \\~1 changed (Lutnick: “You can feel it.”)');
  });

  it('given Cancel, then nothing is applied and the preview says so', async () => {
    const { fake, bot } = await startWithUploads();
    const before = bot.app.live.current.dataset.version;
    const handle = fake.sendCommand({ name: 'data', subcommand: 'import', options: { file: upload(fake, newArticle()) }, ...MODERATOR });
    const preview = await handle.message({ until: (message) => (message.components ?? []).length > 0, timeoutMs: 15_000 });
    const click = await fake.clickButton(handle, button(preview, 'Cancel'), MODERATOR);
    expect((await click.callback()).data).toMatchObject({ embeds: [{ description: messages.importCancelled }], components: [] });
    expect(bot.app.live.current.dataset.version).toBe(before);
  });

  it('given the preview times out, then the message says it expired and Confirm no longer applies it', async () => {
    const { fake, bot } = await startWithUploads({ IMPORT_TIMEOUT_SECONDS: '1' });
    const before = bot.app.live.current.dataset.version;
    const handle = fake.sendCommand({ name: 'data', subcommand: 'import', options: { file: upload(fake, newArticle()) }, ...MODERATOR });
    const preview = await handle.message({ until: (message) => (message.components ?? []).length > 0, timeoutMs: 15_000 });
    const expired = await handle.message({ until: (message) => text(message).includes('expired'), timeoutMs: 5000 });
    expect(expired.components ?? []).toEqual([]);
    const late = fake.sendComponent({ customId: button(preview, 'Confirm import'), message: preview, ...MODERATOR });
    expect(JSON.stringify((await late.callback()).data)).toContain('expired');
    expect(bot.app.live.current.dataset.version).toBe(before);
  });

  it('given two moderators confirm imports at the same time, then they apply one after the other and the second is told the data changed', async () => {
    const harness = await startWithUploads();
    const { fake } = harness;
    const first = fake.sendCommand({ name: 'data', subcommand: 'import', options: { file: upload(fake, newArticle()) }, ...MODERATOR });
    const second = fake.sendCommand({
      name: 'data',
      subcommand: 'import',
      options: { file: upload(fake, newArticle({ source: { ...newArticle().source, id: 'test-other' }, entities: [], quotes: [] })) },
      ...OTHER_MODERATOR,
    });
    const [a, b] = await Promise.all(
      [first, second].map((handle) => handle.message({ until: (message) => (message.components ?? []).length > 0, timeoutMs: 15_000 })),
    );
    if (!a || !b) throw new Error('no previews');
    const clicks = await Promise.all([
      fake.clickButton(first, button(a, 'Confirm import'), MODERATOR),
      fake.clickButton(second, button(b, 'Confirm import'), OTHER_MODERATOR),
    ]);
    await Promise.all(clicks.map((click) => click.callback({ timeoutMs: 15_000 })));
    const results = await Promise.all(
      [first, second].map((handle) => handle.message({ until: (message) => /Import applied|changed since/.test(text(message)), timeoutMs: 15_000 })),
    );
    const outcomes = results.map((message) => (text(message).includes('Import applied') ? 'applied' : 'stale')).sort();
    expect(outcomes).toEqual(['applied', 'stale']);
  });
});

describe('/data rollback, export, persistence', () => {
  it('given an import then a rollback, then the import is gone and the reply names the live version; a second rollback goes further back', async () => {
    const harness = await startWithUploads();
    const original = harness.bot.app.live.current.dataset.version;
    await importAndConfirm(harness, newArticle());
    const imported = harness.bot.app.live.current.dataset.version;
    const other = newArticle({ source: { ...newArticle().source, id: 'test-second' }, entities: [], quotes: [] });
    await importAndConfirm(harness, other);

    const back = await data(harness.fake, 'rollback');
    expect(back.embeds[0]?.title).toBe(`Rolled back: ${imported} is live now`);
    const further = await data(harness.fake, 'rollback');
    expect(further.embeds[0]?.title).toBe(`Rolled back: ${original} is live now`);
    expect(await quote(harness.fake, 'Zhaksylykova')).not.toContain('railway');
    const undo = await data(harness.fake, 'rollback', { version: imported });
    expect(undo.embeds[0]?.title).toBe(`Rolled back: ${imported} is live now`);
    expect(await quote(harness.fake, 'Zhaksylykova')).toContain('railway');
  });

  it('given /data export, then the live article files are attached as JSON that validates again', async () => {
    const { fake } = await startDataBot();
    const handle = fake.sendCommand({ name: 'data', subcommand: 'export', ...MODERATOR });
    await handle.message({ until: (message) => message.content.startsWith('Exported'), timeoutMs: 15_000 });
    const withFiles = [...handle.requests].reverse().find((request) => request.files.length > 0);
    expect(withFiles?.files.map((file) => file.filename)).toEqual(['2025-11-07-nyt-post-soviet-leaders.json']);
    const exported = JSON.parse(withFiles?.files[0]?.text ?? '{}') as ArticleFileInput;
    expect(exported.quotes).toHaveLength(22);
    expect(withFiles?.files[0]?.text).not.toContain('"kind"');
  });

  it('given an import and a restart of the bot, then the imported data is still live', async () => {
    const harness = await startWithUploads();
    await importAndConfirm(harness, newArticle());
    const version = harness.bot.app.live.current.dataset.version;
    await stopBot(harness.bot);
    const restarted = await startHarness({ DATA_DIR: harness.dataDir }, {}, harness.fake);
    expect(restarted.bot.app.live.current.dataset.version).toBe(version);
    expect(await quote(harness.fake, 'Zhaksylykova')).toContain('railway');
  });
});

describe('/data around the edges', () => {
  it('given MOD_LOG_CHANNEL_ID, then each change is posted there without pings', async () => {
    const { fake, dataDir } = await startDataBot({ MOD_LOG_CHANNEL_ID: '600000000000000006' });
    const harnessChannel = fake.channelId;
    await writeFile(path.join(dataDir, 'articles', 'new.json'), JSON.stringify(newArticle()));
    await data(fake, 'reload');
    const posted = await fake.waitForRequest((request) => request.method === 'POST' && request.path.endsWith('/channels/600000000000000006/messages'));
    expect(posted.body).toMatchObject({ allowed_mentions: { parse: [] }, embeds: [{ title: '/data reload: applied' }] });
    expect(harnessChannel).not.toBe('600000000000000006');
  });

  it('given DATA_WATCH, then a file edited on disk goes live through the same validation', async () => {
    const { fake, dataDir, bot } = await startDataBot({ DATA_WATCH: 'true' });
    const before = bot.app.live.current.dataset.version;
    await writeFile(path.join(dataDir, 'articles', 'new.json'), JSON.stringify(newArticle()));
    const deadline = Date.now() + 10_000;
    while (bot.app.live.current.dataset.version === before && Date.now() < deadline) await new Promise((resolve) => setImmediate(resolve));
    expect(bot.app.live.current.dataset.version).not.toBe(before);
    expect(await quote(fake, 'Zhaksylykova')).toContain('railway');
  });

  it('given every action, then the audit log on disk says who did what and how it ended', async () => {
    const harness = await startWithUploads();
    await importAndConfirm(harness, newArticle());
    await data(harness.fake, 'rollback');
    const lines = (await readFile(path.join(harness.dataDir, '.state', 'audit.log'), 'utf8')).trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines.map((line) => `${String(line.action)}:${String(line.outcome)}`)).toEqual(['import:previewed', 'confirm:applied', 'rollback:applied']);
    expect(lines[1]).toMatchObject({ by: { id: MODERATOR.user.id, name: 'mod' }, summary: expect.stringContaining('quotes +1') as unknown });
  });
});
