import { createPublicKey, type KeyObject, verify } from 'node:crypto';

// DER prefix of an Ed25519 SubjectPublicKeyInfo; Discord gives the 32-byte raw key as hex.
const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

/** The application's public key (Developer Portal → General Information → Public Key) as a key object. */
export function publicKeyFromHex(hex: string): KeyObject {
  if (!/^[0-9a-f]{64}$/i.test(hex)) throw new Error('must be 64 hexadecimal characters');
  return createPublicKey({ key: Buffer.concat([ED25519_SPKI_PREFIX, Buffer.from(hex, 'hex')]), format: 'der', type: 'spki' });
}

/** How far a request's timestamp may be from our clock: a captured request cannot be replayed later than this. */
export const MAX_CLOCK_SKEW_SECONDS = 300;

/**
 * Discord signs every request: Ed25519 over the X-Signature-Timestamp header followed by the raw body. Checked
 * over the bytes as received — re-serialising parsed JSON would change them. The timestamp (Unix seconds) must
 * also be recent, so a recorded request cannot be sent again an hour later.
 */
export function verifySignature(key: KeyObject, signatureHex: string | undefined, timestamp: string | undefined, rawBody: Buffer, now = Date.now()): boolean {
  if (!signatureHex || !timestamp || !/^[0-9a-f]{128}$/i.test(signatureHex) || !/^\d{1,12}$/.test(timestamp)) return false;
  if (Math.abs(now / 1000 - Number(timestamp)) > MAX_CLOCK_SKEW_SECONDS) return false;
  try {
    return verify(null, Buffer.concat([Buffer.from(timestamp, 'utf8'), rawBody]), key, Buffer.from(signatureHex, 'hex'));
  } catch {
    return false;
  }
}
