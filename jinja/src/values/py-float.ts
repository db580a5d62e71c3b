/**
 * A Python float whose value is a safe integer (3.0, -0.0, 1e15): JavaScript cannot tell 3.0 from
 * 3, so such floats are boxed. Every other float is a plain JavaScript number that is not a safe
 * integer (2.5, 1e20, NaN, Infinity). A plain number that is a safe integer is a Python int.
 */
export class PyFloat {
  constructor(readonly value: number) {}

  valueOf(): number {
    return this.value;
  }
}

/** The float for `n`: boxed when `n` would otherwise read as an int. */
export function makeFloat(n: number): number | PyFloat {
  return Number.isSafeInteger(n) ? new PyFloat(n) : n;
}

/** A Python int: a safe-integer number, or a bigint outside the safe range. */
export type PyInt = number | bigint;

/** The int for `n`, as a number when it is safe and as a bigint otherwise. */
export function normalizeInt(n: bigint): PyInt {
  return n >= -9007199254740991n && n <= 9007199254740991n ? Number(n) : n;
}
