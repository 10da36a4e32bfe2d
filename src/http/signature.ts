// Discord signs every request to an Interactions Endpoint with the application's Ed25519 key: verify before anything.
import { createPublicKey, verify, type KeyObject } from 'node:crypto';

// A raw 32-byte Ed25519 public key becomes a key Node can use once wrapped in its SPKI (DER) header.
const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

/** The Developer Portal's "Public Key" (64 hex characters) as a key object. */
export function publicKeyFromHex(hex: string): KeyObject {
  if (!/^[0-9a-f]{64}$/i.test(hex)) throw new Error('an Ed25519 public key is 64 hexadecimal characters');
  return createPublicKey({ key: Buffer.concat([ED25519_SPKI_PREFIX, Buffer.from(hex, 'hex')]), format: 'der', type: 'spki' });
}

/** Why a request was refused, for the log; the caller answers 401 whatever it is. */
export type SignatureProblem = 'missing-signature' | 'missing-timestamp' | 'stale-timestamp' | 'bad-signature';

/**
 * Checks X-Signature-Ed25519 over timestamp + body, and that the timestamp is recent: a captured request replayed
 * later is refused. Undefined when the request is Discord's.
 */
export function checkSignature(
  key: KeyObject,
  headers: { readonly signature: string | undefined; readonly timestamp: string | undefined },
  body: Buffer,
  options: { readonly now: number; readonly maxAgeSeconds: number },
): SignatureProblem | undefined {
  const { signature, timestamp } = headers;
  if (!signature || !/^[0-9a-f]{128}$/i.test(signature)) return 'missing-signature';
  if (!timestamp || !/^\d{1,12}$/.test(timestamp)) return 'missing-timestamp';
  const valid = verify(null, Buffer.concat([Buffer.from(timestamp, 'utf8'), body]), key, Buffer.from(signature, 'hex'));
  if (!valid) return 'bad-signature';
  if (Math.abs(options.now / 1000 - Number(timestamp)) > options.maxAgeSeconds) return 'stale-timestamp';
  return undefined;
}
