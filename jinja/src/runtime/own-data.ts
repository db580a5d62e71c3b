import { MISSING } from '../values/py-dict.js';

/**
 * An own data property of a data object, never a getter, an inherited member or a function
 * (a function in the data is treated as missing: nothing from the data is ever called).
 */
export function readOwn(target: object, key: string): unknown {
  const descriptor = Object.getOwnPropertyDescriptor(target, key);
  if (descriptor === undefined || !('value' in descriptor)) return MISSING;
  const value: unknown = descriptor.value;
  return typeof value === 'function' || value === undefined ? MISSING : value;
}
