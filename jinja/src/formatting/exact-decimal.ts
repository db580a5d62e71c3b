/**
 * Exact decimal rounding of a double, half to even on its true binary value: what Python's
 * `round()`, `'%.2f'` and `format()` do. (JavaScript's toFixed rounds ties away from zero, so
 * `round(2.5)` and `'%.2f' % 0.125` would differ.)
 */

/** The double as an exact fraction `mantissa * 2**exponent` (finite, non-zero doubles only). */
function decompose(x: number): { negative: boolean; mantissa: bigint; exponent: number } {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const bits = view.getBigUint64(0);
  const negative = bits >> 63n === 1n;
  const biased = Number((bits >> 52n) & 0x7ffn);
  const fraction = bits & 0xfffffffffffffn;
  if (biased === 0) return { negative, mantissa: fraction, exponent: -1074 };
  return { negative, mantissa: fraction | 0x10000000000000n, exponent: biased - 1075 };
}

/**
 * `x * 10**places` rounded half to even, as a bigint (places may be negative).
 * The sign is returned apart so that -0.0 keeps it.
 */
export function scaledRound(x: number, places: number): { negative: boolean; digits: bigint } {
  if (x === 0) return { negative: Object.is(x, -0), digits: 0n };
  const { negative, mantissa, exponent } = decompose(x);
  let numerator = mantissa;
  let denominator = 1n;
  if (exponent >= 0) numerator <<= BigInt(exponent);
  else denominator <<= BigInt(-exponent);
  if (places >= 0) numerator *= 10n ** BigInt(places);
  else denominator *= 10n ** BigInt(-places);
  let quotient = numerator / denominator;
  const twice = (numerator % denominator) * 2n;
  if (twice > denominator || (twice === denominator && quotient % 2n === 1n)) quotient += 1n;
  return { negative, digits: quotient };
}

/** `digits / 10**places` written out with exactly `places` decimals (places >= 0). */
export function placeDecimalPoint(digits: bigint, places: number): string {
  const text = digits.toString();
  if (places === 0) return text;
  const padded = text.padStart(places + 1, '0');
  return `${padded.slice(0, padded.length - places)}.${padded.slice(padded.length - places)}`;
}

/** Python's `format(x, '.{places}f')` without sign handling for NaN and infinities. */
export function toFixedHalfEven(x: number, places: number): string {
  const { negative, digits } = scaledRound(x, places);
  return `${negative ? '-' : ''}${placeDecimalPoint(digits, places)}`;
}

/**
 * The decimal exponent and `precision + 1` significant digits of x, rounded half to even:
 * Python's `format(x, '.{precision}e')` parts.
 */
export function toExponentialHalfEven(x: number, precision: number): { negative: boolean; digits: string; exponent: number } {
  if (x === 0) return { negative: Object.is(x, -0), digits: '0'.repeat(precision + 1), exponent: 0 };
  let exponent = Number(Math.abs(x).toExponential().split('e')[1]);
  let { negative, digits } = scaledRound(x, precision - exponent);
  if (digits >= 10n ** BigInt(precision + 1)) {
    exponent += 1;
    ({ negative, digits } = scaledRound(x, precision - exponent));
  }
  return { negative, digits: digits.toString(), exponent };
}
