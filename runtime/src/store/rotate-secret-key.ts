import { join } from 'node:path';
import { PlyError, writeFileAtomic } from '@ply/core';
import { lockHome } from '../server/home-lock.js';
import { resealStore, type ResealCounts } from './key-rotation.js';
import { PlyStore } from './ply-store.js';
import { loadSecretKey, type SecretKeySources } from './secret-key.js';

/** What {@link rotateSecretKey} needs. */
export interface RotateSecretKeyOptions {
  /** `$PLY_HOME`. */
  home: string;
  /** `PLY_DATABASE_URL` of a cluster's store (absent: `<home>/ply.db`). */
  databaseUrl?: string;
  /** The new key's file: read when it exists, else created (32 random bytes, mode 0600). */
  newKeyFile: string;
  /** Where the current key comes from (default: `PLY_SECRET_KEY`, `PLY_SECRET_KEY_FILE`, `<home>/secret.key`). */
  current?: SecretKeySources;
  /** Also change every playbook's webhook token (rotating because the old key may have leaked). */
  newWebhookTokens?: boolean;
}

/** What a rotation did. */
export interface RotateSecretKeyResult {
  counts: ResealCounts;
  /** True when `<home>/secret.key` now holds the new key; false when the key comes from the environment (point it at `newKeyFile`). */
  replacedHomeKey: boolean;
}

/**
 * Rotates the store's secret key without losing sealed data: holds the home's lock (no
 * `ply serve` may run meanwhile), seals every secret and record again under the new key, then,
 * when the key lived in `<home>/secret.key`, replaces that file. A rotation stopped half-way is
 * run again with the same `newKeyFile` (values already under the new key are kept).
 *
 * @throws PlyError PLY_INVALID_INPUT when the new key is the current one; PLY_HOME_LOCKED when a server runs.
 */
export async function rotateSecretKey(options: RotateSecretKeyOptions): Promise<RotateSecretKeyResult> {
  const sources = options.current ?? { value: process.env['PLY_SECRET_KEY'], file: process.env['PLY_SECRET_KEY_FILE'] };
  const release = lockHome(options.home);
  try {
    const homeKey = join(options.home, 'secret.key');
    const from = loadSecretKey(homeKey, { ...sources, mustExist: true });
    const to = loadSecretKey(options.newKeyFile, {});
    if (from.equals(to)) throw new PlyError('PLY_INVALID_INPUT', `${options.newKeyFile} holds the current secret key: give the file of a new one (or a path where to create it)`);
    const store = await PlyStore.open({ home: options.home, secretKey: from, ...(options.databaseUrl ? { databaseUrl: options.databaseUrl } : {}) });
    let counts: ResealCounts;
    try {
      counts = await resealStore(store.db, options.home, from, to, { newWebhookTokens: options.newWebhookTokens ?? false });
    } finally {
      await store.close();
    }
    const fromEnvironment = Boolean(sources.value) || Boolean(sources.file);
    if (!fromEnvironment) writeFileAtomic(homeKey, `${to.toString('base64')}\n`);
    return { counts, replacedHomeKey: !fromEnvironment };
  } finally {
    release();
  }
}
