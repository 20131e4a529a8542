import { generateKeyPairSync, type KeyObject, sign } from 'node:crypto';

/** A fresh Ed25519 key pair, with the public key as Discord shows it (64 hex characters). */
export function keyPair(): { privateKey: KeyObject; publicHex: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const der = publicKey.export({ format: 'der', type: 'spki' });
  return { privateKey, publicHex: der.subarray(der.length - 32).toString('hex') };
}

export function signBody(privateKey: KeyObject, timestamp: string, body: string | Buffer): string {
  return sign(null, Buffer.concat([Buffer.from(timestamp), Buffer.isBuffer(body) ? body : Buffer.from(body)]), privateKey).toString('hex');
}

/** The endpoint's answer: JSON, or multipart (payload_json + files) when a picture goes with it. */
export async function readAnswer(res: Response): Promise<{ json: Record<string, any>; files: unknown[] }> { // eslint-disable-line @typescript-eslint/no-explicit-any
  if (res.headers.get('content-type')?.startsWith('multipart/')) {
    const form = await res.formData();
    return { json: JSON.parse(String(form.get('payload_json'))), files: form.getAll('files[0]') };
  }
  const text = await res.text();
  return { json: text ? JSON.parse(text) : null, files: [] };
}
