// HTTP delivery: Discord POSTs each interaction, signed with Ed25519, to the app's Interactions Endpoint URL(s), and the
// HTTP answer is the initial response. Several URLs stand for replicas behind a load balancer.
import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { request as httpRequest, type ClientRequest, type IncomingHttpHeaders } from 'node:http';
import type { FakeClock } from './clock.ts';
import { DiscordHttpError, parseBody, type ParsedRequest } from './http.ts';
import type { InteractionRecord, InteractionRegistry } from './interactions.ts';
import type { EndpointAnswer, EndpointProbe, EndpointProbeOptions, RawEndpointPost, RecordedDelivery } from './reach-types.ts';
import type { RecordedFile } from './types.ts';

/** What Discord's requests to an endpoint say they are. */
const USER_AGENT = 'Discord-Interactions/1.0 (+https://discord.com)';
/** Discord answers an interaction within 3 s or shows "The application did not respond". */
const DEFAULT_TIMEOUT_MS = 3000;

export interface EndpointDeps {
  readonly clock: FakeClock;
  readonly applicationId: string;
  readonly interactions: InteractionRegistry;
  readonly nextId: () => string;
  /** Called after every recorded exchange, so waits re-check. */
  readonly onChange: () => void;
}

interface Exchange {
  readonly status: number | undefined;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
  readonly error: string | undefined;
  readonly durationMs: number;
}

/** The fake's side of HTTP delivery: its signing key, the endpoint URLs, and every exchange with them. */
export class InteractionsEndpoint {
  /** The application's public key as the Developer Portal shows it: 64 hex characters (32 bytes of Ed25519). */
  readonly publicKey: string;
  readonly deliveries: RecordedDelivery[] = [];
  private readonly privateKey: KeyObject;
  private urls: readonly string[] = [];
  private nextReplica = 0;
  private timeoutMs = DEFAULT_TIMEOUT_MS;
  private readonly inFlight = new Set<ClientRequest>();
  private readonly pending = new Set<Promise<unknown>>();

  constructor(private readonly deps: EndpointDeps) {
    const { publicKey, privateKey } = generateKeyPairSync('ed25519');
    this.privateKey = privateKey;
    const jwk = publicKey.export({ format: 'jwk' });
    this.publicKey = Buffer.from(jwk.x ?? '', 'base64url').toString('hex');
  }

  /** True once at least one URL is set: Discord then delivers interactions by HTTP instead of the gateway. */
  get active(): boolean {
    return this.urls.length > 0;
  }

  get endpointUrls(): readonly string[] {
    return this.urls;
  }

  /** Replaces the endpoint URLs (one per replica); an empty list goes back to gateway delivery. */
  configure(urls: readonly string[], timeoutMs = DEFAULT_TIMEOUT_MS): void {
    for (const url of urls) {
      const parsed = new URL(url);
      if (parsed.protocol !== 'http:') throw new Error(`fake-discord: the fake delivers over plain http on loopback, not to ${url}`);
    }
    this.urls = [...urls];
    this.nextReplica = 0;
    this.timeoutMs = timeoutMs;
  }

  /** The URL for the next delivery: the named replica (index or URL), else the next in round-robin order. */
  pick(replica: number | string | undefined): string {
    if (this.urls.length === 0) throw new Error('fake-discord: no interactions endpoint is set (setInteractionsEndpoint)');
    if (typeof replica === 'string') {
      if (!this.urls.includes(replica)) throw new Error(`fake-discord: ${replica} is not one of the endpoints [${this.urls.join(', ')}]`);
      return replica;
    }
    if (replica !== undefined) {
      const url = this.urls[replica];
      if (url === undefined) throw new Error(`fake-discord: there is no replica ${replica} (endpoints: ${this.urls.length})`);
      return url;
    }
    const url = this.urls[this.nextReplica % this.urls.length] ?? '';
    this.nextReplica += 1;
    return url;
  }

  /** Hex Ed25519 signature of timestamp + body, as Discord puts in X-Signature-Ed25519. */
  sign(timestamp: string, body: Buffer, key: KeyObject = this.privateKey): string {
    return sign(null, Buffer.concat([Buffer.from(timestamp, 'utf8'), body]), key).toString('hex');
  }

  /** POSTs one interaction; its answer becomes the interaction's initial callback, validated like a REST callback. */
  deliver(record: InteractionRecord, url: string): void {
    const body = Buffer.from(JSON.stringify(record.payload), 'utf8');
    void this.track(
      this.exchange('interaction', url, body, this.signedHeaders(body), record.id).then((delivery) => {
        this.answerAsCallback(record, delivery);
        this.deps.onChange();
      }),
    );
  }

  /** Sends a PING (type 1), as the Developer Portal does when the URL is saved; a working endpoint answers `{ type: 1 }`. */
  async ping(replica: number | string | undefined): Promise<EndpointAnswer> {
    const body = Buffer.from(JSON.stringify(this.pingPayload()), 'utf8');
    const delivery = await this.track(this.exchange('ping', this.pick(replica), body, this.signedHeaders(body), undefined));
    return answerOf(delivery);
  }

  /** POSTs a hand-made request (any part broken on purpose) and returns the answer. */
  async postRaw(input: RawEndpointPost): Promise<EndpointAnswer> {
    const body = rawBody(input.body ?? this.pingPayload());
    const timestamp = typeof input.timestamp === 'object' ? String(unixNow() - input.timestamp.ageSeconds) : (input.timestamp ?? String(unixNow()));
    const headers: Record<string, string> = { 'content-type': input.contentType ?? 'application/json', 'user-agent': USER_AGENT };
    if (timestamp !== 'missing') headers['x-signature-timestamp'] = timestamp;
    const signatureMode = input.signature ?? 'valid';
    const signedTimestamp = timestamp === 'missing' ? '' : timestamp;
    if (signatureMode === 'valid') headers['x-signature-ed25519'] = this.sign(signedTimestamp, body);
    if (signatureMode === 'wrong-key') headers['x-signature-ed25519'] = this.sign(signedTimestamp, body, generateKeyPairSync('ed25519').privateKey);
    if (signatureMode === 'tampered') headers['x-signature-ed25519'] = this.sign(signedTimestamp, Buffer.concat([body, Buffer.from(' ')]));
    const delivery = await this.track(this.exchange('raw', this.pick(input.replica), body, headers, undefined));
    return answerOf(delivery);
  }

  /** One of the broken requests every endpoint must refuse; see EndpointProbe. */
  probe(kind: EndpointProbe, options: EndpointProbeOptions = {}): Promise<EndpointAnswer> {
    const replica = options.replica;
    switch (kind) {
      case 'wrong-key':
        return this.postRaw({ signature: 'wrong-key', replica });
      case 'tampered-body':
        return this.postRaw({ signature: 'tampered', replica });
      case 'missing-signature':
        return this.postRaw({ signature: 'missing', replica });
      case 'missing-timestamp':
        return this.postRaw({ timestamp: 'missing', replica });
      case 'old-timestamp':
        return this.postRaw({ timestamp: { ageSeconds: options.ageSeconds ?? 600 }, replica });
      case 'oversized': {
        // A PING padded to the size, validly signed: only the size is wrong.
        const bytes = options.bytes ?? 2 * 1024 * 1024;
        const head = JSON.stringify({ ...this.pingPayload(), padding: '' });
        const padded = `${head.slice(0, -2)}${'x'.repeat(Math.max(0, bytes - head.length))}"}`;
        return this.postRaw({ body: padded, replica });
      }
    }
  }

  /** Aborts every request still waiting for an answer and waits for their bookkeeping. */
  async close(): Promise<void> {
    for (const request of this.inFlight) request.destroy(new Error('fake-discord closed'));
    await Promise.allSettled([...this.pending]);
  }

  private pingPayload(): Readonly<Record<string, unknown>> {
    return { id: this.deps.nextId(), application_id: this.deps.applicationId, type: 1, token: 'ping', version: 1 };
  }

  private signedHeaders(body: Buffer): Record<string, string> {
    // Real seconds, not the fake's clock: the endpoint compares them with its own clock to refuse replays.
    const timestamp = String(unixNow());
    return {
      'content-type': 'application/json',
      'user-agent': USER_AGENT,
      'x-signature-ed25519': this.sign(timestamp, body),
      'x-signature-timestamp': timestamp,
    };
  }

  private track<T>(promise: Promise<T>): Promise<T> {
    this.pending.add(promise);
    const forget = (): void => {
      this.pending.delete(promise);
    };
    promise.then(forget, forget);
    return promise;
  }

  private async exchange(kind: RecordedDelivery['kind'], url: string, body: Buffer, headers: Readonly<Record<string, string>>, interactionId: string | undefined): Promise<RecordedDelivery> {
    const time = this.deps.clock.now();
    const answer = await this.post(url, body, headers);
    let parsed: { body: unknown; files: readonly RecordedFile[] } = { body: undefined, files: [] };
    let error = answer.error;
    if (answer.status !== undefined && answer.body.length > 0) {
      try {
        parsed = parseBody(answer.body, answer.headers['content-type'] ?? '');
      } catch (failure) {
        error = failure instanceof DiscordHttpError ? failure.body.message : String(failure);
      }
    }
    const delivery: RecordedDelivery = {
      kind,
      url,
      interactionId,
      requestHeaders: headers,
      requestBody: body,
      status: answer.status,
      responseHeaders: answer.headers,
      responseBody: parsed.body,
      files: parsed.files,
      error,
      time,
      durationMs: answer.durationMs,
    };
    this.deliveries.push(delivery);
    this.deps.onChange();
    return delivery;
  }

  /** Discord takes a 2xx JSON (or multipart) answer as the interaction response; anything else as no response. */
  private answerAsCallback(record: InteractionRecord, delivery: RecordedDelivery): void {
    if (delivery.status === undefined || delivery.status < 200 || delivery.status >= 300 || delivery.error !== undefined) return;
    const contentType = String(delivery.responseHeaders['content-type'] ?? '');
    if (!contentType.startsWith('application/json') && !contentType.startsWith('multipart/form-data')) return;
    const request: ParsedRequest = {
      method: 'POST',
      rawPath: delivery.url,
      segments: [],
      query: {},
      headers: {},
      body: delivery.responseBody,
      files: delivery.files,
      multipart: contentType.startsWith('multipart/form-data'),
    };
    try {
      this.deps.interactions.callback(request, record.id, record.token);
    } catch (error) {
      // Refusals are recorded as callbacks by the registry; the endpoint itself never hears of them.
      if (!(error instanceof DiscordHttpError)) throw error;
    }
  }

  /** One HTTP POST without keep-alive (no socket outlives a test), cut off after the timeout. */
  private post(url: string, body: Buffer, headers: Readonly<Record<string, string>>): Promise<Exchange> {
    const started = performance.now();
    return new Promise<Exchange>((resolve) => {
      let settled = false;
      const finish = (exchange: Omit<Exchange, 'durationMs'>): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        this.inFlight.delete(request);
        resolve({ ...exchange, durationMs: performance.now() - started });
      };
      const request = httpRequest(url, { method: 'POST', agent: false, headers: { ...headers, 'content-length': String(body.length) } }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          finish({ status: response.statusCode, headers: response.headers, body: Buffer.concat(chunks), error: undefined });
        });
        response.on('error', (error) => {
          finish({ status: response.statusCode, headers: response.headers, body: Buffer.concat(chunks), error: error.message });
        });
      });
      const timer = setTimeout(() => {
        request.destroy();
        finish({ status: undefined, headers: {}, body: Buffer.alloc(0), error: `timed out after ${this.timeoutMs} ms` });
      }, this.timeoutMs);
      this.inFlight.add(request);
      request.on('error', (error) => {
        finish({ status: undefined, headers: {}, body: Buffer.alloc(0), error: error.message });
      });
      request.end(body);
    });
  }
}

function unixNow(): number {
  return Math.floor(Date.now() / 1000);
}

function rawBody(body: string | Buffer | Readonly<Record<string, unknown>>): Buffer {
  if (Buffer.isBuffer(body)) return body;
  return Buffer.from(typeof body === 'string' ? body : JSON.stringify(body), 'utf8');
}

function answerOf(delivery: RecordedDelivery): EndpointAnswer {
  return { status: delivery.status ?? 0, body: delivery.responseBody, headers: delivery.responseHeaders, error: delivery.error };
}
