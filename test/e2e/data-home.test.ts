// The data's home: one dataset is shared by every server, so only the moderators of its home servers may change it.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { APIMessage } from 'discord-api-types/v10';
import { describe, expect, it } from 'vitest';
import { messages } from '../../src/messages.ts';
import type { FakeDiscord, InvokerOptions } from '../support/fake-discord/index.ts';
import { cleanUpAfterEachTest, startHarness, stopBot, tempDataDir } from './harness.ts';
import { oneQuoteArticle } from '../support/articles.ts';

const OTHER_SERVER = '1100000000000000077';
const ADMIN_ELSEWHERE: InvokerOptions = { user: { id: '400000000000000014', username: 'admin-elsewhere' }, memberPermissions: '8', guildId: OTHER_SERVER };
const HOME_MODERATOR: InvokerOptions = { user: { id: '400000000000000015', username: 'home-mod' }, memberPermissions: '32' };
const MOD_ROLE = '500000000000000055';

cleanUpAfterEachTest();

/** A bot whose home is the fake's default server, with uploads allowed from the fake's CDN. */
async function startHomeBot(extra: NodeJS.ProcessEnv = {}) {
  const dataDir = await tempDataDir();
  const first = await startHarness({ DATA_DIR: dataDir, ATTACHMENT_HOSTS: 'placeholder' });
  await stopBot(first.bot);
  const harness = await startHarness({ DATA_DIR: dataDir, ATTACHMENT_HOSTS: new URL(first.fake.cdnUrl).host, ...extra }, {}, first.fake);
  return { ...harness, dataDir };
}

function answer(fake: FakeDiscord, subcommand: string, who: InvokerOptions, options: Record<string, unknown> = {}): Promise<APIMessage> {
  const handle = fake.sendCommand({ name: 'data', subcommand, options: options as Record<string, string>, ...who });
  return handle.message({ until: (message) => message.content !== '' || message.embeds.length > 0, timeoutMs: 15_000 });
}

const ARTICLE = oneQuoteArticle({
  source: 'test-home',
  published: '2026-01-07',
  subject: 'Home test',
  person: { id: 'dana-homeova', name: 'Dana Homeova', aliases: ['Homeova'] },
  quote: { id: 'q-homeova', text: 'Only the home server decides.' },
});

describe('who can change the data', () => {
  it('given an administrator of a server outside DATA_GUILD_IDS, then every /data subcommand is refused privately, audited, and the data does not change', async () => {
    const { fake, bot, dataDir } = await startHomeBot({ BOT_OWNER_IDS: '' });
    const before = bot.app.live.current.dataset.version;
    const file = fake.addAttachment({ filename: 'article.json', content: JSON.stringify(ARTICLE), contentType: 'application/json' });
    for (const [subcommand, options] of [['status', {}], ['reload', {}], ['validate', { file }], ['import', { file }], ['rollback', {}], ['export', {}]] as const) {
      const message = await answer(fake, subcommand, ADMIN_ELSEWHERE, options);
      expect(message).toMatchObject({ flags: 64, content: messages.dataManagedElsewhere, embeds: [] });
    }
    expect(bot.app.live.current.dataset.version).toBe(before);
    const audit = (await readFile(path.join(dataDir, '.state', 'audit.log'), 'utf8')).trim().split('\n').map((line) => JSON.parse(line) as { action: string; by: { guildId?: string } });
    expect(audit.filter((line) => line.action === 'refused' && line.by.guildId === OTHER_SERVER)).toHaveLength(6);
  });

  it('given a Confirm button forged from another server, then it is refused and the import is not applied', async () => {
    const { fake, bot } = await startHomeBot();
    const file = fake.addAttachment({ filename: 'article.json', content: JSON.stringify(ARTICLE), contentType: 'application/json' });
    const handle = fake.sendCommand({ name: 'data', subcommand: 'import', options: { file }, ...HOME_MODERATOR });
    const preview = await handle.message({ until: (message) => (message.components ?? []).length > 0, timeoutMs: 15_000 });
    const before = bot.app.live.current.dataset.version;
    const confirm = JSON.stringify(preview.components).match(/"custom_id":"(data:confirm:[0-9a-f]+)"/)?.[1] ?? '';
    expect(confirm).not.toBe('');
    // The same moderator, clicking from a server that is not the data's home (a copied message, a forged payload).
    const forged = fake.sendComponent({ customId: confirm, message: preview, ...HOME_MODERATOR, guildId: OTHER_SERVER });
    expect((await forged.callback({ timeoutMs: 15_000 })).data).toMatchObject({ flags: 64, content: messages.dataManagedElsewhere });
    expect(bot.app.live.current.dataset.version).toBe(before);
  });

  it('given a moderator role of the home server held in another server, then it grants nothing there', async () => {
    const { fake } = await startHomeBot({ MODERATOR_ROLE_IDS: MOD_ROLE });
    const member = { user: { id: '400000000000000016', username: 'roleholder' }, roles: [MOD_ROLE] };
    expect((await answer(fake, 'status', { ...member, guildId: OTHER_SERVER })).content).toBe(messages.dataManagedElsewhere);
    expect((await answer(fake, 'status', member)).embeds[0]?.title).toBe('Live data');
  });

  it('given a bot owner, then the owner counts in the home server only', async () => {
    const owner = { user: { id: '400000000000000017', username: 'owner' } };
    const { fake } = await startHomeBot({ BOT_OWNER_IDS: owner.user.id });
    expect((await answer(fake, 'status', owner)).embeds[0]?.title).toBe('Live data');
    expect((await answer(fake, 'status', { ...owner, guildId: OTHER_SERVER })).content).toBe(messages.dataManagedElsewhere);
    expect((await answer(fake, 'status', { ...owner, guildId: null })).content).toBe(messages.dataManagedElsewhere);
  });

  it('given no home server configured, then /data is off even for a server admin, and start-up said how to enable it', async () => {
    const { fake, logs } = await startHomeBot({ DATA_GUILD_IDS: '' });
    expect((await answer(fake, 'status', { ...HOME_MODERATOR, memberPermissions: '8' })).content).toBe(messages.dataManagementOff);
    expect(logs.find((line) => typeof line.msg === 'string' && line.msg.includes('DATA_GUILD_IDS'))).toBeDefined();
  });

  it('given autocomplete of /data from another server, then no choice is offered', async () => {
    const { fake } = await startHomeBot();
    const handle = fake.sendAutocomplete({ name: 'data', subcommand: 'export', options: { article: '' }, focused: 'article', ...ADMIN_ELSEWHERE });
    expect((await handle.callback()).data).toEqual({ choices: [] });
  });
});
