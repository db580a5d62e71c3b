import { describe, expect, it } from 'vitest';
import { ERROR_CATALOGUE } from './error-catalogue.js';
import { PlyError, toPlyError } from './ply-error.js';

describe('PlyError', () => {
  it('takes its user/operational flag from the catalogue', () => {
    expect(new PlyError('PLY_ARGUMENTS_INVALID', 'x').userError).toBe(true);
    expect(new PlyError('PLY_ACTION_TIMEOUT', 'x').userError).toBe(false);
  });

  it('keeps PlyErrors and wraps anything else', () => {
    const original = new PlyError('PLY_INVALID_INPUT', 'bad');
    expect(toPlyError(original)).toBe(original);
    const wrapped = toPlyError(new TypeError('boom'), 'PLY_ACTION_CRASHED', 'action failed');
    expect(wrapped.code).toBe('PLY_ACTION_CRASHED');
    expect(wrapped.message).toBe('action failed: boom');
    expect(wrapped.cause).toBeInstanceOf(TypeError);
  });

  it('has codes that all follow the PLY_ naming', () => {
    for (const code of Object.keys(ERROR_CATALOGUE)) expect(code).toMatch(/^PLY_[A-Z_]+$/);
  });
});
