// A second thread that reads entries' texts into postings while the main thread walks the entries and adds the rest:
// at a million entries, reading texts is half an index build, and the machine has a core to spare for it.
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import type { FieldCode } from './documents.ts';
import type { PackedPostings } from './packed-postings.ts';

/** Texts sent at once: one string and where each text ends in it (cheaper to send than thousands of strings). */
export interface TextBatch {
  /** The document each text belongs to. */
  readonly documents: Int32Array;
  readonly fields: Uint8Array;
  /** Where each text ends in `text`; it starts where the one before ends. */
  readonly ends: Int32Array;
  readonly text: string;
}

export interface TextThreadSetup {
  readonly documents: number;
  readonly expectedPostings: number;
}

export type TextThreadReply = { readonly packed: PackedPostings } | { readonly failed: string };

/** The thread failed (could not start, or broke on the way): the build starts again on one thread. */
export class TextThreadError extends Error {
  override readonly name = 'TextThreadError';
}

const BATCH_TEXTS = 8192;
const BATCH_CHARS = 1 << 20;

/** The worker's module beside this one: compiled JavaScript, or TypeScript when run from source (tsx, vitest). */
function workerFor(setup: TextThreadSetup, port: MessagePort, entry: URL): Worker {
  const options = { workerData: { ...setup, port }, transferList: [port] };
  if (!entry.pathname.endsWith('.ts')) return new Worker(entry, options);
  // From source, the thread compiles TypeScript the way the main thread does: through tsx, which is there in development.
  const code = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(entry.href)}); });`;
  return new Worker(code, { ...options, eval: true });
}

export class TextThread {
  private readonly worker: Worker;
  private readonly port: MessagePort;
  private readonly reply: Promise<PackedPostings>;
  /** Set as soon as the thread is known to have failed, so that the build stops sending it texts. */
  private failure: TextThreadError | undefined;
  private documents = new Int32Array(BATCH_TEXTS);
  private fields = new Uint8Array(BATCH_TEXTS);
  private texts: string[] = [];
  private chars = 0;

  /** Starts the thread for `setup.documents` documents. `entry` is the worker's module (tests give a broken one). */
  constructor(setup: TextThreadSetup, entry = new URL(`./text-worker.${import.meta.url.endsWith('.ts') ? 'ts' : 'js'}`, import.meta.url)) {
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    try {
      this.worker = workerFor(setup, port2, entry);
    } catch (error) {
      port1.close();
      throw new TextThreadError(`the text thread could not start: ${error instanceof Error ? error.message : String(error)}`);
    }
    this.reply = new Promise<PackedPostings>((resolve, reject) => {
      let replied = false;
      const fail = (reason: string): void => {
        if (replied) return;
        replied = true;
        this.failure = new TextThreadError(reason);
        reject(this.failure);
      };
      const answer = (message: TextThreadReply): void => {
        if ('failed' in message) {
          fail(message.failed);
          return;
        }
        replied = true;
        resolve(message.packed);
      };
      port1.once('message', answer);
      this.worker.once('error', (error) => {
        fail(error.message);
      });
      this.worker.once('exit', (code) => {
        // The thread exits once it has answered, and its answer may still be on its way.
        const pending = receiveMessageOnPort(port1)?.message as TextThreadReply | undefined;
        if (pending) answer(pending);
        else fail(`the text thread stopped (exit code ${String(code)})`);
      });
    });
    // Whoever awaits `result` sees a failure; until then it must not count as unhandled.
    this.reply.catch(() => undefined);
  }

  /**
   * Sends a text to read (in batches). Documents must come in increasing order, as to a builder. Throws
   * TextThreadError once the thread has failed: the rest of the texts would be sent for nothing.
   */
  add(document: number, field: FieldCode, text: string): void {
    if (this.failure) throw this.failure;
    const at = this.texts.length;
    this.documents[at] = document;
    this.fields[at] = field;
    this.texts.push(text);
    this.chars += text.length;
    if (this.texts.length === BATCH_TEXTS || this.chars >= BATCH_CHARS) this.send();
  }

  /** No more texts: the thread packs what it read. */
  end(): void {
    this.send();
    this.port.postMessage('end');
  }

  /** What the thread read; rejects with TextThreadError when the thread failed. */
  result(): Promise<PackedPostings> {
    return this.reply;
  }

  async close(): Promise<void> {
    this.port.close();
    await this.worker.terminate();
  }

  private send(): void {
    const count = this.texts.length;
    if (count === 0) return;
    const ends = new Int32Array(count);
    let end = 0;
    for (let i = 0; i < count; i++) ends[i] = end += this.texts[i]?.length ?? 0;
    const batch: TextBatch = { documents: this.documents.slice(0, count), fields: this.fields.slice(0, count), ends, text: this.texts.join('') };
    this.port.postMessage(batch, [batch.documents.buffer, batch.fields.buffer, ends.buffer] as ArrayBuffer[]);
    this.texts = [];
    this.chars = 0;
  }
}
