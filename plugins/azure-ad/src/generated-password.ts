import { randomInt } from 'node:crypto';

const LOWER = 'abcdefghijklmnopqrstuvwxyz';
const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const DIGITS = '0123456789';
const SPECIALS = '!@#$%^&*()-_=+[]{}:,.?';

/**
 * A random password that Entra's password policy accepts: 16 characters, at least one lower case,
 * upper case, digit and special character (the policy asks for 8+ and three of the four kinds;
 * https://learn.microsoft.com/en-us/entra/identity/authentication/concept-password-ban-bad-combined-policy).
 */
export function generatePassword(length = 16): string {
  const all = LOWER + UPPER + DIGITS + SPECIALS;
  const chars = [LOWER, UPPER, DIGITS, SPECIALS].map((set) => set[randomInt(set.length)]!);
  while (chars.length < length) chars.push(all[randomInt(all.length)]!);
  for (let i = chars.length - 1; i > 0; i -= 1) {
    const j = randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j]!, chars[i]!];
  }
  return chars.join('');
}
