import { z } from 'zod';
import { stixTimestamp } from './model.js';

/** When an indicator built now stops being valid: `valid_for_days` after now, or never. */
export const validForDays = z.number().int().positive().optional().describe('Days the indicators stay valid (sets valid_until); default no end');

export function validityOf(days: number | undefined): { valid_from: string; valid_until?: string } {
  const now = Date.now();
  return { valid_from: stixTimestamp(now), ...(days === undefined ? {} : { valid_until: stixTimestamp(now + days * 86_400_000) }) };
}
