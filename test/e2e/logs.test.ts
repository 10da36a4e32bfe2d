// What the logs may never hold: the bot token, interaction tokens (they let anyone edit a reply for 15 minutes),
// webhook tokens and request bodies — at any level, also when Discord refuses a reply and the failure is logged.
import type { APIAttachment } from 'discord-api-types/v10';
import { describe, expect, it } from 'vitest';
import { scrubSecrets } from '../../src/logger.ts';
import type { FakeDiscord, InteractionHandle } from '../support/fake-discord/index.ts';
import { button, MODERATOR } from './data-support.ts';
import { cleanUpAfterEachTest, startFake, startHarness, tempDataDir, type LogCapture } from './harness.ts';
import { oneQuoteArticle } from '../support/articles.ts';

cleanUpAfterEachTest();

// Shaped like a real bot token (base64 id . timestamp . HMAC), so the test also covers a token nobody told the logger.
const BOT_TOKEN = `MTEwMDAwMDAwMDAwMDAwMDAwMQ.GfAkEt.${'k9'.repeat(19)}`;
const MOD_LOG = '600000000000000006';
const CALLBACK = /^\/api\/v10\/interactions\/\d+\/[^/]+\/callback$/;
const EDIT_ORIGINAL = /^\/api\/v10\/webhooks\/\d+\/[^/]+\/messages\/%40original$/;

const ARTICLE = oneQuoteArticle({
  source: 'test-logs',
  published: '2026-01-06',
  subject: 'Log test',
  person: { id: 'dana-logova', name: 'Dana Logova' },
  quote: { id: 'q-logova', text: 'Nothing secret here.' },
});

async function waitForLog(logs: LogCapture, predicate: (line: Record<string, unknown>) => boolean, count = 1): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (logs.lines.filter(predicate).length < count) {
    if (Date.now() > deadline) throw new Error(`waited for ${String(count)} matching log line(s); have:\n${logs.text}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

function upload(fake: FakeDiscord): APIAttachment {
  return fake.addAttachment({ filename: 'article.json', content: JSON.stringify(ARTICLE), contentType: 'application/json' });
}

const replyFailed = (line: Record<string, unknown>): boolean => line.msg === 'reply failed';

describe('secrets in the logs', () => {
  it('given a run with refused callbacks, refused edits, server errors and a refused mod-log post, then no log line holds the bot token, an interaction token or a request body', async () => {
    const fake = await startFake({ token: BOT_TOKEN });
    const dataDir = await tempDataDir();
    const { logs } = await startHarness({ DATA_DIR: dataDir, ATTACHMENT_HOSTS: new URL(fake.cdnUrl).host, MOD_LOG_CHANNEL_ID: MOD_LOG, LOG_LEVEL: 'trace' }, {}, fake);
    const handles: InteractionHandle[] = [];

    // A lookup that goes through.
    handles.push(fake.sendCommand({ name: 'quote', options: { query: 'Tokayev' } }));
    await handles[0]?.callback();

    // Discord refuses the reply and the apology (10062): both are logged with the callback URL.
    fake.injectFault({ method: 'POST', path: CALLBACK, times: 2, fault: { kind: 'status', status: 404, body: { message: 'Unknown interaction', code: 10062 } } });
    handles.push(fake.sendCommand({ name: 'quote', options: { query: 'Lutnick' } }));
    await waitForLog(logs, replyFailed, 1);

    // Discord answers 500 to every try: discord.js retries, then gives up with an HTTPError carrying URL and body.
    const outage = fake.injectFault({ method: 'POST', path: CALLBACK, fault: { kind: 'status', status: 500 } });
    handles.push(fake.sendCommand({ name: 'deal', options: { query: 'boeing' } }));
    await waitForLog(logs, replyFailed, 2);
    outage.remove();

    // A deferred /data status whose edit is refused (webhook URL with the token), then the apology goes out.
    fake.injectFault({ method: 'PATCH', path: EDIT_ORIGINAL, times: 1, fault: { kind: 'status', status: 400, body: { message: 'Invalid Form Body', code: 50035 } } });
    const status = fake.sendCommand({ name: 'data', subcommand: 'status', ...MODERATOR });
    handles.push(status);
    await waitForLog(logs, replyFailed, 3);

    // An import confirmed with a click whose answer is refused; the mod-log channel refuses its posts too.
    fake.injectFault({ method: 'POST', path: new RegExp(`^/api/v10/channels/${MOD_LOG}/messages$`), fault: { kind: 'status', status: 403, body: { message: 'Missing Access', code: 50001 } } });
    const importing = fake.sendCommand({ name: 'data', subcommand: 'import', options: { file: upload(fake) }, ...MODERATOR });
    handles.push(importing);
    const preview = await importing.message({ until: (message) => (message.components ?? []).length > 0, timeoutMs: 15_000 });
    fake.injectFault({ method: 'POST', path: CALLBACK, times: 1, fault: { kind: 'status', status: 400, body: { message: 'Invalid Form Body', code: 50035 } } });
    handles.push(await fake.clickButton(importing, button(preview, 'Confirm import'), MODERATOR));
    await waitForLog(logs, replyFailed, 4);
    await waitForLog(logs, (line) => line.msg === 'could not post to the moderation log channel');

    // The failures were logged, with where they happened, and without the secrets.
    const failures = logs.lines.filter(replyFailed);
    for (const line of failures) expect(JSON.stringify(line)).toMatch(/\/(interactions|webhooks)\/\d+\/\[redacted\]/);
    expect(logs.text).not.toContain(BOT_TOKEN);
    for (const handle of handles) expect(logs.text).not.toContain(handle.token);
    expect(logs.text).not.toMatch(/"requestBody":\{/);
    expect(logs.text).not.toContain('Nothing secret here.');
  });
});

describe('scrubbing a log line', () => {
  it.each([
    ['a callback URL', 'POST /api/v10/interactions/123456789012345678/aW50ZXJhY3Rpb24.tok-en_/callback', 'POST /api/v10/interactions/123456789012345678/[redacted]/callback'],
    ['a webhook URL', 'https://discord.com/api/v10/webhooks/1100000000000000001/tok3n/messages/%40original', 'https://discord.com/api/v10/webhooks/1100000000000000001/[redacted]/messages/%40original'],
    ['an Authorization value', '{"authorization":"Bot abc.def-ghi"}', '{"authorization":"Bot [redacted]"}'],
    ['a token of Discord’s shape', `token was ${BOT_TOKEN}.`, 'token was [redacted].'],
  ])('given %s, then the secret part is replaced', (_label, line, expected) => {
    expect(scrubSecrets(line)).toBe(expected);
  });

  it('given a secret the logger was told about, then it is replaced wherever it appears', () => {
    expect(scrubSecrets('x plain-secret-1 y plain-secret-1', ['plain-secret-1'])).toBe('x [redacted] y [redacted]');
  });
});
