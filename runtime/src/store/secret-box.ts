import { createCipheriv, createDecipheriv, randomFillSync } from 'node:crypto';
import { PlyError } from '@ply/core';

const FORMAT = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;
/** IVs drawn from the CSPRNG at once: one call per 256 seals instead of one per seal. */
const IV_POOL_BYTES = IV_BYTES * 256;
const ivPool = Buffer.alloc(IV_POOL_BYTES);
let ivOffset = IV_POOL_BYTES;

/**
 * A fresh random IV, a view into the pool: used before the next call, which may refill it. Each
 * IV is still 96 random bits, never reused (GCM's requirement); only the calls are fewer.
 */
function nextIv(): Buffer {
  if (ivOffset === IV_POOL_BYTES) {
    randomFillSync(ivPool);
    ivOffset = 0;
  }
  ivOffset += IV_BYTES;
  return ivPool.subarray(ivOffset - IV_BYTES, ivOffset);
}

/**
 * Seals values with AES-256-GCM: `v1:<base64(iv | tag | ciphertext)>`. The associated data
 * (an account id) binds a sealed value to its row, so it cannot be copied to another account.
 * The key is asked for only when a secret is first sealed or opened.
 */
export class SecretBox {
  private key: Buffer | undefined;

  constructor(private readonly keySource: () => Buffer) {}

  seal(value: unknown, associatedData: string): string {
    return this.sealText(JSON.stringify(value), associatedData);
  }

  /** @throws PlyError PLY_SECRET_KEY_INVALID when the value was sealed with another key or altered. */
  open(sealed: string, associatedData: string): unknown {
    return JSON.parse(this.openText(sealed, associatedData));
  }

  /** Seals a text as it is (the store's records are JSON text already). */
  sealText(text: string, associatedData: string): string {
    const iv = nextIv();
    const cipher = createCipheriv('aes-256-gcm', this.getKey(), iv);
    cipher.setAAD(Buffer.from(associatedData, 'utf8'));
    const ciphertext = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]);
    return `${FORMAT}:${Buffer.concat([iv, cipher.getAuthTag(), ciphertext]).toString('base64')}`;
  }

  /** @throws PlyError PLY_SECRET_KEY_INVALID when the text was sealed with another key or altered. */
  openText(sealed: string, associatedData: string): string {
    const [format, payload] = sealed.split(':', 2);
    if (format !== FORMAT || payload === undefined) throw new PlyError('PLY_STORE_ERROR', `sealed value has an unknown format "${format ?? ''}"`);
    const bytes = Buffer.from(payload, 'base64');
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.getKey(), bytes.subarray(0, IV_BYTES));
      decipher.setAAD(Buffer.from(associatedData, 'utf8'));
      decipher.setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
      return Buffer.concat([decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
    } catch {
      throw new PlyError('PLY_SECRET_KEY_INVALID', 'stored data cannot be decrypted: the secret key differs from the one that sealed it, or the data was altered');
    }
  }

  /** True for a text {@link sealText} wrote (JSON never starts with a letter other than t, f, n). */
  static isSealed(text: string): boolean {
    return text.startsWith(`${FORMAT}:`);
  }

  private getKey(): Buffer {
    this.key ??= this.keySource();
    return this.key;
  }
}
