// A text thread that breaks on the first batch it gets, as a thread that runs out of memory or meets a bug would:
// the build must say why and finish on one thread (test/search/text-thread.test.ts).
import { workerData, type MessagePort } from 'node:worker_threads';
import type { TextThreadReply } from '../../src/search/text-thread.ts';

const { port } = workerData as { readonly port: MessagePort };
port.once('message', () => {
  const reply: TextThreadReply = { failed: 'broken on purpose' };
  port.postMessage(reply);
  port.close();
});
