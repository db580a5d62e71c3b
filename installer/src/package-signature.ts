import { createPublicKey, createVerify } from 'node:crypto';
import { PlyError } from '@ply/core';

/** One key as served at `/-/npm/v1/keys` (npm's format: `key` is base64 DER SPKI). */
export interface RegistryKey {
  keyid: string;
  keytype: string;
  scheme: string;
  key: string;
  expires: string | null;
}

/** One entry of `dist.signatures`. */
export interface PackageSignature {
  keyid: string;
  sig: string;
}

/** What npm's registry signs, and what `npm audit signatures` checks: `<name>@<version>:<integrity>`. */
export function signedMessage(name: string, version: string, integrity: string): string {
  return `${name}@${version}:${integrity}`;
}

/**
 * Verifies `dist.signatures` against trusted keys: at least one signature must be made by a
 * trusted, unexpired key, and every signature by a trusted key must be valid.
 */
export function verifyPackageSignature(
  signatures: PackageSignature[] | undefined,
  keys: RegistryKey[],
  name: string,
  version: string,
  integrity: string,
): string {
  const what = `${name}@${version}`;
  if (!Array.isArray(signatures) || signatures.length === 0) {
    throw new PlyError('PLY_SIGNATURE_INVALID', `${what} carries no registry signature (dist.signatures is empty)`, { details: { package: what } });
  }
  const message = signedMessage(name, version, integrity);
  let verifiedBy: string | undefined;
  for (const signature of signatures) {
    const key = keys.find((candidate) => candidate.keyid === signature.keyid);
    if (!key) continue;
    if (key.expires && Date.parse(key.expires) <= Date.now()) continue;
    let valid: boolean;
    try {
      const publicKey = createPublicKey({ key: Buffer.from(key.key, 'base64'), format: 'der', type: 'spki' });
      valid = createVerify('SHA256').update(message).verify(publicKey, signature.sig, 'base64');
    } catch {
      valid = false;
    }
    if (!valid) {
      throw new PlyError('PLY_SIGNATURE_INVALID', `${what}: signature by key ${signature.keyid} does not verify`, { details: { package: what, keyid: signature.keyid } });
    }
    verifiedBy = key.keyid;
  }
  if (!verifiedBy) {
    const ids = signatures.map((s) => s.keyid).join(', ');
    throw new PlyError('PLY_SIGNATURE_INVALID', `${what} is signed only by keys this Ply does not trust (${ids})`, { details: { package: what, keyids: ids } });
  }
  return verifiedBy;
}
