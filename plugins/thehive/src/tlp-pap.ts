import type { Logger } from '@ply/core';
import { z } from 'zod';

/** TheHive's TLP levels by name: the reference's labels, `WHITE` and `AMBER+STRICT` as aliases. */
const TLP_LEVELS: Readonly<Record<string, number>> = { CLEAR: 0, WHITE: 0, GREEN: 1, AMBER: 2, AMBER_STRICT: 3, 'AMBER+STRICT': 3, RED: 4 };
/** TheHive's PAP levels by name. PAP has no AMBER+STRICT: the reference's enum offers it and sends AMBER. */
const PAP_LEVELS: Readonly<Record<string, number>> = { CLEAR: 0, WHITE: 0, GREEN: 1, AMBER: 2, RED: 3 };

const LABELS = ['CLEAR', 'WHITE', 'GREEN', 'AMBER', 'AMBER_STRICT', 'AMBER+STRICT', 'RED'] as const;

/** A level argument: a label of the reference's enum (any case) or TheHive's number. */
export const levelArgument = (max: number, what: string) =>
  z
    .union([z.enum(LABELS), z.string(), z.int().min(0).max(max)])
    .default('AMBER')
    .describe(`The ${what} for the observables - defaults to AMBER (CLEAR, GREEN, AMBER, AMBER_STRICT, RED, or TheHive's number 0-${max})`);

/** TheHive's number for a level given by label or number; an unknown label is AMBER (2), with a warning, as in the reference. */
export function levelOf(kind: 'TLP' | 'PAP', value: string | number, log: Logger): number {
  if (typeof value === 'number') return value;
  const levels = kind === 'TLP' ? TLP_LEVELS : PAP_LEVELS;
  const level = levels[value.toUpperCase()];
  if (level !== undefined) return level;
  log.warn(`unknown ${kind} level "${value}", AMBER (2) is used`, { [kind.toLowerCase()]: value });
  return 2;
}
