// HTTP plumbing of the fake: reading requests (JSON or multipart), Discord-shaped errors, and writing answers.
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import type { DiscordErrorBody, ErrorTree, RecordedFile } from './types.ts';

/** Bigger than any upload Discord accepts, so an oversized file reaches the limit check instead of a dropped socket. */
const MAX_BODY_BYTES = 64 * 1024 * 1024;

export interface ParsedRequest {
  readonly method: string;
  /** The path as received, still percent-encoded. */
  readonly rawPath: string;
  /** Decoded path segments (discord.js encodes `@original` as `%40original`). */
  readonly segments: readonly string[];
  readonly query: Readonly<Record<string, string>>;
  readonly headers: IncomingHttpHeaders;
  readonly body: unknown;
  readonly files: readonly RecordedFile[];
  readonly multipart: boolean;
}

/** What a route answers: JSON (or nothing for 204), or raw bytes for a file download. */
export interface RouteResult {
  readonly status: number;
  readonly json?: unknown;
  readonly raw?: { readonly body: Buffer; readonly contentType: string };
}

/** A refusal Discord would give; routes throw it and the server turns it into the answer. */
export class DiscordHttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: DiscordErrorBody,
  ) {
    super(`${status} ${body.code}: ${body.message}`);
    this.name = 'DiscordHttpError';
  }
}

/** Discord's answers for broken rules, by name. */
export const DiscordErrors = Object.freeze({
  unauthorized: () => new DiscordHttpError(401, { message: '401: Unauthorized', code: 0 }),
  notFound: () => new DiscordHttpError(404, { message: '404: Not Found', code: 0 }),
  methodNotAllowed: () => new DiscordHttpError(405, { message: '405: Method Not Allowed', code: 0 }),
  unknownChannel: () => new DiscordHttpError(404, { message: 'Unknown Channel', code: 10003 }),
  unknownMessage: () => new DiscordHttpError(404, { message: 'Unknown Message', code: 10008 }),
  unknownWebhook: () => new DiscordHttpError(404, { message: 'Unknown Webhook', code: 10015 }),
  unknownInteraction: () => new DiscordHttpError(404, { message: 'Unknown interaction', code: 10062 }),
  missingAccess: () => new DiscordHttpError(403, { message: 'Missing Access', code: 50001 }),
  emptyMessage: () => new DiscordHttpError(400, { message: 'Cannot send an empty message', code: 50006 }),
  alreadyAcknowledged: () => new DiscordHttpError(400, { message: 'Interaction has already been acknowledged.', code: 40060 }),
  maxFollowUps: () => new DiscordHttpError(400, { message: 'This interaction has hit the maximum number of follow up messages', code: 40094 }),
  tooLarge: () => new DiscordHttpError(413, { message: 'Request entity too large', code: 40005 }),
  invalidJson: () => new DiscordHttpError(400, { message: 'The request body contains invalid JSON.', code: 50109 }),
  invalidForm: (errors: ErrorTree) => new DiscordHttpError(400, { message: 'Invalid Form Body', code: 50035, errors }),
});

/** Reads and parses a whole request; throws DiscordHttpError for bodies Discord would refuse to parse. */
export async function readRequest(request: IncomingMessage): Promise<ParsedRequest> {
  const url = new URL(request.url ?? '/', 'http://fake-discord.invalid');
  const segments = url.pathname.split('/').filter((segment) => segment !== '').map(decodeSegment);
  const raw = await readBody(request);
  const contentType = request.headers['content-type'] ?? '';
  const base = {
    method: (request.method ?? 'GET').toUpperCase(),
    rawPath: url.pathname,
    segments,
    query: Object.fromEntries(url.searchParams),
    headers: request.headers,
  };
  return { ...base, ...parseBody(raw, contentType) };
}

/** A body as Discord reads it: JSON, multipart/form-data (`payload_json` plus files), or text; empty is undefined. */
export function parseBody(raw: Buffer, contentType: string): { body: unknown; files: readonly RecordedFile[]; multipart: boolean } {
  if (raw.length === 0) return { body: undefined, files: [], multipart: false };
  if (contentType.startsWith('multipart/form-data')) return { ...parseMultipart(raw, contentType), multipart: true };
  if (contentType.startsWith('application/json')) return { body: parseJson(raw.toString('utf8')), files: [], multipart: false };
  return { body: raw.toString('utf8'), files: [], multipart: false };
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buffer.length;
    if (size > MAX_BODY_BYTES) throw DiscordErrors.tooLarge();
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw DiscordErrors.invalidJson();
  }
}

/** Splits a multipart/form-data body: `payload_json` becomes the body, file parts become files, other fields join the body. */
function parseMultipart(raw: Buffer, contentType: string): { body: unknown; files: RecordedFile[] } {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
  const marker = boundary?.[1] ?? boundary?.[2];
  if (marker === undefined) throw new DiscordHttpError(400, { message: 'multipart/form-data without a boundary', code: 50109 });
  const files: RecordedFile[] = [];
  const fields: Record<string, unknown> = {};
  let body: unknown;
  for (const part of splitParts(raw, Buffer.from(`--${marker}`))) {
    const headerEnd = part.indexOf('\r\n\r\n');
    if (headerEnd < 0) continue;
    const headers = part.subarray(0, headerEnd).toString('utf8');
    const content = part.subarray(headerEnd + 4);
    const disposition = /content-disposition:[^\r\n]*/i.exec(headers)?.[0] ?? '';
    const field = /\bname="([^"]*)"/i.exec(disposition)?.[1] ?? '';
    const filename = /\bfilename="([^"]*)"/i.exec(disposition)?.[1];
    if (filename === undefined) {
      const value = content.toString('utf8');
      if (field === 'payload_json') body = parseJson(value);
      else fields[field] = value;
      continue;
    }
    const type = /content-type:\s*([^\r\n]+)/i.exec(headers)?.[1]?.trim() ?? 'application/octet-stream';
    files.push({ field, filename, contentType: type, content, text: content.toString('utf8') });
  }
  if (body === undefined && Object.keys(fields).length > 0) body = fields;
  return { body, files };
}

/** The parts between boundaries, without the CRLF that precedes each boundary. */
function splitParts(raw: Buffer, delimiter: Buffer): Buffer[] {
  const parts: Buffer[] = [];
  let start = raw.indexOf(delimiter);
  while (start >= 0) {
    const afterDelimiter = start + delimiter.length;
    // "--" right after a boundary closes the body.
    if (raw.subarray(afterDelimiter, afterDelimiter + 2).toString() === '--') break;
    const next = raw.indexOf(delimiter, afterDelimiter);
    if (next < 0) break;
    parts.push(raw.subarray(afterDelimiter + 2, next - 2));
    start = next;
  }
  return parts;
}

/** Writes a route result (or a Discord error) to the socket. */
export function writeResult(response: ServerResponse, result: RouteResult): void {
  if (result.raw) {
    response.writeHead(result.status, { 'content-type': result.raw.contentType, 'content-length': result.raw.body.length });
    response.end(result.raw.body);
    return;
  }
  if (result.json === undefined) {
    response.writeHead(result.status);
    response.end();
    return;
  }
  const text = JSON.stringify(result.json);
  response.writeHead(result.status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  response.end(text);
}

/** The answer for a thrown error: Discord's shape for known refusals, a 500 naming the bug in the fake otherwise. */
export function errorResult(error: unknown): RouteResult {
  if (error instanceof DiscordHttpError) return { status: error.status, json: error.body };
  const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
  return { status: 500, json: { message: `fake-discord internal error: ${message}`, code: 0 } };
}
