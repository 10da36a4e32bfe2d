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
  timeout: (name: string, seconds: number) => `Downloading ${name} took longer than ${String(seconds)} s; try again.`,
  failed: (name: string, status: string) => `Downloading ${name} failed (${status}); try uploading it again.`,
  notText: (name: string) => `${name} is not UTF-8 text, so it cannot be JSON.`,
  notArticleName: (name: string) => `${name} is not a .txt, .md or .html file. Upload the article’s text to draft from.`,
  notArticleText: (name: string) => `${name} is not UTF-8 text (a binary file, or text in another encoding): upload the article as UTF-8 .txt, .md or .html.`,
});

const NAME_REFUSALS: Readonly<Record<UploadKind, (name: string) => UserError>> = Object.freeze({
  article: (name: string) => new UserError('upload-not-json', downloadMessages.notJsonName(name)),
  'source text': (name: string) => new UserError('upload-not-text', downloadMessages.notTextName(name)),
  'text to draft': (name: string) => new UserError('upload-not-article', downloadMessages.notArticleName(name)),
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

  let response: Response;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(policy.timeoutMs), redirect: 'error' });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'TimeoutError') {
      throw new UserError('upload-timeout', downloadMessages.timeout(name, Math.round(policy.timeoutMs / 1000)));
    }
    throw new UserError('upload-failed', downloadMessages.failed(name, error instanceof Error ? error.message : 'network error'));
  }
  if (!response.ok || !response.body) {
    await response.body?.cancel();
    throw new UserError('upload-failed', downloadMessages.failed(name, `HTTP ${String(response.status)}`));
  }
  // The declared size can lie: count the bytes as they arrive and stop at the limit.
  const chunks: Uint8Array[] = [];
  let received = 0;
  // Node's fetch body is a byte stream; its typings leave the chunk type open.
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      received += value.byteLength;
      if (received > policy.maxBytes) {
        await reader.cancel();
        throw new UserError('upload-too-large', downloadMessages.tooLarge(name, received, policy.maxBytes));
      }
      chunks.push(value);
    }
  } catch (error) {
    if (error instanceof UserError) throw error;
    if (error instanceof DOMException && error.name === 'TimeoutError') {
      throw new UserError('upload-timeout', downloadMessages.timeout(name, Math.round(policy.timeoutMs / 1000)));
    }
    throw error;
  }
  return decode(name, Buffer.concat(chunks), kind);
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
