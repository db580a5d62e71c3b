import { describe, expect, it } from 'vitest';
import { defineErrorCatalogue, errorSpecOf, registeredErrorCodes } from './error-catalogue.js';
import { CORE_ERRORS } from './core-errors.js';
import { PlyError, toPlyError } from './ply-error.js';

describe('PlyError', () => {
  it('takes its user/operational flag and HTTP status from its catalogue', () => {
    expect(new PlyError('PLY_ARGUMENTS_INVALID', 'x')).toMatchObject({ userError: true, status: 422 });
    expect(new PlyError('PLY_ACTION_TIMEOUT', 'x')).toMatchObject({ userError: false, status: 504 });
  });

  it('keeps PlyErrors and wraps anything else', () => {
    const original = new PlyError('PLY_INVALID_INPUT', 'bad');
    expect(toPlyError(original)).toBe(original);
    const wrapped = toPlyError(new TypeError('boom'), 'PLY_ACTION_CRASHED', 'action failed');
    expect(wrapped.code).toBe('PLY_ACTION_CRASHED');
    expect(wrapped.message).toBe('action failed: boom');
    expect(wrapped.cause).toBeInstanceOf(TypeError);
  });

  it('has kernel codes that follow the PLY_ naming, user errors 4xx and operational errors 5xx', () => {
    for (const [code, spec] of Object.entries(CORE_ERRORS)) {
      expect(code).toMatch(/^PLY_[A-Z_]+$/);
      expect(spec.status >= 500).toBe(!spec.user);
    }
    expect(registeredErrorCodes().filter((spec) => spec.catalogue === '@ply/core').map((spec) => spec.code)).toEqual(Object.keys(CORE_ERRORS));
  });
});

describe('error catalogues', () => {
  it('refuse a code another catalogue already defines (codes are never reused)', () => {
    expect(() => defineErrorCatalogue('@ply/elsewhere', { PLY_ACTION_TIMEOUT: { user: true, status: 400, title: 'reused' } })).toThrow(/PLY_ACTION_TIMEOUT is defined by both @ply\/core and @ply\/elsewhere/);
    expect(errorSpecOf('PLY_ACTION_TIMEOUT')).toMatchObject({ status: 504 });
  });

  it('read an unknown code as an operational 500', () => {
    expect(errorSpecOf('PLY_NEVER_DEFINED')).toEqual({ user: false, status: 500, title: 'Unknown error code' });
  });
});
