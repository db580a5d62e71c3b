import { describe, expect, it } from 'vitest';
import { copyArguments } from './argument-copy.js';

describe('copyArguments', () => {
  it('copies nested objects and arrays, so that filling defaults leaves the caller\'s value alone', () => {
    const given = { a: 'x', list: [{ n: 1 }], nested: { deep: { flag: true } }, none: null };
    const copy = copyArguments(given);
    (copy.list[0] as { n: number }).n = 2;
    copy.nested.deep.flag = false;
    expect(copy).not.toBe(given);
    expect(given).toEqual({ a: 'x', list: [{ n: 1 }], nested: { deep: { flag: true } }, none: null });
    expect(copy).toEqual({ a: 'x', list: [{ n: 2 }], nested: { deep: { flag: false } }, none: null });
  });

  it('keeps a "__proto__" key as an ordinary key, and copies other objects as structuredClone does', () => {
    const given = JSON.parse('{"__proto__": {"polluted": true}, "when": null}') as Record<string, unknown>;
    given['when'] = new Date(0);
    const copy = copyArguments(given);
    expect(Object.keys(copy)).toEqual(['__proto__', 'when']);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(copy['when']).toBeInstanceOf(Date);
    expect(copy['when']).not.toBe(given['when']);
    expect((copy['when'] as Date).getTime()).toBe(0);
  });
});
