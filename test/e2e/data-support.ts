// What the /data end-to-end tests share: moderators and members, an article to import, and the steps of a flow.
import type { APIAttachment, APIMessage } from 'discord-api-types/v10';
import type { ArticleFileInput } from '../../src/data/schema.ts';
import type { StartOptions } from '../../src/discord/bot.ts';
import type { FakeDiscord } from '../support/fake-discord/index.ts';
import { button, startFake, startHarness, tempDataDir, text, type Harness } from './harness.ts';
import { oneQuoteArticle } from '../support/articles.ts';

export { button, text } from './harness.ts';

export const MODERATOR = { user: { id: '400000000000000004', username: 'mod' }, memberPermissions: '32' };
export const OTHER_MODERATOR = { user: { id: '400000000000000005', username: 'mod2' }, memberPermissions: '32' };
export const MEMBER = { user: { id: '400000000000000006', username: 'member' } };

export type Who = typeof MODERATOR | typeof MEMBER;

/** A new article by a new speaker, in the dataset's format. */
export function newArticle(overrides: Partial<ArticleFileInput> = {}): ArticleFileInput {
  return {
    ...oneQuoteArticle({
      source: 'test-2026-01-05-steppe',
      published: '2026-01-05',
      subject: 'A test article',
      person: { id: 'aigerim-zhaksylykova', name: 'Aigerim Zhaksylykova', aliases: ['Zhaksylykova', 'Жаксылыкова'], role: 'Test minister' },
      quote: { id: 'q-zhaksylykova-test', text: 'We will build the railway before winter.', context: 'At a test press conference.' },
    }),
    ...overrides,
  };
}

/** The bot on a copy of the bundled data; uploads are refused (no attachment host is allowed). */
export async function startDataBot(extra: NodeJS.ProcessEnv = {}, options: StartOptions = {}): Promise<Harness & { dataDir: string }> {
  const dataDir = await tempDataDir();
  const harness = await startHarness({ DATA_DIR: dataDir, ATTACHMENT_HOSTS: 'placeholder', ...extra }, options);
  return { ...harness, dataDir };
}

/** The bot on a copy of the bundled data (or `extra.DATA_DIR`), downloading uploads from the fake's CDN. */
export async function startWithUploads(extra: NodeJS.ProcessEnv = {}, options: StartOptions = {}): Promise<Harness & { dataDir: string }> {
  const dataDir = extra.DATA_DIR ?? (await tempDataDir());
  const fake = await startFake();
  const harness = await startHarness({ DATA_DIR: dataDir, ATTACHMENT_HOSTS: new URL(fake.cdnUrl).host, ...extra }, options, fake);
  return { ...harness, dataDir };
}

export function upload(fake: FakeDiscord, content: string | object, filename = 'article.json'): APIAttachment {
  return fake.addAttachment({ filename, content: typeof content === 'string' ? content : JSON.stringify(content, null, 2), contentType: 'application/json' });
}

/** Runs /data `subcommand` and resolves with the answer the moderator sees. */
export async function data(fake: FakeDiscord, subcommand: string, options: Record<string, string | APIAttachment> = {}, who: Who = MODERATOR): Promise<APIMessage> {
  const handle = fake.sendCommand({ name: 'data', subcommand, options, ...who });
  return handle.message({ until: (message) => message.embeds.length > 0 || message.content !== '', timeoutMs: 15_000 });
}

export async function quote(fake: FakeDiscord, query: string): Promise<string> {
  const callback = await fake.sendCommand({ name: 'quote', options: { query }, ...MEMBER }).callback();
  return JSON.stringify(callback.data);
}

/** Imports `article` and presses Confirm; resolves with the message once it shows how the import ended. */
export async function importAndConfirm(harness: Harness, article: object, who: typeof MODERATOR = MODERATOR): Promise<APIMessage> {
  const handle = harness.fake.sendCommand({ name: 'data', subcommand: 'import', options: { file: upload(harness.fake, article) }, ...who });
  const preview = await handle.message({ until: (message) => message.components !== undefined && message.components.length > 0, timeoutMs: 15_000 });
  const click = await harness.fake.clickButton(handle, button(preview, 'Confirm import'), who);
  await click.callback({ timeoutMs: 15_000 });
  return handle.message({ until: (message) => /Import applied|refused|changed since/.test(text(message)), timeoutMs: 15_000 });
}
