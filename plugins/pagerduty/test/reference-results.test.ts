import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareWithReferenceModule, sekoiaCorpusDir } from '@ply/kit/testing';
import plugin from '../src/index.js';

describe('results against the reference PagerDuty module', () => {
  it('are at least as wide as the reference: no vendor answer it accepts ends in PLY_RESULTS_INVALID', () => {
    const comparison = compareWithReferenceModule(plugin, join(sekoiaCorpusDir(), 'PagerDuty'));
    expect(comparison.matched.length).toBeGreaterThan(0);
    expect(comparison.narrowings).toEqual([]);
  });
});
