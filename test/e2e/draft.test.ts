// /data draft end to end: an article's text uploaded to the fake Discord comes back as a draft and goes live on confirm.
import type { APIAttachment, APIMessage } from 'discord-api-types/v10';
import { describe, expect, it } from 'vitest';
import { parseArticleFile } from '../../src/data/validate.ts';
import { downloadMessages } from '../../src/admin/download.ts';
import { draftMessages } from '../../src/draft/messages.ts';
import type { FakeDiscord, InteractionHandle } from '../support/fake-discord/index.ts';
import { RIVERTON } from '../draft/articles.ts';
import { button, cleanUpAfterEachTest, startHarness, stopBot, tempDataDir, text, type Harness } from './harness.ts';

const MODERATOR = { user: { id: '400000000000000004', username: 'mod' }, memberPermissions: '32' };
const SOURCE = { publisher: 'Riverton Courier', published: '2026-03-06', authors: 'A. Writer' };

cleanUpAfterEachTest();

/** The bot on a copy of the bundled data, downloading uploads from the fake's CDN. */
async function startWithUploads(): Promise<Harness> {
  const dataDir = await tempDataDir();
  const first = await startHarness({ DATA_DIR: dataDir, ATTACHMENT_HOSTS: 'placeholder' });
  await stopBot(first.bot);
  return startHarness({ DATA_DIR: dataDir, ATTACHMENT_HOSTS: new URL(first.fake.cdnUrl).host }, {}, first.fake);
}

function upload(fake: FakeDiscord, content: string | Buffer, filename: string): APIAttachment {
  return fake.addAttachment({ filename, content, contentType: 'text/plain' });
}

function draft(fake: FakeDiscord, file: APIAttachment, who = MODERATOR): InteractionHandle {
  return fake.sendCommand({ name: 'data', subcommand: 'draft', options: { file, ...SOURCE }, ...who });
}

/** The message a click answered with: its own reply, or a follow-up when the work took long enough to defer. */
async function answerTo(click: InteractionHandle, until: (message: APIMessage) => boolean): Promise<APIMessage> {
  await click.callback({ timeoutMs: 15_000 });
  const deadline = Date.now() + 15_000;
  for (;;) {
    const candidates = [...click.followUps, ...(click.callbacks.some((callback) => callback.type === 4) ? [await click.message()] : [])];
    const found = candidates.find(until);
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`no answer to the click matched; saw ${candidates.map(text).join(' | ')}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('/data draft', () => {
  it('given an article’s text, then the moderator gets the draft attached privately with a summary, and it goes live on confirm', async () => {
    const { fake, bot } = await startWithUploads();
    const quotesBefore = bot.app.live.current.dataset.quotes.length;
    const handle = draft(fake, upload(fake, RIVERTON, 'riverton.txt'));
    const reply = await handle.message({ until: (message) => message.embeds.length > 0, timeoutMs: 20_000 });
    expect(reply.flags).toBe(64);
    expect(reply.embeds[0]?.title).toBe('Draft: 2026-03-06-riverton-courier.json');
    expect(reply.embeds[0]?.description).toMatch(/^Drafted 13 quotes from 15 paragraphs: 13 speakers resolved, 0 flagged;/);
    const fields = Object.fromEntries((reply.embeds[0]?.fields ?? []).map((field) => [field.name, field.value]));
    expect(fields['Quotes (13)']).toContain('✓ **Amina Okafor** (named): “running out of patience.”');
    expect(fields['Not taken as anyone’s words (3)']).toContain('“Rivers in Retreat” (title)');
    expect(fields['Candidate figures for deals and facts (4)']).toContain('$120 million (USD 120,000,000)');

    const attached = [...handle.requests].reverse().find((request) => request.files.length > 0)?.files[0];
    expect(attached?.filename).toBe('draft-2026-03-06-riverton-courier.json');
    const parsed = parseArticleFile({ file: 'draft.json', text: attached?.text ?? '' });
    expect(parsed.problems).toEqual([]);
    expect(parsed.document?.article.quotes).toHaveLength(13);
    expect(bot.app.live.current.dataset.quotes).toHaveLength(quotesBefore);

    const review = await fake.clickButton(handle, button(reply, draftMessages.continueLabel), MODERATOR);
    const preview = await answerTo(review, (message) => message.embeds[0]?.title?.startsWith('Import preview') === true);
    expect(preview.flags).toBe(64);
    expect(text(preview)).toContain('quotes: +13 added');
    const confirm = await fake.clickButton(preview, button(preview, 'Confirm import'), MODERATOR);
    await confirm.callback({ timeoutMs: 15_000 });
    await confirm.message({ until: (message) => message.embeds[0]?.title === 'Import applied', timeoutMs: 15_000 });
    expect(bot.app.live.current.dataset.quotes).toHaveLength(quotesBefore + 13);
    const found = await fake.sendCommand({ name: 'quote', options: { query: 'Okafor' } }).callback();
    expect(JSON.stringify(found.data)).toContain('running out of patience.');
  });

  it('given Continue after the draft stopped waiting, then the moderator is told how to go on and nothing is previewed', async () => {
    const dataDir = await tempDataDir();
    const first = await startHarness({ DATA_DIR: dataDir, ATTACHMENT_HOSTS: 'placeholder' });
    await stopBot(first.bot);
    const { fake } = await startHarness({ DATA_DIR: dataDir, ATTACHMENT_HOSTS: new URL(first.fake.cdnUrl).host, IMPORT_TIMEOUT_SECONDS: '1' }, {}, first.fake);
    const handle = draft(fake, upload(fake, RIVERTON, 'riverton.md'));
    const reply = await handle.message({ until: (message) => message.embeds.length > 0, timeoutMs: 20_000 });
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    const click = await fake.clickButton(handle, button(reply, draftMessages.continueLabel), MODERATOR);
    expect((await answerTo(click, (message) => message.content !== '')).content).toBe(draftMessages.reviewExpired);
  });

  it.each([
    ['an empty file', '', 'empty.txt', draftMessages.empty('empty.txt')],
    ['a binary file', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d]), 'photo.txt', downloadMessages.notArticleText('photo.txt')],
    ['a text file holding NUL bytes', Buffer.from('“We will,” said Ana.\u0000\u0000'), 'odd.txt', draftMessages.binary('odd.txt')],
    ['an article with no quotations', 'The council met.\nIt adjourned.', 'plain.txt', draftMessages.noQuotations('plain.txt')],
    ['a PDF', '%PDF-1.7', 'article.pdf', downloadMessages.notArticleName('article.pdf')],
    ['text that is not UTF-8', Buffer.from('“Caf\xe9,” she said.', 'latin1'), 'latin.txt', downloadMessages.notArticleText('latin.txt')],
  ])('given %s, then the moderator is told why in one private line and nothing changes', async (_label, content, filename, expected) => {
    const { fake, bot } = await startWithUploads();
    const before = bot.app.live.current.dataset.version;
    const reply = await draft(fake, upload(fake, content, filename)).message({ until: (message) => message.content !== '', timeoutMs: 20_000 });
    expect(reply).toMatchObject({ flags: 64, content: expected });
    expect(bot.app.live.current.dataset.version).toBe(before);
  });
});
