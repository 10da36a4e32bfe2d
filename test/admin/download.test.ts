// Downloading an upload from a real HTTP server on loopback: every way the network fails becomes one clear sentence.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { downloadAttachment, downloadMessages, downloadReasons, type DownloadPolicy } from '../../src/admin/download.ts';
import { UserError } from '../../src/interaction/errors.ts';

const BODY = '{"source":{"id":"x"}}';
let server: Server;
let host = '';
const drips = new Set<NodeJS.Timeout>();

/** Each path is one way a server can behave. */
function serve(path: string, response: ServerResponse): void {
  const socket = response.socket;
  switch (path) {
    case '/ok.json':
      response.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(BODY) });
      response.end(BODY);
      return;
    case '/missing.json':
      response.writeHead(404);
      response.end();
      return;
    case '/short.json':
      // Declares 1000 bytes, sends 5, then closes: what a proxy or a crashed CDN node does.
      response.writeHead(200, { 'content-length': '1000' });
      response.write('{"a":');
      setTimeout(() => socket?.end(), 20);
      return;
    case '/reset-in-body.json':
      response.writeHead(200, { 'content-length': '1000' });
      response.write('{"a":');
      setTimeout(() => socket?.resetAndDestroy(), 20);
      return;
    case '/reset.json':
      socket?.resetAndDestroy();
      return;
    case '/closed.json':
      socket?.destroy();
      return;
    case '/drip.json': {
      response.writeHead(200, { 'content-length': '100000' });
      const drip = setInterval(() => response.write(' '), 20);
      drips.add(drip);
      response.on('close', () => {
        clearInterval(drip);
        drips.delete(drip);
      });
      return;
    }
    default:
      response.writeHead(500);
      response.end();
  }
}

beforeAll(async () => {
  server = createServer((request, response) => {
    serve(request.url ?? '/', response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  host = `127.0.0.1:${String((server.address() as AddressInfo).port)}`;
});

afterAll(async () => {
  for (const drip of drips) clearInterval(drip);
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

function policy(extra: Partial<DownloadPolicy> = {}): DownloadPolicy {
  return { allowedHosts: [host], maxBytes: 1_000_000, timeoutMs: 5000, allowLocalFiles: false, ...extra };
}

async function download(url: string, extra: Partial<DownloadPolicy> = {}): Promise<string> {
  return downloadAttachment({ id: '1', filename: 'article.json', size: 10, url, contentType: 'application/json' }, policy(extra));
}

async function failure(url: string, extra: Partial<DownloadPolicy> = {}): Promise<string> {
  try {
    await download(url, extra);
  } catch (error) {
    if (error instanceof UserError) return error.message;
    throw error;
  }
  throw new Error(`${url} downloaded`);
}

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

const failed = (reason: string): string => downloadMessages.failed('article.json', reason);

describe('downloading an upload', () => {
  it('given a server that sends the file, then its text is returned', async () => {
    expect(await download(`http://${host}/ok.json`)).toBe(BODY);
  });

  it.each([
    ['an HTTP error', '/missing.json', downloadReasons.status(404)],
    ['a body cut short of its Content-Length', '/short.json', downloadReasons.cutShort('5 bytes of 1000 bytes')],
    ['a connection reset in the middle of the body', '/reset-in-body.json', downloadReasons.reset('5 bytes of 1000 bytes')],
    ['a connection reset before any answer', '/reset.json', downloadReasons.reset(undefined)],
    ['a connection closed before any answer', '/closed.json', downloadReasons.closed],
  ])('given %s, then the moderator is told the download failed and why', async (_label, path, reason) => {
    expect(await failure(`http://${host}${path}`)).toBe(failed(reason));
  });

  it('given a server that drips the file slower than the deadline, then the download is abandoned at the deadline', async () => {
    expect(await failure(`http://${host}/drip.json`, { timeoutMs: 300 })).toBe(failed(downloadReasons.deadline(300)));
  });

  it('given nothing listening on the port, then the connection is said to be refused', async () => {
    const port = await closedPort();
    expect(await failure(`http://127.0.0.1:${String(port)}/a.json`, { allowedHosts: [`127.0.0.1:${String(port)}`] })).toBe(failed(downloadReasons.refused));
  });

  it('given a host that does not resolve, then the host is named', async () => {
    expect(await failure('https://upload.invalid/a.json', { allowedHosts: ['upload.invalid'] })).toBe(failed(downloadReasons.unknownHost('upload.invalid')));
  });

  it('given the garbage collector running all along, then a slow-drip download still ends at its deadline', async () => {
    const fixture = fileURLToPath(new URL('./fixtures/download-under-gc.ts', import.meta.url));
    const child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', fixture, '500'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    // Without a deadline that survives GC the download drips on for more than an hour: give up on it well before.
    const watchdog = setTimeout(() => child.kill('SIGKILL'), 20_000);
    try {
      await once(child, 'exit');
    } finally {
      clearTimeout(watchdog);
    }
    const [line = ''] = output.split('\n');
    expect(line, output).toMatch(/^\{/);
    expect(JSON.parse(line)).toMatchObject({ ok: false, message: downloadMessages.failed('slow.json', downloadReasons.deadline(500)) });
  }, 30_000);
});
