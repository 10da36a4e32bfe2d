// The HTTP interactions endpoint: signed requests only, PONG to PING, and the same router and commands as the gateway.
import { REST } from 'discord.js';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.ts';
import { InteractionRouter } from '../../src/discord/router.ts';
import { startInteractionsEndpoint, type InteractionsEndpoint } from '../../src/http/endpoint.ts';
import { Dispatcher } from '../../src/interaction/dispatch.ts';
import type { Command } from '../../src/interaction/types.ts';
import { FakeDiscord, type EndpointProbe } from '../support/fake-discord/index.ts';
import { createTestApp } from '../support/core.ts';
import { commands } from '../../commands/index.ts';

const running: { endpoints: InteractionsEndpoint[]; fakes: FakeDiscord[] } = { endpoints: [], fakes: [] };

afterEach(async () => {
  await Promise.all(running.endpoints.splice(0).map((endpoint) => endpoint.close()));
  await Promise.all(running.fakes.splice(0).map((fake) => fake.close()));
});

/** A bot answering over HTTP only (no gateway, no token) to a fresh fake Discord. */
async function startHttp(extraCommands: readonly Command[] = [], app?: App): Promise<{ fake: FakeDiscord; endpoint: InteractionsEndpoint; router: InteractionRouter }> {
  const fake = await FakeDiscord.start();
  running.fakes.push(fake);
  const core = app ?? (await createTestApp({ DISCORD_API_URL: fake.apiUrl }));
  const services = extraCommands.length > 0 ? { ...core.services, commands: [...extraCommands, ...commands] } : core.services;
  const router = new InteractionRouter(new Dispatcher(services), services, { autoDeferMs: 200 });
  const endpoint = await startInteractionsEndpoint({
    host: '127.0.0.1',
    port: 0,
    publicKey: fake.publicKey,
    router,
    rest: new REST({ api: fake.apiUrl }),
    logger: pino({ level: 'silent' }),
  });
  running.endpoints.push(endpoint);
  fake.setInteractionsEndpoint(endpoint.url);
  return { fake, endpoint, router };
}

describe('the HTTP interactions endpoint', () => {
  it('given a PING, then PONG; given a bad or missing signature, an old timestamp or an oversized body, then it is refused', async () => {
    const { fake } = await startHttp();
    expect(await fake.sendPing()).toMatchObject({ status: 200, body: { type: 1 } });
    const probes: EndpointProbe[] = ['wrong-key', 'tampered-body', 'missing-signature', 'missing-timestamp', 'old-timestamp', 'oversized'];
    const statuses: Record<string, number> = {};
    for (const probe of probes) statuses[probe] = (await fake.probeEndpoint(probe)).status;
    expect(statuses).toEqual({ 'wrong-key': 401, 'tampered-body': 401, 'missing-signature': 401, 'missing-timestamp': 401, 'old-timestamp': 401, oversized: 413 });
  });

  it('given /quote Tokayev, then the HTTP response is the answer Discord shows, and its pages turn', async () => {
    const { fake } = await startHttp();
    const handle = fake.sendCommand({ name: 'quote', options: { query: 'Tokayev' } });
    const callback = await handle.callback();
    expect(callback).toMatchObject({ type: 4, error: undefined });
    expect(JSON.stringify(callback.data)).toContain('Kassym-Jomart Tokayev');
    expect(await handle.delivery()).toMatchObject({ status: 200 });
    const next = await fake.clickButton(handle, JSON.stringify((await handle.message()).components).match(/"custom_id":"(p1\|quote\|n\|[^"]+)"/)?.[1] ?? '');
    expect(await next.callback()).toMatchObject({ type: 7, error: undefined });
  });

  it('given a command slower than the deferral threshold, then it is deferred in the HTTP response and finished through the webhook', async () => {
    const slow: Command = {
      data: { name: 'slow', description: 'Answers after 500 ms' },
      execute: () => new Promise((resolve) => setTimeout(() => { resolve({ content: 'finished over the webhook' }); }, 500)),
    };
    const { fake } = await startHttp([slow]);
    const handle = fake.sendCommand({ name: 'slow' });
    expect(await handle.callback()).toMatchObject({ type: 5 });
    expect((await handle.message({ until: (message) => message.content !== '' })).content).toBe('finished over the webhook');
  });

  it('given a reply with a file, then the HTTP response is multipart with the file', async () => {
    const withFile: Command = { data: { name: 'file', description: 'Attaches a file' }, execute: () => ({ content: 'here', files: [{ name: 'a.json', data: Buffer.from('{"a":1}') }], ephemeral: true }) };
    const { fake } = await startHttp([withFile]);
    const callback = await fake.sendCommand({ name: 'file' }).callback();
    expect(callback).toMatchObject({ type: 4, error: undefined, data: { content: 'here' } });
    expect(callback.files.map((file) => [file.filename, file.text])).toEqual([['a.json', '{"a":1}']]);
  });

  it('given GET /interactions or another path, then 405 or 404, never a crash', async () => {
    const { endpoint } = await startHttp();
    expect((await fetch(endpoint.url)).status).toBe(405);
    expect((await fetch(endpoint.url.replace('/interactions', '/nope'))).status).toBe(404);
  });
});
