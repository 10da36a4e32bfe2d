// Members reach the bot anywhere: installed by a user, in DMs and private chats, and from any message (Find in the news).
import type { APIEmbed, APIMessage } from 'discord-api-types/v10';
import { describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.ts';
import { FIND_IN_NEWS } from '../../commands/find-in-news.ts';
import { messages } from '../../src/messages.ts';
import { Context, Install, type FakeDiscord } from '../support/fake-discord/index.ts';
import { botEnv, cleanUpAfterEachTest, exitCode, spawnBot, startFake, startHarness } from './harness.ts';

cleanUpAfterEachTest();

const MEMBER = { user: { id: '400000000000000031', username: 'reader' } };

function buttons(message: APIMessage): { custom_id: string; label?: string; disabled?: boolean }[] {
  return (message.components ?? []).flatMap((row) => (row as unknown as { components: { type: number; custom_id: string; label?: string; disabled?: boolean }[] }).components.filter((component) => component.type === 2));
}

function button(message: APIMessage, label: string): string {
  const found = buttons(message).find((candidate) => candidate.label === label);
  if (!found) throw new Error(`no "${label}" button`);
  return found.custom_id;
}

async function findInNews(fake: FakeDiscord, content: string | undefined, extra: Parameters<FakeDiscord['userMessage']>[0] = {}) {
  const message = fake.userMessage({ ...(content === undefined ? {} : { content }), ...extra });
  const handle = fake.sendMessageCommand({ name: FIND_IN_NEWS, message, ...MEMBER });
  return { handle, callback: await handle.callback() };
}

function embedsOf(data: unknown): APIEmbed[] {
  return (data as { embeds?: APIEmbed[] }).embeds ?? [];
}

describe('registration', () => {
  it('given `npm run deploy`, then the lookups and Find in the news declare both installs and every context, and /data only the server install in servers', async () => {
    const fake = await startFake();
    const { child } = spawnBot(botEnv(fake, { DATA_GUILD_IDS: '1100000000000000021' }), ['src/discord/deploy-cli.ts']);
    expect(await exitCode(child)).toBe(0);
    const global = fake.registeredCommands();
    expect(global.map((command) => command.name)).toEqual(commands.filter((command) => !command.moderatorOnly).map((command) => command.data.name));
    for (const command of global) expect(command).toMatchObject({ integration_types: [0, 1], contexts: [0, 1, 2] });
    expect(global.find((command) => command.name === FIND_IN_NEWS)).toMatchObject({ type: 3 });
    expect(fake.registeredCommands('1100000000000000021')).toEqual([expect.objectContaining({ name: 'data', integration_types: [0], contexts: [0] })]);
    expect(fake.commandsOffered({ context: Context.PrivateChannel, installs: [Install.User] }).map((command) => command.name)).not.toContain('data');
  });
});

describe('a user install', () => {
  it('given /quote in a private channel through a user install, then it is answered and its pages turn', async () => {
    const { fake } = await startHarness();
    const handle = fake.sendCommand({ name: 'quote', options: { query: 'Tokayev' }, context: Context.PrivateChannel, installs: [Install.User], ...MEMBER });
    const first = await handle.message();
    expect(embedsOf(first)[0]?.author?.name).toBe('Kassym-Jomart Tokayev — President of Kazakhstan');
    const next = await fake.clickButton(handle, buttons(first).find((candidate) => candidate.label?.startsWith('Next'))?.custom_id ?? '', MEMBER);
    expect((await next.callback()).type).toBe(7);
    expect(JSON.stringify(await handle.message({ until: (message) => JSON.stringify(message.components).includes('2 / ') }))).toContain('2 / ');
  });

  it('given a server that only user-installed the bot, then lookups answer there, but /data refuses even a server admin', async () => {
    const { fake } = await startHarness();
    const lookup = fake.sendCommand({ name: 'deal', options: { query: 'boeing' }, installs: [Install.User], ...MEMBER });
    expect((await lookup.callback()).type).toBe(4);
    // The fake's default server is the data's home; through a user install it still grants nothing.
    const data = fake.sendCommand({ name: 'data', subcommand: 'status', installs: [Install.User], memberPermissions: '8', ...MEMBER });
    expect((await data.callback()).data).toMatchObject({ flags: 64 });
    expect(JSON.stringify((await data.message({ until: (message) => message.content !== '' })).content)).toContain('home server');
  });
});

describe('Find in the news', () => {
  it('given a message naming people and a company, then the matches come privately, best first, with paging and a post button', async () => {
    const { fake } = await startHarness();
    const { handle, callback } = await findInNews(fake, 'Heard that Uzbekistan is buying Dreamliners from Boeing, and Tokayev was there too');
    expect(callback).toMatchObject({ type: 4, data: { flags: 64 } });
    const embeds = embedsOf(callback.data);
    expect(embeds[0]?.title).toContain('Dreamliner');
    expect(buttons(await handle.message()).map((candidate) => candidate.label)).toEqual(expect.arrayContaining(['Next ▶', messages.postPublicly]));

    const posted = await fake.clickButton(handle, button(await handle.message(), messages.postPublicly), MEMBER);
    const post = await posted.callback();
    expect(post).toMatchObject({ type: 4 });
    expect((post.data as { flags?: number }).flags ?? 0).toBe(0);
    expect(embedsOf(post.data)[0]?.title).toBe(embeds[0]?.title);
  });

  it('given a message with no text, then the answer says so privately', async () => {
    const { fake } = await startHarness();
    const { callback } = await findInNews(fake, undefined, { attachments: [{ filename: 'cat.png', content: 'png', contentType: 'image/png' }] });
    expect(callback.data).toMatchObject({ flags: 64, content: messages.messageHasNoText });
  });

  it('given a message about nothing in the data, then the answer says nothing matched', async () => {
    const { fake } = await startHarness();
    const { callback } = await findInNews(fake, 'Who wants pizza for lunch?');
    expect(callback.data).toMatchObject({ flags: 64, content: messages.messageMentionsNothing });
  });

  it('given an embed-only message, then its embed text is read', async () => {
    const { fake } = await startHarness();
    const { callback } = await findInNews(fake, '', { embeds: [{ title: 'Lukashenko frees prisoners', description: 'Belarus and the United States' }] });
    expect(embedsOf(callback.data)[0]).toBeDefined();
    expect(JSON.stringify(callback.data)).toContain('Lukashenko');
  });

  it('given 4,000 characters full of mentions, then the answer stays within limits and pings nobody', async () => {
    const { fake } = await startHarness();
    const noise = '@everyone <@400000000000000099> <@&500000000000000099> Tokayev ';
    const { callback } = await findInNews(fake, noise.repeat(Math.floor(4000 / noise.length)));
    expect(callback.status).toBe(204);
    expect(callback.data).toMatchObject({ flags: 64, allowed_mentions: { parse: [] } });
    expect(embedsOf(callback.data)[0]?.title).toBe('Kassym-Jomart Tokayev');
  });
});

describe('in Russian', () => {
  it('given a member whose Discord is in Russian, then labels, dates and sentences are Russian and the data stays as written', async () => {
    const { fake } = await startHarness();
    const callback = await fake.sendCommand({ name: 'quote', options: { query: 'Tokayev' }, locale: 'ru', ...MEMBER }).callback();
    const [quote, list] = embedsOf(callback.data);
    expect(quote?.fields?.map((field) => field.name)).toEqual(['Контекст', 'Когда сказано', 'Цитируется как', 'Темы']);
    expect(quote?.fields?.[1]?.value).toMatch(/^6 нояб\. 2025 г\./);
    expect(quote?.description).toBe('>>> “the United States of America has the right to be properly present”');
    expect(list?.title).toMatch(/^По запросу «tokayev» найдено: \d+$/);
    expect(JSON.stringify(callback.data)).toContain('Вперёд ▶');

    const none = await fake.sendCommand({ name: 'deal', options: { query: 'zzzzqqq' }, locale: 'ru', ...MEMBER }).callback();
    expect((none.data as { content: string }).content).toMatch(/^По запросу «zzzzqqq» сделок не найдено\./);
  });

  it('given /help in Russian, then the commands are listed by their Russian names', async () => {
    const { fake } = await startHarness();
    const callback = await fake.sendCommand({ name: 'help', locale: 'ru', ...MEMBER }).callback();
    const names = embedsOf(callback.data)[0]?.fields?.map((field) => field.name);
    expect(names).toEqual(['/цитата', '/сделка', '/факт', '/кто', '/поиск', '/источники', 'Приложения → Найти в новостях', 'Сейчас в данных']);
  });
});
