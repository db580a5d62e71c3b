import { describe, expect, it } from 'vitest';
import { comparisonsIn, isValidPattern, makeObservable, parsePattern, patternOf, StixPatternError } from '../../src/model.js';

describe('STIX patterns (§9)', () => {
  it('builds patterns for observables, quoting hash names and escaping literals', () => {
    expect(patternOf(makeObservable('ipv4-addr', { value: '1.2.3.4' }))).toBe("[ipv4-addr:value = '1.2.3.4']");
    expect(patternOf(makeObservable('file', { hashes: { MD5: 'b2a5abfeef9e36964281a31e17b57c97', 'SHA-256': 'aa' } }))).toBe(
      "[file:hashes.MD5 = 'b2a5abfeef9e36964281a31e17b57c97' OR file:hashes.'SHA-256' = 'aa']",
    );
    expect(patternOf(makeObservable('windows-registry-key', { key: "HKLM\\Software\\it's" }))).toBe("[windows-registry-key:key = 'HKLM\\\\Software\\\\it\\'s']");
    expect(patternOf(makeObservable('autonomous-system', { number: 174 }))).toBe('[autonomous-system:number = 174]');
    expect(patternOf(makeObservable('process', { pid: 1 }))).toBeUndefined();
  });

  it('parses what it builds back to the same values', () => {
    const pattern = patternOf(makeObservable('windows-registry-key', { key: "HKLM\\Software\\it's" }))!;
    const [node] = comparisonsIn(parsePattern(pattern));
    expect(node).toMatchObject({ objectType: 'windows-registry-key', path: ['key'], operator: '=', value: "HKLM\\Software\\it's" });
  });

  it('accepts the specification examples: qualifiers, sets, typed literals, FOLLOWEDBY, EXISTS', () => {
    for (const pattern of [
      "[file:hashes.'SHA-256' = 'aec070645fe53ee3b3763059376134f058cc337247c978add178b6ccdfb0019f']",
      "[email-message:from_ref.value MATCHES '.+\\\\@example\\\\.com$' AND email-message:body_multipart[*].body_raw_ref.name MATCHES '^Final Report.+\\\\.exe$']",
      "[ipv4-addr:value = '198.51.100.1/32' OR ipv4-addr:value = '203.0.113.33/32' OR ipv6-addr:value = '2001:0db8:dead:beef:dead:beef:dead:0001/128']",
      "[network-traffic:dst_port IN (80, 443, 8080)] REPEATS 5 TIMES WITHIN 180 SECONDS",
      "([file:name = 'foo.dll'] AND [win-registry-key:key = 'HKEY_LOCAL_MACHINE\\\\foo\\\\bar']) WITHIN 300 SECONDS",
      "[file:mime_type = 'application/x-pdf' AND file:size NOT > 1000] FOLLOWEDBY [network-traffic:dst_ref.value ISSUBSET '198.51.100.0/24']",
      "[x509-certificate:validity_not_after < t'2016-11-15T00:00:00Z'] START t'2016-06-01T00:00:00Z' STOP t'2016-07-01T00:00:00Z'",
      "[artifact:payload_bin = b'ZXZpbA==' OR artifact:hashes.MD5 = h'ab12'] OR [EXISTS windows-registry-key:values[0].name]",
    ]) {
      expect(isValidPattern(pattern), pattern).toBe(true);
    }
  });

  it('refuses malformed patterns, saying where', () => {
    const cases: Array<[string, RegExp]> = [
      ["ipv4-addr:value = '1.2.3.4'", /expected "\[" or "\("/],
      ["[ipv4-addr:value = '1.2.3.4'", /expected "]"/],
      ["[file:hashes.SHA-256 = 'aa']", /quote it/],
      ["[ipv4-addr:value == '1']", /is not a value/],
      ["[ipv4-addr:value = 'unterminated]", /unterminated string/],
      ["[ipv4-addr:value = '1'] WITHIN 0 SECONDS", /positive/],
      ["[url:value = 'a\\n']", /invalid escape/],
      ['', /empty/],
    ];
    for (const [pattern, message] of cases) {
      expect(() => parsePattern(pattern), pattern).toThrow(StixPatternError);
      expect(() => parsePattern(pattern), pattern).toThrow(message);
    }
  });
});
