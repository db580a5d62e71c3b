import { StixPatternError, comparisonsIn, parsePattern } from '@ply/plugin-stix/model';

/**
 * What the EDR IOC actions read of STIX 2.1 indicators, over the `stix` plugin's pattern model:
 * the `type:path = 'value'` comparisons of a pattern (AND/OR, several observation expressions),
 * as the reference's `stix2patterns` `inspect().comparisons` gives them; other operators, negated
 * comparisons, list paths and non-string values are skipped.
 */
export interface PatternComparison {
  /** The observable type (`ipv4-addr`, `file`...). */
  objectType: string;
  /** The object path, dotted (`value`, `hashes.SHA-256`). */
  path: string;
  value: string;
}

/** The `=` comparisons of a pattern; none for a pattern that does not parse (the indicator is skipped, as the reference does). */
export function equalityComparisons(pattern: string): PatternComparison[] {
  let expression;
  try {
    expression = parsePattern(pattern);
  } catch (error) {
    if (error instanceof StixPatternError) return [];
    throw error;
  }
  return comparisonsIn(expression)
    .filter((node) => node.operator === '=' && !node.negated && typeof node.value === 'string' && node.path.every((part) => typeof part === 'string' && part !== '*'))
    .map((node) => ({ objectType: node.objectType, path: node.path.join('.'), value: node.value as string }));
}

/** An `indicator` object with a STIX pattern (`pattern_type` absent or `stix`), as the reference filters them. */
export function isStixIndicator(object: unknown): object is { type: 'indicator'; pattern: string; [key: string]: unknown } {
  if (typeof object !== 'object' || object === null) return false;
  const record = object as Record<string, unknown>;
  return record['type'] === 'indicator' && typeof record['pattern'] === 'string' && (record['pattern_type'] === undefined || record['pattern_type'] === 'stix');
}

/** `SHA-256`, `sha256`, `SHA256` all name one hash: the key the IOC maps use. */
export function hashName(path: string): string | undefined {
  const match = /^hashes\.(.+)$/.exec(path);
  return match ? match[1]!.replace(/-/g, '').toUpperCase() : undefined;
}
