import { randomInt } from 'node:crypto';
import { PlyError } from '@ply/core';
import { z } from 'zod';
import { utils } from './module.js';

const LOWER = 'abcdefghijklmnopqrstuvwxyz';
const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const DIGITS = '0123456789';
/** Python's string.punctuation, as the reference draws its special characters from. */
const SPECIAL = '!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~';

const pick = (alphabet: string) => alphabet[randomInt(alphabet.length)]!;

/**
 * A password from the operating system's CSPRNG (crypto.randomInt, unbiased): at least the asked
 * numbers of digits and special characters, at least one lower-case and one upper-case letter
 * when there is room, the rest from every class asked for, shuffled (Fisher–Yates on the same source).
 */
export function generatePassword(length: number, digits: number, specials: number): string {
  const chars = [...Array.from({ length: specials }, () => pick(SPECIAL)), ...Array.from({ length: digits }, () => pick(DIGITS))];
  const room = length - chars.length;
  if (room >= 1) chars.push(pick(LOWER));
  if (room >= 2) chars.push(pick(UPPER));
  const alphabet = LOWER + UPPER + (digits > 0 ? DIGITS : '') + (specials > 0 ? SPECIAL : '');
  while (chars.length < length) chars.push(pick(alphabet));
  for (let i = chars.length - 1; i > 0; i -= 1) {
    const j = randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j]!, chars[i]!];
  }
  return chars.join('');
}

export const generatePasswordAction = utils.action({
  uuid: '128b8b23-8535-4ee0-8510-6175573dbe6d',
  slug: 'generate_password',
  docker_parameters: 'password_generator',
  name: 'Password Generator',
  description: 'Generate a password securely based on specified parameters',
  arguments: z
    .object({
      password_length: z.number().int().min(1).max(4096).default(20).describe('Password length'),
      number_of_digits: z.number().int().min(0).default(1).describe('Number of digits in the password'),
      number_of_special_characters: z.number().int().min(0).default(1).describe('Number of special characters in the password'),
    })
    .meta({ title: 'Parameters' }),
  results: z.object({ password: z.string() }),
  run(_ctx, args) {
    if (args.number_of_digits + args.number_of_special_characters > args.password_length) {
      throw new PlyError('PLY_INVALID_INPUT', 'number_of_digits + number_of_special_characters must be lower than password_length', {
        details: { password_length: args.password_length, number_of_digits: args.number_of_digits, number_of_special_characters: args.number_of_special_characters },
      });
    }
    return { password: generatePassword(args.password_length, args.number_of_digits, args.number_of_special_characters) };
  },
});
