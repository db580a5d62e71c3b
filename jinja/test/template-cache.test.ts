import { describe, expect, it } from 'vitest';
import { TemplateCache } from '../src/template-cache.js';

describe('TemplateCache', () => {
  it('drops the least recently used entry, a read counting as a use', () => {
    const cache = new TemplateCache<number>(2);
    cache.set('a', 1);
    cache.set('b', 2);
    expect(cache.get('a')).toBe(1);
    cache.set('c', 3);
    expect(cache.size).toBe(2);
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBe(1);
    expect(cache.get('c')).toBe(3);
  });

  it('replaces the value of a key set again without growing', () => {
    const cache = new TemplateCache<number>(2);
    cache.set('a', 1);
    cache.set('a', 2);
    expect(cache.size).toBe(1);
    expect(cache.get('a')).toBe(2);
  });

  it('refuses a capacity that is not a positive integer', () => {
    expect(() => new TemplateCache(0)).toThrow(RangeError);
  });
});
