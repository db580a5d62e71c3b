import { describe, expect, it } from 'vitest';
import { urgencyToSeverity } from '../src/severity.js';

describe('urgencyToSeverity', () => {
  it('follows the reference thresholds 25 / 50 / 75', () => {
    expect([0, 24, 25, 49, 50, 74, 75, 100].map(urgencyToSeverity)).toEqual(['info', 'info', 'warning', 'warning', 'error', 'error', 'critical', 'critical']);
  });

  it('treats an unknown urgency as error rather than silencing it', () => {
    expect(urgencyToSeverity(undefined)).toBe('error');
  });
});
