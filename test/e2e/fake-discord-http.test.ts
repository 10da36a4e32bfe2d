// The fake Discord delivering interactions by signed HTTP POST to endpoint URLs, against a plain node:http endpoint
// (no discord.js, no gateway) that verifies signatures the way Discord asks every endpoint to.
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { LIMITS, type EndpointProbe } from '../support/fake-discord/index.ts';
import { fakeDiscordSuite, type EndpointReply } from './fake-discord-client.ts';

const { startFake, startEndpoint } = fakeDiscordSuite();

const pageOne = {
  type: 4,
  data: { content: 'page 1', flags: 64, components: [{ type: 1, components: [{ type: 2, style: 2, label: 'Next', custom_id: 'page:2' }] }] },
};

describe('fake Discord: HTTP interactions endpoint', () => {
  it('given an endpoint, then a PING signed with the 64-hex public key gets PONG, and every broken request is refused', async () => {
    const discord = await startFake();
    const endpoint = await startEndpoint(discord.publicKey, () => ({ json: pageOne }));
    discord.setInteractionsEndpoint(endpoint.url);

    expect(discord.publicKey).toMatch(/^[0-9a-f]{64}$/);
    expect(await discord.sendPing()).toMatchObject({ status: 200, body: { type: 1 } });
    const ping = discord.deliveries[0];
    expect(ping?.requestHeaders['content-type']).toBe('application/json');
    expect(ping?.requestHeaders['x-signature-ed25519']).toMatch(/^[0-9a-f]{128}$/);
    expect(ping?.requestHeaders['x-signature-timestamp']).toMatch(/^\d{10}$/);
    const probes: EndpointProbe[] = ['wrong-key', 'tampered-body', 'missing-signature', 'missing-timestamp', 'old-timestamp', 'oversized'];
    const statuses: Record<string, number> = {};
    for (const probe of probes) statuses[probe] = (await discord.probeEndpoint(probe)).status;

    expect(statuses).toEqual({ 'wrong-key': 401, 'tampered-body': 401, 'missing-signature': 401, 'missing-timestamp': 401, 'old-timestamp': 401, oversized: 413 });
    expect(await discord.postToEndpoint({ body: { type: 1 }, timestamp: { ageSeconds: 30 } })).toMatchObject({ status: 200, body: { type: 1 } });
    expect(endpoint.received).toEqual([]);
  });

  it('given a command over HTTP, then the JSON answer is the initial response, and a deferral is completed through the webhook', async () => {
    const discord = await startFake();
    const endpoint = await startEndpoint(discord.publicKey, (interaction) => {
      const data = interaction.data as { name?: string };
      return { json: data.name === 'slow' ? { type: 5, data: { flags: 64 } } : { type: 4, data: { content: 'Tokayev said…' } } };
    });
    discord.setInteractionsEndpoint(endpoint.url);

    const quote = discord.sendCommand({ name: 'quote', options: { query: 'Tokayev' } });
    expect(await quote.callback()).toMatchObject({ type: 4, status: 204, error: undefined });
    expect((await quote.message()).content).toBe('Tokayev said…');
    expect(await quote.delivery()).toMatchObject({ kind: 'interaction', url: endpoint.url, status: 200 });
    expect(endpoint.received[0]).toMatchObject({ id: quote.id, type: 2, token: quote.token, data: { name: 'quote' }, authorizing_integration_owners: { '0': discord.guildId } });
    expect(discord.readyShards.size).toBe(0);

    const deferred = discord.sendCommand({ name: 'slow' });
    expect(await deferred.callback()).toMatchObject({ type: 5 });
    const edit = await fetch(`${discord.apiUrl}/v10/webhooks/${discord.applicationId}/${deferred.token}/messages/@original`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ content: 'done later' }),
    });
    expect(edit.status).toBe(200);
    expect(await deferred.message()).toMatchObject({ content: 'done later', flags: 64 });
  });

  it('given a multipart answer, then payload_json and its files become the response message', async () => {
    const discord = await startFake();
    const endpoint = await startEndpoint(discord.publicKey, async () => {
      const form = new FormData();
      form.append('payload_json', JSON.stringify({ type: 4, data: { content: 'export', attachments: [{ id: 0, filename: 'data.json' }] } }));
      form.append('files[0]', new Blob(['{"quotes":[]}'], { type: 'application/json' }), 'data.json');
      const encoded = new Response(form);
      return { body: Buffer.from(await encoded.arrayBuffer()), contentType: encoded.headers.get('content-type') ?? '' };
    });
    discord.setInteractionsEndpoint(endpoint.url);

    const handle = discord.sendCommand({ name: 'data', subcommand: 'export' });

    expect((await handle.callback()).files.map((file) => [file.filename, file.text])).toEqual([['data.json', '{"quotes":[]}']]);
    const message = await handle.message();
    expect(message.content).toBe('export');
    expect(await (await fetch(message.attachments[0]?.url ?? '')).text()).toBe('{"quotes":[]}');
  });

  it('given answers that are late, too slow, over a limit or not JSON, then Discord takes them as refused or as no answer', async () => {
    const discord = await startFake();
    let reply: () => Promise<EndpointReply> = () => Promise.resolve({ json: { type: 4, data: { content: 'x'.repeat(LIMITS.content + 1) } } });
    const endpoint = await startEndpoint(discord.publicKey, () => reply());
    discord.setInteractionsEndpoint(endpoint.url, { timeoutMs: 300 });

    const tooLong = discord.sendCommand({ name: 'quote' });
    expect(await tooLong.callback()).toMatchObject({ status: 400, error: { code: 50035 } });
    await expect(tooLong.message({ timeoutMs: 50 })).rejects.toThrow(/no original response yet/);

    reply = () => {
      discord.advanceTime(LIMITS.initialResponseMs + 500);
      return Promise.resolve({ json: { type: 4, data: { content: 'late' } } });
    };
    expect(await discord.sendCommand({ name: 'quote' }).callback()).toMatchObject({ status: 404, error: { code: 10062 } });

    reply = async () => {
      await sleep(600);
      return { json: { type: 4, data: { content: 'too slow' } } };
    };
    const slow = discord.sendCommand({ name: 'quote' });
    expect(await slow.delivery({ timeoutMs: 2000 })).toMatchObject({ status: undefined, error: 'timed out after 300 ms' });
    expect(slow.callbacks).toEqual([]);

    reply = () => Promise.resolve({ body: Buffer.from('ok'), contentType: 'text/plain' });
    const text = discord.sendCommand({ name: 'quote' });
    expect(await text.delivery()).toMatchObject({ status: 200, responseBody: 'ok' });
    expect(text.callbacks).toEqual([]);
  });

  it('given two replicas, then interactions go round-robin, a chosen replica gets its own, and a button click is answered over HTTP', async () => {
    const discord = await startFake();
    const answer = (interaction: Readonly<Record<string, unknown>>): EndpointReply =>
      interaction.type === 3 ? { json: { type: 7, data: { content: 'page 2', components: [] } } } : { json: pageOne };
    const first = await startEndpoint(discord.publicKey, answer);
    const second = await startEndpoint(discord.publicKey, answer);
    discord.setInteractionsEndpoint([first.url, second.url]);

    const handles = [discord.sendCommand({ name: 'quote' }), discord.sendCommand({ name: 'quote' }), discord.sendCommand({ name: 'quote' }), discord.sendCommand({ name: 'quote', replica: 0 })];
    await Promise.all(handles.map((handle) => handle.callback()));
    const click = await discord.clickButton(handles[0] ?? discord.sendCommand({ name: 'never' }), 'page:2');
    await click.callback();

    expect((await Promise.all(handles.map((handle) => handle.delivery()))).map((delivery) => delivery.url)).toEqual([first.url, second.url, first.url, first.url]);
    expect([first.received.length, second.received.length]).toEqual([3, 2]);
    expect(click.payload).toMatchObject({ type: 3, data: { custom_id: 'page:2' }, message: { content: 'page 1' } });
    expect(await handles[0]?.message()).toMatchObject({ content: 'page 2', components: [] });
    expect(() => discord.sendCommand({ name: 'quote', replica: 2 })).toThrow(/no replica 2/);
  });

  it('given a modal answered over HTTP, then submitModal delivers the submission to the endpoint too', async () => {
    const discord = await startFake();
    const modal = { custom_id: 'edit', title: 'Edit', components: [{ type: 18, label: 'Text', component: { type: 4, custom_id: 'text', style: 2, value: 'old' } }] };
    const endpoint = await startEndpoint(discord.publicKey, (interaction) => ({ json: interaction.type === 5 ? { type: 4, data: { content: 'saved', flags: 64 } } : { type: 9, data: modal } }));
    discord.setInteractionsEndpoint(endpoint.url);

    const opened = discord.sendCommand({ name: 'data', subcommand: 'edit' });
    const submission = await discord.submitModal(opened, { values: { text: 'new' } });

    expect(await submission.callback()).toMatchObject({ type: 4, status: 204 });
    expect(endpoint.received[1]).toMatchObject({ type: 5, data: { custom_id: 'edit', components: [{ type: 18, component: { custom_id: 'text', value: 'new' } }] } });
  });
});
