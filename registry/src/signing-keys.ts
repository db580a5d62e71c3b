import { createHash, createPrivateKey, createPublicKey, createSign, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { signedMessage, type PackageSignature, type RegistryKey } from '@ply/installer/package-format';
import { writeFileAtomic } from '@ply/core/manifest';

/**
 * The registry's ECDSA P-256 signing key, created on first start in `<storage>/keys/`. Signatures
 * follow npm's registry: SHA-256 over `<name>@<version>:<integrity>`, DER, base64; the key id is
 * `SHA256:` and the base64 SHA-256 of the public key's DER SPKI.
 */
export class SigningKeys {
  readonly keyid: string;
  private readonly privateKey: KeyObject;
  private readonly publicDer: Buffer;

  constructor(storage: string) {
    const file = join(storage, 'keys', 'signing-key.pem');
    if (!existsSync(file)) {
      const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
      writeFileAtomic(file, privateKey.export({ type: 'pkcs8', format: 'pem' }));
    }
    this.privateKey = createPrivateKey(readFileSync(file));
    this.publicDer = createPublicKey(this.privateKey).export({ type: 'spki', format: 'der' });
    this.keyid = `SHA256:${createHash('sha256').update(this.publicDer).digest('base64').replace(/=+$/, '')}`;
  }

  /** The public key as `/-/npm/v1/keys` lists it. */
  publicKey(): RegistryKey {
    return { expires: null, keyid: this.keyid, keytype: 'ecdsa-sha2-nistp256', scheme: 'ecdsa-sha2-nistp256', key: this.publicDer.toString('base64') };
  }

  sign(name: string, version: string, integrity: string): PackageSignature {
    const sig = createSign('SHA256').update(signedMessage(name, version, integrity)).sign(this.privateKey, 'base64');
    return { keyid: this.keyid, sig };
  }
}
