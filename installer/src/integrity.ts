import { createHash, timingSafeEqual } from 'node:crypto';
import { PlyError } from '@ply/core';

/** The sha512 Subresource-Integrity string npm puts in `dist.integrity`. */
export function sha512Integrity(data: Uint8Array): string {
  return `sha512-${createHash('sha512').update(data).digest('base64')}`;
}

/** The legacy `dist.shasum` (sha1, hex) npm still sends and reads. */
export function sha1Hex(data: Uint8Array): string {
  return createHash('sha1').update(data).digest('hex');
}

/**
 * Checks data against an SRI string. Only sha512 counts: a weaker hash alone (sha1) is
 * refused, since it would let a registry pick an algorithm an attacker can forge.
 */
export function verifyIntegrity(data: Uint8Array, integrity: string | undefined, what: string): string {
  const expected = (integrity ?? '').split(/\s+/).filter((part) => part.startsWith('sha512-'));
  if (expected.length === 0) {
    throw new PlyError('PLY_INTEGRITY_MISMATCH', `${what}: the registry gives no sha512 integrity, so the download cannot be verified`, { details: { integrity } });
  }
  const actual = sha512Integrity(data);
  const matches = expected.some((candidate) => candidate.length === actual.length && timingSafeEqual(Buffer.from(candidate), Buffer.from(actual)));
  if (!matches) {
    throw new PlyError('PLY_INTEGRITY_MISMATCH', `${what}: downloaded bytes do not match the registry's integrity (expected ${expected[0]}, got ${actual})`, {
      details: { expected: expected[0], actual },
    });
  }
  return actual;
}
