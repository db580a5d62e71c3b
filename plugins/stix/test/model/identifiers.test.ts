import { describe, expect, it } from 'vitest';
import { canonicalJson, isStixIdentifier, makeObservable, observableIdentifier, stixTimestamp, uuidV5 } from '../../src/model.js';

// Expected identifiers computed independently with Python's uuid.uuid5 over
// json.dumps(props, sort_keys=True, separators=(',', ':')), which is RFC 8785 for these values.
describe('deterministic identifiers of cyber observables (STIX 2.1 §2.9)', () => {
  it('derives UUIDv5 in the SCO namespace from the ID-contributing properties', () => {
    expect(observableIdentifier('ipv4-addr', { value: '198.51.100.3' })).toBe('ipv4-addr--28bb3599-77cd-5a82-a950-b5bc3caf07c4');
    expect(observableIdentifier('email-addr', { value: 'jdoe@example.com', display_name: 'John Doe' })).toBe('email-addr--6deb37bd-12b7-54ae-805f-5f7146f3d171');
    expect(observableIdentifier('autonomous-system', { number: 174, name: 'Cogent' })).toBe('autonomous-system--55d86c46-4ca5-59db-b240-d082106bbcf5');
    expect(observableIdentifier('file', { name: 'evil.exe', size: 12, hashes: { 'SHA-256': '7fa3abc229fd3cb9a0a6f07d9da15e35528c630d0ad5902d5422b305cae7eaa4' } })).toBe('file--b39d47ca-6639-5264-aa15-ee82ce60cf77');
  });

  it('uses only the preferred hash (MD5 before SHA-1, SHA-256, SHA-512)', () => {
    const both = observableIdentifier('file', { hashes: { 'SHA-256': '7fa3abc229fd3cb9a0a6f07d9da15e35528c630d0ad5902d5422b305cae7eaa4', MD5: 'b2a5abfeef9e36964281a31e17b57c97' } });
    expect(both).toBe('file--e27306c8-0183-5a35-bd3d-c2c1800f99fd');
  });

  it('gives a random UUIDv4 to a process and to an observable with no ID-contributing property set', () => {
    const a = observableIdentifier('process', { pid: 4 });
    const b = observableIdentifier('process', { pid: 4 });
    expect(a).not.toBe(b);
    expect(a).toMatch(/^process--[0-9a-f]{8}-[0-9a-f]{4}-4/);
    expect(observableIdentifier('file', { size: 3 })).toMatch(/^file--[0-9a-f]{8}-[0-9a-f]{4}-4/);
  });

  it('builds observables with spec_version 2.1 and a valid identifier', () => {
    const url = makeObservable('url', { value: 'https://example.com/a' });
    expect(url).toMatchObject({ type: 'url', spec_version: '2.1', value: 'https://example.com/a' });
    expect(isStixIdentifier(url.id, 'url')).toBe(true);
    expect(isStixIdentifier('url--not-a-uuid')).toBe(false);
    expect(isStixIdentifier(url.id, 'domain-name')).toBe(false);
  });

  it('implements UUIDv5 as RFC 9562 does (the DNS namespace example)', () => {
    // RFC 9562 appendix A.4: name "www.example.com" in the DNS namespace.
    expect(uuidV5('6ba7b810-9dad-11d1-80b4-00c04fd430c8', 'www.example.com')).toBe('2ed6657d-e927-568b-95e1-2665a8aea6a2');
  });

  it('canonicalises JSON with sorted keys and no whitespace (RFC 8785)', () => {
    expect(canonicalJson({ b: [1, { d: 'é', c: null }], a: true })).toBe('{"a":true,"b":[1,{"c":null,"d":"é"}]}');
  });
});

describe('STIX timestamps', () => {
  it('are UTC with millisecond precision whatever the input form', () => {
    expect(stixTimestamp(new Date(Date.UTC(2020, 9, 25, 16, 22)))).toBe('2020-10-25T16:22:00.000Z');
    expect(stixTimestamp(1603642920)).toBe('2020-10-25T16:22:00.000Z');
    expect(stixTimestamp('1603642920')).toBe('2020-10-25T16:22:00.000Z');
    expect(stixTimestamp('2020-10-25T18:22:00+02:00')).toBe('2020-10-25T16:22:00.000Z');
    expect(() => stixTimestamp('yesterday')).toThrow(RangeError);
  });
});
