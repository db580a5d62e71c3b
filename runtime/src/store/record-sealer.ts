import { hkdfSync } from 'node:crypto';
import { SecretBox } from './secret-box.js';

/** The records' key, derived from the secret key, so records and account secrets never share one. */
export function recordKeyOf(secretKey: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', secretKey, Buffer.alloc(0), 'ply-records-v1', 32));
}

/**
 * Seals the store's records that hold event data (trigger events, node arguments and results,
 * errors, checkpoints, spilled value files) with AES-256-GCM, bound to their owner (an execution
 * id, a checkpoint's owner): a copied value does not open under another row. Opens sealed and
 * plain (written before sealing existed) texts alike, so an older store needs no migration.
 */
export class RecordSealer {
  private readonly box: SecretBox;

  constructor(
    secretKey: () => Buffer,
    /** False: records are written in clear (only the benchmark's baseline does this); sealed ones still open. */
    private readonly sealing = true,
  ) {
    this.box = new SecretBox(() => recordKeyOf(secretKey()));
  }

  seal(text: string, owner: string): string;
  seal(text: string | null, owner: string): string | null;
  seal(text: string | null, owner: string): string | null {
    return text === null || !this.sealing ? text : this.box.sealText(text, owner);
  }

  /** @throws PlyError PLY_SECRET_KEY_INVALID when sealed with another key or altered. */
  open(text: string, owner: string): string;
  open(text: string | null, owner: string): string | null;
  open(text: string | null, owner: string): string | null {
    if (text === null || !SecretBox.isSealed(text)) return text;
    return this.box.openText(text, owner);
  }
}
