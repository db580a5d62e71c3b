/**
 * The small reading of STIX 2.1 indicator patterns the IOC actions need, behind a narrow interface
 * (`equalityComparisons`, `isStixIndicator`) so the `stix` plugin's pattern model can replace it:
 * the `type:path = 'value'` comparisons of a pattern (AND/OR, several observation expressions),
 * as the reference's `stix2patterns` `inspect().comparisons` gives them, other operators skipped.
 */
export interface PatternComparison {
  /** The observable type (`ipv4-addr`, `file`...). */
  objectType: string;
  /** The object path, quotes dropped (`value`, `hashes.SHA-256`). */
  path: string;
  operator: string;
  value: string;
}

const COMPARISON = /([a-z0-9-]+):((?:[A-Za-z0-9_-]+|'[^']*')(?:\.(?:[A-Za-z0-9_-]+|'[^']*')|\[\d+\]|\[\*\])*)\s*(NOT\s+)?(=|!=|<=|>=|<|>|LIKE|MATCHES|IN|ISSUBSET|ISSUPERSET)\s*'((?:[^'\\]|\\.)*)'/g;

/** The comparisons of a STIX pattern (`[ipv4-addr:value = '1.2.3.4'] OR [file:hashes.'SHA-256' = '…']`). */
export function patternComparisons(pattern: string): PatternComparison[] {
  const found: PatternComparison[] = [];
  for (const match of pattern.matchAll(COMPARISON)) {
    const [, objectType, rawPath, negated, operator, rawValue] = match;
    found.push({ objectType: objectType!, path: rawPath!.replace(/'([^']*)'/g, '$1'), operator: negated ? `NOT ${operator}` : operator!, value: rawValue!.replace(/\\(.)/g, '$1') });
  }
  return found;
}

/** Only `=` comparisons: what can be pushed to an EDR as one indicator value. */
export function equalityComparisons(pattern: string): PatternComparison[] {
  return patternComparisons(pattern).filter((comparison) => comparison.operator === '=' && !comparison.path.includes('*'));
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
