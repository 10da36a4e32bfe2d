// What the fake Discord's own tests share: a real discord.js client (or REST, or a plain HTTP endpoint) against a fake,
// outcomes of inline handlers, and teardown that leaves no server, socket or timer behind.
import { once } from 'node:events';
import { createPublicKey, verify } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import type { AddressInfo } from 'node:net';
import { Client, DiscordAPIError, Events, GatewayIntentBits, REST, type ClientOptions, type Interaction } from 'discord.js';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { FakeDiscord, type FakeDiscordOptions } from '../support/fake-discord/index.ts';

export type Settled<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: unknown };

/** Starters for one test file; registers the hooks that close what they started and check nothing leaked. */
export function fakeDiscordSuite(): {
  startFake: (options?: FakeDiscordOptions) => Promise<FakeDiscord>;
  startClient: (target: FakeDiscord, options?: Partial<ClientOptions>) => Promise<Client>;
  /** Destroys a client the test made itself after the test. */
  trackClient: (client: Client) => Client;
  startRest: (target: FakeDiscord, token?: string) => REST;
  startEndpoint: (publicKey: string, answer: EndpointHandler) => Promise<TestEndpoint>;
} {
  let fake: FakeDiscord | undefined;
  const clients: Client[] = [];
  const rests: REST[] = [];
  const endpoints: TestEndpoint[] = [];

  afterEach(async () => {
    await Promise.all(clients.splice(0).map((client) => client.destroy()));
    for (const rest of rests.splice(0)) {
      rest.clearHashSweeper();
      rest.clearHandlerSweeper();
    }
    await fake?.close();
    fake = undefined;
    await Promise.all(endpoints.splice(0).map((endpoint) => endpoint.close()));
  });

  // The suite must leave nothing open: no server, no socket, and no more timers than vitest itself had at the start.
  const countOf = (resources: readonly string[], kind: string): number => resources.filter((resource) => resource === kind).length;
  let timersBefore = 0;
  beforeAll(() => {
    timersBefore = countOf(process.getActiveResourcesInfo(), 'Timeout');
  });
  afterAll(async () => {
    // Closed handles leave the list on later turns of the event loop (libuv closes them asynchronously). Poll by hand:
    // vi.waitFor's own timers would be counted as leaks while it checks.
    const deadline = Date.now() + 2000;
    for (;;) {
      const resources = process.getActiveResourcesInfo();
      const sockets = resources.filter((resource) => resource.startsWith('TCP'));
      const timers = countOf(resources, 'Timeout');
      if ((sockets.length === 0 && timers <= timersBefore) || Date.now() > deadline) {
        expect(sockets).toEqual([]);
        expect(timers).toBeLessThanOrEqual(timersBefore);
        return;
      }
      await sleep(20);
    }
  });

  return {
    async startFake(options = {}) {
      fake = await FakeDiscord.start(options);
      return fake;
    },
    /** A logged-in discord.js client pointed at the fake. */
    async startClient(target, options = {}) {
      const client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: target.apiUrl, retries: 0 }, ...options });
      clients.push(client);
      const ready = once(client, Events.ClientReady);
      await client.login(target.token);
      await ready;
      return client;
    },
    trackClient(client) {
      clients.push(client);
      return client;
    },
    startRest(target, token = target.token) {
      const rest = new REST({ api: target.apiUrl, retries: 0 }).setToken(token);
      rests.push(rest);
      return rest;
    },
    async startEndpoint(publicKey, answer) {
      const endpoint = await startTestEndpoint(publicKey, answer);
      endpoints.push(endpoint);
      return endpoint;
    },
  };
}

/** Runs `handle` on the next interaction the client receives; resolves with its outcome, never rejects. */
export function onNextInteraction<T>(client: Client, handle: (interaction: Interaction) => Promise<T>): Promise<Settled<T>> {
  return new Promise((resolve) => {
    client.once(Events.InteractionCreate, (interaction) => {
      handle(interaction).then(
        (value) => {
          resolve({ ok: true, value });
        },
        (error: unknown) => {
          resolve({ ok: false, error });
        },
      );
    });
  });
}

export function apiError(settled: Settled<unknown>): DiscordAPIError {
  if (settled.ok) throw new Error('expected the Discord call to be refused, but it succeeded');
  if (settled.error instanceof DiscordAPIError) return settled.error;
  throw settled.error;
}

export function value<T>(settled: Settled<T>): T {
  if (settled.ok) return settled.value;
  throw settled.error;
}

/** What a test endpoint answers to a verified interaction: status, JSON (or raw body with its content type). */
export interface EndpointReply {
  readonly status?: number;
  readonly json?: unknown;
  readonly body?: Buffer;
  readonly contentType?: string;
}

export type EndpointHandler = (interaction: Readonly<Record<string, unknown>>) => EndpointReply | Promise<EndpointReply>;

/** A minimal Interactions Endpoint, as Discord's docs ask one to behave: verify, refuse, PONG, then the app's answer. */
export interface TestEndpoint {
  readonly url: string;
  /** Every interaction that passed verification, in order. */
  readonly received: Readonly<Record<string, unknown>>[];
  close(): Promise<void>;
}

/** Bodies larger than this are refused before verification (the probe sends 2 MiB). */
const ENDPOINT_MAX_BODY = 1024 * 1024;
/** Signed timestamps older than this are refused as replays. */
const ENDPOINT_MAX_AGE_SECONDS = 300;

async function startTestEndpoint(publicKeyHex: string, answer: EndpointHandler): Promise<TestEndpoint> {
  // A raw 32-byte Ed25519 key becomes a KeyObject behind the fixed SPKI prefix of its algorithm.
  const publicKey = createPublicKey({ key: Buffer.concat([Buffer.from('302a300506032b6570032100', 'hex'), Buffer.from(publicKeyHex, 'hex')]), format: 'der', type: 'spki' });
  const received: Readonly<Record<string, unknown>>[] = [];
  const respond = (response: ServerResponse, reply: EndpointReply): void => {
    const body = reply.body ?? Buffer.from(JSON.stringify(reply.json ?? {}), 'utf8');
    response.writeHead(reply.status ?? 200, { 'content-type': reply.contentType ?? 'application/json', 'content-length': body.length });
    response.end(body);
  };
  const serve = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of request) {
      size += (chunk as Buffer).length;
      if (size <= ENDPOINT_MAX_BODY) chunks.push(chunk as Buffer);
    }
    if (size > ENDPOINT_MAX_BODY) {
      respond(response, { status: 413, json: { error: 'too large' } });
      return;
    }
    const body = Buffer.concat(chunks);
    const signature = request.headers['x-signature-ed25519'];
    const timestamp = request.headers['x-signature-timestamp'];
    if (typeof signature !== 'string' || typeof timestamp !== 'string') {
      respond(response, { status: 401, json: { error: 'unsigned' } });
      return;
    }
    const valid = /^[0-9a-f]{128}$/.test(signature) && verify(null, Buffer.concat([Buffer.from(timestamp, 'utf8'), body]), publicKey, Buffer.from(signature, 'hex'));
    const fresh = Math.abs(Date.now() / 1000 - Number(timestamp)) <= ENDPOINT_MAX_AGE_SECONDS;
    if (!valid || !fresh) {
      respond(response, { status: 401, json: { error: 'bad signature' } });
      return;
    }
    const interaction = JSON.parse(body.toString('utf8')) as Readonly<Record<string, unknown>>;
    if (interaction.type === 1) {
      respond(response, { json: { type: 1 } });
      return;
    }
    received.push(interaction);
    respond(response, await answer(interaction));
  };
  const server = createServer((request, response) => {
    serve(request, response).catch((error: unknown) => {
      respond(response, { status: 500, json: { error: String(error) } });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/interactions`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          resolve();
        });
      }),
  };
}
