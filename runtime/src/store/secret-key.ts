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

/**
 * The key that seals account secrets: `PLY_SECRET_KEY` (base64 of 32 bytes) when set, else the
 * key file (base64 text), created with mode 0600 on first use. Creation uses an exclusive open so
 * two processes starting together cannot each write a different key.
 *
 * @throws PlyError PLY_SECRET_KEY_INVALID when the variable or the file holds no 32-byte key.
 */
export function loadSecretKey(keyFile: string, environmentValue: string | undefined = process.env['PLY_SECRET_KEY']): Buffer {
  if (environmentValue !== undefined && environmentValue !== '') return decodeKey(environmentValue, 'PLY_SECRET_KEY');
  try {
    return decodeKey(readFileSync(keyFile, 'utf8'), keyFile);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  mkdirSync(dirname(keyFile), { recursive: true });
  try {
    writeFileSync(keyFile, `${randomBytes(KEY_BYTES).toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  // The umask may have narrowed the mode further, never widened it; make it exact.
  if ((statSync(keyFile).mode & 0o777) !== 0o600) chmodSync(keyFile, 0o600);
  return decodeKey(readFileSync(keyFile, 'utf8'), keyFile);
}
