// The HTTP front door: Discord POSTs each interaction to /interactions; the answer goes back in the HTTP response, and
// later edits go through the interaction's webhook. Stateless, so any number of replicas can sit behind one balancer.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { REST } from 'discord.js';
import type { APIInteraction } from 'discord-api-types/v10';
import type { Logger } from '../logger.ts';
import { callbackOf, InteractionWebhook, type FirstResponse, type InteractionResponder } from '../discord/responder.ts';
import type { InteractionRouter } from '../discord/router.ts';
import { checkSignature, publicKeyFromHex } from './signature.ts';

/** Defaults of the endpoint, in one place. */
export const ENDPOINT_DEFAULTS = Object.freeze({
  path: '/interactions',
  /** An interaction with every option and resolved object is a few kilobytes; anything near this is not Discord. */
  maxBodyBytes: 256 * 1024,
  /** A signed request older (or newer) than this is a replay. */
  maxAgeSeconds: 300,
  /** A slow client may not hold a socket open: the body must arrive within this. */
  bodyTimeoutMs: 10_000,
});

export interface EndpointOptions {
  readonly host: string;
  readonly port: number;
  /** The application's public key, 64 hex characters (Developer Portal → General Information). */
  readonly publicKey: string;
  readonly router: InteractionRouter;
  /** For edits and follow-ups: REST without a bot token (interaction webhooks authenticate by their token). */
  readonly rest: REST;
  readonly logger: Logger;
  /** Other paths on the same port (health, metrics): true when it answered the request. */
  readonly fallback?: (request: IncomingMessage, response: ServerResponse) => boolean;
  readonly maxBodyBytes?: number;
  readonly maxAgeSeconds?: number;
  /** The clock signatures are checked against; tests may move it. */
  readonly now?: () => number;
}

export interface InteractionsEndpoint {
  /** Where Discord should POST: `http://host:port/interactions` (behind TLS and a public name in production). */
  readonly url: string;
  /** Stops accepting connections and closes idle ones; requests in flight are finished by the router's drain. */
  close(): Promise<void>;
}

class BodyTooLarge extends Error {}

/** Starts the endpoint; resolves once it listens. */
export async function startInteractionsEndpoint(options: EndpointOptions): Promise<InteractionsEndpoint> {
  const key = publicKeyFromHex(options.publicKey);
  const maxBodyBytes = options.maxBodyBytes ?? ENDPOINT_DEFAULTS.maxBodyBytes;
  const server: Server = createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0];
    if (path !== ENDPOINT_DEFAULTS.path) {
      if (options.fallback?.(request, response)) return;
      reply(response, 404, { error: `not found: POST ${ENDPOINT_DEFAULTS.path}` });
      return;
    }
    if (request.method !== 'POST') {
      response.setHeader('allow', 'POST');
      reply(response, 405, { error: 'method not allowed' });
      return;
    }
    void handle(request, response);
  });
  server.requestTimeout = ENDPOINT_DEFAULTS.bodyTimeoutMs;
  server.headersTimeout = ENDPOINT_DEFAULTS.bodyTimeoutMs;

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    let body: Buffer;
    try {
      body = await readBody(request, maxBodyBytes);
    } catch (error) {
      if (error instanceof BodyTooLarge) {
        options.logger.warn({ limit: maxBodyBytes }, 'interactions endpoint: refused an oversized body');
        reply(response, 413, { error: `body larger than ${String(maxBodyBytes)} bytes` }, true);
      } else {
        response.destroy();
      }
      return;
    }
    const problem = checkSignature(
      key,
      { signature: header(request, 'x-signature-ed25519'), timestamp: header(request, 'x-signature-timestamp') },
      body,
      { now: options.now?.() ?? Date.now(), maxAgeSeconds: options.maxAgeSeconds ?? ENDPOINT_DEFAULTS.maxAgeSeconds },
    );
    if (problem) {
      options.logger.warn({ problem, from: request.socket.remoteAddress }, 'interactions endpoint: refused an unsigned or badly signed request');
      reply(response, 401, { error: 'invalid request signature' });
      return;
    }
    const raw = parseInteraction(body);
    if (!raw) {
      reply(response, 400, { error: 'the body is not an interaction' });
      return;
    }
    const first = httpResponder(response, new InteractionWebhook(options.rest, raw.application_id, raw.token));
    await options.router.handle(raw, first.responder);
    // An interaction the bot does not use gets no answer from the router; Discord still needs the request closed.
    if (!first.answered()) reply(response, 400, { error: 'this bot does not handle that interaction type' });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${host}:${String(address.port)}${ENDPOINT_DEFAULTS.path}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => {
          resolve();
        });
        server.closeIdleConnections();
      }),
  };
}

/** A responder whose first answer is the HTTP response itself. */
function httpResponder(response: ServerResponse, webhook: InteractionWebhook): { responder: InteractionResponder; answered: () => boolean } {
  let answered = false;
  const responder: InteractionResponder = {
    respond: async (first: FirstResponse) => {
      if (answered) throw new Error('this interaction has already been answered');
      answered = true;
      await writeFirstResponse(response, first);
    },
    editOriginal: (reply) => webhook.editOriginal(reply),
    deleteOriginal: () => webhook.deleteOriginal(),
    followUp: (reply) => webhook.followUp(reply),
  };
  return { responder, answered: () => answered };
}

/** Writes the callback as JSON, or as multipart with payload_json when files go with it; resolves once sent. */
async function writeFirstResponse(response: ServerResponse, first: FirstResponse): Promise<void> {
  const { body, files } = callbackOf(first);
  let payload: Buffer;
  let contentType: string;
  if (files.length === 0) {
    payload = Buffer.from(JSON.stringify(body));
    contentType = 'application/json';
  } else {
    const form = new FormData();
    form.append('payload_json', JSON.stringify(body));
    files.forEach((file, index) => {
      form.append(`files[${String(index)}]`, new Blob([new Uint8Array(file.data)]), file.name);
    });
    const encoded = new Response(form);
    payload = Buffer.from(await encoded.arrayBuffer());
    contentType = encoded.headers.get('content-type') ?? 'multipart/form-data';
  }
  if (response.destroyed) throw new Error('Discord closed the request before the answer was ready (over 3 seconds?)');
  await new Promise<void>((resolve, reject) => {
    response.once('error', reject);
    response.writeHead(200, { 'content-type': contentType, 'content-length': payload.length });
    response.end(payload, () => {
      resolve();
    });
  });
}

function readBody(request: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(request.headers['content-length'] ?? 0);
  if (declared > limit) return Promise.reject(new BodyTooLarge());
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        request.removeAllListeners('data');
        reject(new BodyTooLarge());
        return;
      }
      chunks.push(chunk);
    });
    request.once('end', () => {
      resolve(Buffer.concat(chunks));
    });
    request.once('error', reject);
  });
}

function header(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return typeof value === 'string' ? value : undefined;
}

function parseInteraction(body: Buffer): APIInteraction | undefined {
  try {
    const parsed: unknown = JSON.parse(body.toString('utf8'));
    const looksRight =
      typeof parsed === 'object' && parsed !== null && 'type' in parsed && 'id' in parsed && 'token' in parsed && 'application_id' in parsed;
    return looksRight ? (parsed as APIInteraction) : undefined;
  } catch {
    return undefined;
  }
}

function reply(response: ServerResponse, status: number, json: object, close = false): void {
  if (response.headersSent) return;
  response.writeHead(status, { 'content-type': 'application/json', ...(close ? { connection: 'close' } : {}) });
  response.end(JSON.stringify(json));
}
