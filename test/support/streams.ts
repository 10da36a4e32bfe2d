// Streams for code that writes to stdout and stderr, with everything written kept as text.
import { PassThrough } from 'node:stream';

export interface CapturedStream {
  readonly stream: PassThrough;
  /** Everything written so far. */
  text(): string;
}

export function capturedStream(): CapturedStream {
  const stream = new PassThrough();
  let written = '';
  stream.on('data', (chunk: Buffer) => {
    written += chunk.toString('utf8');
  });
  return { stream, text: () => written };
}
