// The text thread's side (see text-thread.ts): reads the texts it is sent into postings, and hands them back packed.
import { workerData, type MessagePort } from 'node:worker_threads';
import { runSteps } from '../util/slices.ts';
import type { FieldCode } from './documents.ts';
import { TermIndexBuilder } from './term-index.ts';
import type { TextBatch, TextThreadReply, TextThreadSetup } from './text-thread.ts';

const { documents, expectedPostings, port } = workerData as TextThreadSetup & { readonly port: MessagePort };
const builder = new TermIndexBuilder(documents, expectedPostings);

function reply(message: TextThreadReply, transfer: ArrayBuffer[] = []): void {
  port.postMessage(message, transfer);
  port.close();
}

port.on('message', (message: TextBatch | 'end') => {
  try {
    if (message === 'end') {
      const packed = runSteps(builder.pack());
      reply({ packed }, [packed.offsets.buffer, packed.postings.buffer, packed.lengths.buffer] as ArrayBuffer[]);
      return;
    }
    const { documents: owners, fields, ends, text } = message;
    let start = 0;
    for (let i = 0; i < owners.length; i++) {
      const end = ends[i] ?? start;
      builder.addSpan(owners[i] ?? 0, (fields[i] ?? 0) as FieldCode, text, start, end);
      start = end;
    }
  } catch (error) {
    reply({ failed: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  }
});
