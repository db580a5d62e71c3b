import nunjucks from 'nunjucks';
import { afterEach, describe, expect, it } from 'vitest';
import { PlyError } from '../errors/ply-error.js';
import { nunjucksInternals, type NunjucksContext, type NunjucksFrame } from './nunjucks-internals.js';
import { installSafeRuntime, safeContextOrFrameLookup, safeMemberLookup } from './safe-runtime.js';

const sentinel = globalThis as { __plyPwned?: unknown };

afterEach(() => {
  const pwned = sentinel.__plyPwned;
  delete sentinel.__plyPwned;
  expect(pwned, 'template code ran arbitrary JavaScript').toBeUndefined();
});

function forbiddenError(action: () => unknown): PlyError {
  try {
    action();
  } catch (error) {
    if (error instanceof PlyError) return error;
    throw error;
  }
  throw new Error('expected PLY_TEMPLATE_FORBIDDEN, nothing was thrown');
}

const emptyFrame: NunjucksFrame = { lookup: () => undefined };

describe('safeMemberLookup', () => {
  it('reads own data of plain objects, arrays and strings', () => {
    expect(safeMemberLookup({ a: 1 }, 'a')).toBe(1);
    expect(safeMemberLookup({ '1': 'x' }, 1)).toBe('x');
    expect(safeMemberLookup(Object.assign(Object.create(null) as object, { b: 2 }), 'b')).toBe(2);
    expect(safeMemberLookup([10, 20, 30], 1)).toBe(20);
    expect(safeMemberLookup([10, 20, 30], -1)).toBe(30);
    expect(safeMemberLookup([10, 20, 30], 'length')).toBe(3);
    expect(safeMemberLookup('abc', 'length')).toBe(3);
    expect(safeMemberLookup('abc', 0)).toBe('a');
    expect(safeMemberLookup(undefined, 'a')).toBeUndefined();
  });

  it('never returns inherited members or functions', () => {
    expect(safeMemberLookup({}, 'toString')).toBeUndefined();
    expect(safeMemberLookup({}, 'hasOwnProperty')).toBeUndefined();
    expect(safeMemberLookup([], 'map')).toBeUndefined();
    expect(safeMemberLookup('abc', 'toUpperCase')).toBeUndefined();
    expect(safeMemberLookup({ f: () => 1 }, 'f')).toBeUndefined();
  });

  it('reads nothing from class instances and never runs getters', () => {
    let getterRan = false;
    const withGetter = {
      get secret() {
        getterRan = true;
        return 'leaked';
      },
    };
    expect(safeMemberLookup(withGetter, 'secret')).toBeUndefined();
    expect(getterRan).toBe(false);
    expect(safeMemberLookup(new Date(0), 'getTime')).toBeUndefined();
    expect(safeMemberLookup(new Map([['a', 1]]), 'size')).toBeUndefined();
  });

  it('throws PLY_TEMPLATE_FORBIDDEN for the forbidden names, even when they are own keys', () => {
    for (const name of ['constructor', '__proto__', 'prototype', '__defineGetter__', '__defineSetter__', '__lookupGetter__', '__lookupSetter__']) {
      const error = forbiddenError(() => safeMemberLookup(JSON.parse(`{"${name}": 1}`), name));
      expect(error.code).toBe('PLY_TEMPLATE_FORBIDDEN');
      expect(error.message).toContain(name);
    }
  });
});

describe('safeContextOrFrameLookup', () => {
  it('prefers loop/set variables, then own keys of the context', () => {
    const context: NunjucksContext = { ctx: { a: 'from context', b: 'b' } };
    const frame: NunjucksFrame = { lookup: (name) => (name === 'a' ? 'from frame' : undefined) };
    expect(safeContextOrFrameLookup(context, frame, 'a')).toBe('from frame');
    expect(safeContextOrFrameLookup(context, frame, 'b')).toBe('b');
  });

  it('does not fall back to inherited members or environment globals', () => {
    const context: NunjucksContext = { ctx: {} };
    expect(safeContextOrFrameLookup(context, emptyFrame, 'toString')).toBeUndefined();
    expect(safeContextOrFrameLookup(context, emptyFrame, 'range')).toBeUndefined();
    expect(forbiddenError(() => safeContextOrFrameLookup(context, emptyFrame, 'constructor')).code).toBe('PLY_TEMPLATE_FORBIDDEN');
  });
});

describe('installSafeRuntime', () => {
  it('replaces the helpers compiled templates call, once', () => {
    installSafeRuntime();
    const { runtime } = nunjucksInternals();
    expect(runtime.memberLookup).toBe(safeMemberLookup);
    expect(runtime.contextOrFrameLookup).toBe(safeContextOrFrameLookup);
    const callWrap = runtime.callWrap;
    installSafeRuntime();
    expect(runtime.callWrap).toBe(callWrap);
    expect(() => runtime.callWrap(() => 1, 'f', {}, [])).toThrow(/calling "f" is not allowed/);
  });

  it('protects even a stock nunjucks environment that skips Ply\'s static guard', () => {
    installSafeRuntime();
    const stock = new nunjucks.Environment([], { autoescape: false });
    const payloads = [
      '{{ range.constructor("globalThis.__plyPwned = 1")() }}',
      '{{ cycler.constructor("globalThis.__plyPwned = 1")() }}',
      '{{ "".constructor.constructor("globalThis.__plyPwned = 1")() }}',
      '{{ x[k][k]("globalThis.__plyPwned = 1")() }}',
    ];
    for (const payload of payloads) {
      expect(() => stock.renderString(payload, { x: {}, k: 'constructor' }), payload).toThrow();
    }
    expect(stock.renderString('{{ range }}|{{ joiner }}|{{ x.toString }}', { x: {} })).toBe('||');
  });
});
