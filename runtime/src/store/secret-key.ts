import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { PlyError } from '@ply/core';

const KEY_BYTES = 32;

function decodeKey(text: string, where: string): Buffer {
  const key = Buffer.from(text.trim(), 'base64');
  if (key.length !== KEY_BYTES) {
    throw new PlyError('PLY_SECRET_KEY_INVALID', `${where} must be ${KEY_BYTES} bytes encoded in base64 (got ${key.length} bytes)`);
  }
  return key;
}

/** Where the secret key comes from, in order: the variable, the file it names, the home's key file. */
export interface SecretKeySources {
  /** `PLY_SECRET_KEY`: base64 of 32 bytes. */
  value?: string | undefined;
  /** `PLY_SECRET_KEY_FILE`: a file holding it (every process of a cluster reads the same key). */
  file?: string | undefined;
  /** Refuse to create `<home>/secret.key` (a cluster: a key made by one process would be unknown to the others). */
  mustExist?: boolean;
}

function fromEnvironment(): SecretKeySources {
  return { value: process.env['PLY_SECRET_KEY'], file: process.env['PLY_SECRET_KEY_FILE'] };
}

/**
 * The key that seals account secrets and derives webhook tokens: `PLY_SECRET_KEY` (base64 of 32
 * bytes) when set, else the file named by `PLY_SECRET_KEY_FILE`, else the home's key file,
 * created with mode 0600 on first use (unless `mustExist`). Creation uses an exclusive open so
 * two processes starting together cannot each write a different key.
 *
 * @throws PlyError PLY_SECRET_KEY_INVALID when the variable or the file holds no 32-byte key, or
 *   when no key is configured and `mustExist` forbids creating one.
 */
export function loadSecretKey(keyFile: string, sources: SecretKeySources = fromEnvironment()): Buffer {
  if (sources.value !== undefined && sources.value !== '') return decodeKey(sources.value, 'PLY_SECRET_KEY');
  if (sources.file !== undefined && sources.file !== '') {
    let text: string;
    try {
      text = readFileSync(sources.file, 'utf8');
    } catch (error) {
      throw new PlyError('PLY_SECRET_KEY_INVALID', `PLY_SECRET_KEY_FILE ${sources.file} cannot be read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    }
    return decodeKey(text, `PLY_SECRET_KEY_FILE ${sources.file}`);
  }
  try {
    return decodeKey(readFileSync(keyFile, 'utf8'), keyFile);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  if (sources.mustExist) {
    throw new PlyError('PLY_SECRET_KEY_INVALID', 'a cluster (PLY_DATABASE_URL) needs the same secret key on every process: set PLY_SECRET_KEY_FILE (or PLY_SECRET_KEY) to it');
  }
  mkdirSync(dirname(keyFile), { recursive: true, mode: 0o700 });
  try {
    writeFileSync(keyFile, `${randomBytes(KEY_BYTES).toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  // The umask may have narrowed the mode further, never widened it; make it exact.
  if ((statSync(keyFile).mode & 0o777) !== 0o600) chmodSync(keyFile, 0o600);
  return decodeKey(readFileSync(keyFile, 'utf8'), keyFile);
}
