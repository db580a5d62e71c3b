import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { PlyError } from '@ply/core/errors';

/** scrypt's cost: about 50 ms and 16 MiB per hash on this kind of machine, as OWASP suggests for scrypt. */
const COST = { N: 16_384, r: 8, p: 1 };
const KEY_LENGTH = 32;
export const MIN_PASSWORD_LENGTH = 10;

function derive(password: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => scrypt(password.normalize('NFC'), salt, KEY_LENGTH, { ...options, maxmem: 64 * 1024 * 1024 }, (error, key) => (error ? reject(error) : resolve(key))));
}

/** `scrypt:<N>:<r>:<p>:<salt>:<hash>` with a fresh 16-byte salt. */
export async function hashPassword(password: string): Promise<string> {
  if (password.length < MIN_PASSWORD_LENGTH) throw new PlyError('PLY_REGISTRY_PASSWORD_INVALID', `a password needs at least ${MIN_PASSWORD_LENGTH} characters`);
  const salt = randomBytes(16);
  const key = await derive(password, salt, COST);
  return ['scrypt', COST.N, COST.r, COST.p, salt.toString('base64'), key.toString('base64')].join(':');
}

/** A hash to compare against when the user is unknown, so both answers take as long. */
const DECOY = `scrypt:${COST.N}:${COST.r}:${COST.p}:${Buffer.alloc(16).toString('base64')}:${Buffer.alloc(KEY_LENGTH).toString('base64')}`;

/** True when `password` matches `stored` (compared in constant time); false for a missing or malformed hash. */
export async function verifyPassword(password: string, stored: string | undefined): Promise<boolean> {
  const parts = (stored ?? DECOY).split(':');
  const [scheme, n, r, p, salt, hash] = parts;
  if (parts.length !== 6 || scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  const key = await derive(password, Buffer.from(salt, 'base64'), { N: Number(n), r: Number(r), p: Number(p) });
  return stored !== undefined && key.length === expected.length && timingSafeEqual(key, expected);
}
