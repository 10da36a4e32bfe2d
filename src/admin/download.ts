// Fetches an uploaded file: only from Discord's CDN (or the hosts configured), size-capped, time-limited, UTF-8 only.
import { readFile, stat } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { UserError } from '../interaction/errors.ts';
import type { AttachmentInfo } from '../interaction/types.ts';

export interface DownloadPolicy {
  /** host or host:port, lowercase. */
  readonly allowedHosts: readonly string[];
  readonly maxBytes: number;
  readonly timeoutMs: number;
  /** file: URLs (the terminal's uploads are local paths); never for uploads from Discord. */
  readonly allowLocalFiles: boolean;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * What an upload must be: one article as JSON, the text of the article it was extracted from (for the copy check),
 * or an article's text to draft from (HTML too).
 */
export type UploadKind = 'article' | 'source text' | 'text to draft';
const UPLOAD_NAMES: Readonly<Record<UploadKind, RegExp>> = Object.freeze({
  article: /\.json$/i,
  'source text': /\.(?:txt|md)$/i,
  'text to draft': /\.(?:txt|md|markdown|html?)$/i,
});

/** Messages for refused uploads; tests import them. */
export const downloadMessages = Object.freeze({
  tooLarge: (name: string, size: number, max: number) =>
    `${name} is ${formatBytes(size)}; uploads are limited to ${formatBytes(max)} (MAX_UPLOAD_BYTES).`,
  notJsonName: (name: string) => `${name} is not a .json file. Upload one article in the dataset’s JSON format.`,
  notTextName: (name: string) => `${name} is not a .txt or .md file. Attach the article’s text as plain text or Markdown.`,
  wrongHost: (name: string) => `${name} was not uploaded to Discord, so it was not downloaded.`,
  failed: (name: string, reason: string) => `Could not get ${name}: the download failed: ${reason}. Nothing was changed; try uploading the file again.`,
  notText: (name: string) => `${name} is not UTF-8 text, so it cannot be JSON.`,
  notArticleName: (name: string) => `${name} is not a .txt, .md or .html file. Upload the article’s text to draft from.`,
  notArticleText: (name: string) => `${name} is not UTF-8 text (a binary file, or text in another encoding): upload the article as UTF-8 .txt, .md or .html.`,
});

const NAME_REFUSALS: Readonly<Record<UploadKind, (name: string) => UserError>> = Object.freeze({
  article: (name: string) => new UserError('upload-not-json', downloadMessages.notJsonName(name)),
  'source text': (name: string) => new UserError('upload-not-text', downloadMessages.notTextName(name)),
  'text to draft': (name: string) => new UserError('upload-not-article', downloadMessages.notArticleName(name)),
});

/** Why a download failed, in words a moderator can read; the `failed` message wraps them. */
export const downloadReasons = Object.freeze({
  deadline: (ms: number) => `it took longer than ${String(Number((ms / 1000).toFixed(1)))} s`,
  status: (status: number) => `the server answered HTTP ${String(status)}`,
  cutShort: (progress: string) => `the connection closed after ${progress}, before the whole file arrived`,
  reset: (progress: string | undefined) => (progress === undefined ? 'the connection was reset' : `the connection was reset after ${progress}`),
  closed: 'the server closed the connection without answering',
  refused: 'the connection was refused',
  unknownHost: (host: string) => `the host ${host} could not be found`,
  timedOut: 'the connection timed out',
});

/** Downloads an attachment's text, or throws a UserError saying clearly why not. */
export async function downloadAttachment(attachment: AttachmentInfo, policy: DownloadPolicy, kind: UploadKind = 'article'): Promise<string> {
  const name = attachment.filename;
  if (!UPLOAD_NAMES[kind].test(name)) throw NAME_REFUSALS[kind](name);
  if (attachment.size > policy.maxBytes) throw new UserError('upload-too-large', downloadMessages.tooLarge(name, attachment.size, policy.maxBytes));

  let url: URL;
  try {
    url = new URL(attachment.url);
  } catch {
    throw new UserError('upload-wrong-host', downloadMessages.wrongHost(name));
  }
  if (url.protocol === 'file:') {
    if (!policy.allowLocalFiles) throw new UserError('upload-wrong-host', downloadMessages.wrongHost(name));
    const path = fileURLToPath(url);
    const size = (await stat(path)).size;
    if (size > policy.maxBytes) throw new UserError('upload-too-large', downloadMessages.tooLarge(name, size, policy.maxBytes));
    return decode(name, await readFile(path), kind);
  }
  const host = url.host.toLowerCase();
  // Plain http only for a loopback host that was configured on purpose (a test fake); Discord's CDN is https.
  const protocolOk = url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK.has(url.hostname.toLowerCase()));
  if (!protocolOk || !policy.allowedHosts.includes(host)) throw new UserError('upload-wrong-host', downloadMessages.wrongHost(name));
  return decode(name, await fetchWithin(url, name, policy), kind);
}

const DEADLINE = Symbol('deadline');

/** The download's deadline passed during a step. */
class DeadlinePassed extends Error {}

/**
 * GETs `url` and reads its body, all within `policy.timeoutMs`. The deadline is a timer this function holds, and it
 * races every step itself: an abort signal alone is not enough, because fetch links it to the body only weakly
 * (through the Request, which the garbage collector may take once the headers are in), and then a slow-drip body is
 * never aborted.
 */
async function fetchWithin(url: URL, name: string, policy: DownloadPolicy): Promise<Buffer> {
  const controller = new AbortController();
  let expire = (): void => undefined;
  const expired = new Promise<typeof DEADLINE>((resolve) => {
    expire = () => {
      resolve(DEADLINE);
    };
  });
  const deadline = setTimeout(() => {
    expire();
    controller.abort();
  }, policy.timeoutMs);
  const within = async <T>(step: Promise<T>): Promise<T> => {
    const first = await Promise.race([step, expired]);
    if (first === DEADLINE) throw new DeadlinePassed();
    return first;
  };
  let received = 0;
  let declared: number | undefined;
  let reader: ReadableStreamDefaultReader<Uint8Array> | undefined;
  const failed = (reason: string): UserError => new UserError('upload-failed', downloadMessages.failed(name, reason));
  const responding = fetch(url, { signal: controller.signal, redirect: 'error' });
  try {
    const response = await within(responding);
    if (!response.ok || !response.body) {
      await response.body?.cancel();
      throw failed(downloadReasons.status(response.status));
    }
    const length = Number(response.headers.get('content-length') ?? Number.NaN);
    declared = Number.isSafeInteger(length) && length >= 0 ? length : undefined;
    // The declared size can lie: count the bytes as they arrive and stop at the limit.
    const chunks: Uint8Array[] = [];
    // Node's fetch body is a byte stream; its typings leave the chunk type open.
    reader = (response.body as ReadableStream<Uint8Array>).getReader();
    for (;;) {
      const { done, value } = await within(reader.read());
      if (done) break;
      received += value.byteLength;
      if (received > policy.maxBytes) throw new UserError('upload-too-large', downloadMessages.tooLarge(name, received, policy.maxBytes));
      chunks.push(value);
    }
    reader = undefined;
    return Buffer.concat(chunks);
  } catch (error) {
    if (error instanceof UserError) throw error;
    if (error instanceof DeadlinePassed || controller.signal.aborted) {
      // Answers that arrive after the deadline are dropped with their connection.
      responding.then((late) => late.body?.cancel(), () => undefined).catch(() => undefined);
      throw failed(downloadReasons.deadline(policy.timeoutMs));
    }
    throw failed(networkReason(error, url.hostname, received, declared));
  } finally {
    clearTimeout(deadline);
    // A body left unread keeps its connection open: cancelling closes it.
    reader?.cancel().catch(() => undefined);
  }
}

/** A network error from fetch (its cause carries the code), in a moderator's words. */
function networkReason(error: unknown, host: string, received: number, declared: number | undefined): string {
  const causes: unknown[] = [];
  for (let cause: unknown = error; cause instanceof Error && causes.length < 5; cause = cause.cause) causes.push(cause);
  const codes = causes.map((cause) => (cause instanceof Error && 'code' in cause && typeof cause.code === 'string' ? cause.code : ''));
  const has = (...wanted: string[]): boolean => codes.some((code) => wanted.includes(code));
  // fetch says "terminated" when the connection ends while the body is being read: the file arrived cut short.
  const bodyStarted = error instanceof Error && error.message === 'terminated';
  const progress = bodyStarted ? `${formatBytes(received)}${declared === undefined ? '' : ` of ${formatBytes(declared)}`}` : undefined;
  if (has('ENOTFOUND', 'EAI_AGAIN', 'EAI_NONAME')) return downloadReasons.unknownHost(host);
  if (has('ECONNREFUSED')) return downloadReasons.refused;
  if (has('ETIMEDOUT', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT')) return downloadReasons.timedOut;
  if (has('ECONNRESET', 'EPIPE')) return downloadReasons.reset(progress);
  if (progress !== undefined) return downloadReasons.cutShort(progress);
  if (has('UND_ERR_SOCKET')) return downloadReasons.closed;
  const deepest = causes.at(-1);
  return deepest instanceof Error ? (deepest.message.split('\n')[0] ?? deepest.message) : String(error);
}

function decode(name: string, bytes: Uint8Array, kind: UploadKind): string {
  try {
    // A byte-order mark is legal in a UTF-8 file but not in JSON: drop it rather than refuse the file.
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new UserError('upload-not-text', kind === 'text to draft' ? downloadMessages.notArticleText(name) : downloadMessages.notText(name));
  }
}

/** 1048576 → "1 MiB". */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Number((bytes / (1024 * 1024)).toFixed(1)).toString()} MiB`;
  if (bytes >= 1024) return `${Number((bytes / 1024).toFixed(1)).toString()} KiB`;
  return `${String(bytes)} bytes`;
}
