import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Environment } from '../src/index.js';
import { differenceOf, loadCases } from './differential-cases.js';

/** Cases where Ply differs from Jinja2 on purpose or by a limit it documents (docs/playbooks.md). */
const KNOWN = JSON.parse(readFileSync(new URL('./differential/known-differences.json', import.meta.url), 'utf8')) as Record<string, string>;
const MINIMUM_MATCH_RATE = 0.98;

describe('differential test against Jinja2 3.1', () => {
  const cases = loadCases();
  const environment = new Environment();
  const differences = new Map<string, string>();
  for (const testCase of cases) {
    const difference = differenceOf(environment, testCase);
    if (difference !== undefined) differences.set(testCase.name, difference);
  }
  const rate = (cases.length - differences.size) / cases.length;

  it(`renders at least ${MINIMUM_MATCH_RATE * 100}% of the ${cases.length} templates as Jinja2 does`, () => {
    process.stdout.write(`differential: ${cases.length - differences.size}/${cases.length} templates identical to Jinja2 (${(rate * 100).toFixed(1)}%)\n`);
    expect(cases.length).toBeGreaterThanOrEqual(500);
    expect(rate).toBeGreaterThanOrEqual(MINIMUM_MATCH_RATE);
  });

  it('differs from Jinja2 only where the known-differences list says why', () => {
    const unexplained = [...differences].filter(([name]) => KNOWN[name] === undefined).map(([name, difference]) => `${name}: ${difference}`);
    expect(unexplained).toEqual([]);
  });

  it('lists no known difference that is not one any more', () => {
    const stale = Object.keys(KNOWN).filter((name) => !differences.has(name));
    expect(stale).toEqual([]);
  });
});
