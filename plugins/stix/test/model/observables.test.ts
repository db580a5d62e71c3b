import { describe, expect, it } from 'vitest';
import { extractObservables, kindOfValue, observableOf, refang } from '../../src/model.js';

const values = (text: string) => extractObservables(text).map((object) => [object.type, object['value'] ?? object['hashes']]);

describe('observables from text', () => {
  it('finds IPv4, IPv6, domains, URLs, e-mail addresses and hashes in plain text', () => {
    const text = [
      'C2 at 203.0.113.7 and 2001:db8::1, beacon to http://evil.example.com/gate.php?id=1.',
      'Phish from attacker@mail.example.net, payload 44d88612fea8a8f36de82e1278abb02f',
      'sha1 3395856ce81f2b7382dee72602f798b642f14140 sha256 275a021bbfb6489e54d471899f7db9d1663fc695ec2fe2a2c4538aabf651fd0f',
      'also update.example.org; not report.pdf nor 1.2.3.4.5',
    ].join('\n');
    expect(values(text)).toEqual([
      ['url', 'http://evil.example.com/gate.php?id=1'],
      ['email-addr', 'attacker@mail.example.net'],
      ['ipv4-addr', '203.0.113.7'],
      ['ipv6-addr', '2001:db8::1'],
      ['file', { MD5: '44d88612fea8a8f36de82e1278abb02f' }],
      ['file', { 'SHA-1': '3395856ce81f2b7382dee72602f798b642f14140' }],
      ['file', { 'SHA-256': '275a021bbfb6489e54d471899f7db9d1663fc695ec2fe2a2c4538aabf651fd0f' }],
      ['domain-name', 'evil.example.com'],
      ['domain-name', 'update.example.org'],
    ]);
  });

  it('recognises defanged forms', () => {
    expect(refang('hxxps://bad[.]example[.]com/x and 1.2.3[.]4 and me[@]example(.)org')).toBe('https://bad.example.com/x and 1.2.3.4 and me@example.org');
    expect(values('hxxp://198.51.100[.]9:8080/a 10[.]0[.]0[.]1 evil[dot]example[.]com')).toEqual([
      ['url', 'http://198.51.100.9:8080/a'],
      ['ipv4-addr', '198.51.100.9'],
      ['ipv4-addr', '10.0.0.1'],
      ['domain-name', 'evil.example.com'],
    ]);
  });

  it('reports each observable once', () => {
    expect(values('8.8.8.8 8.8.8.8 example.com EXAMPLE.com')).toEqual([
      ['ipv4-addr', '8.8.8.8'],
      ['domain-name', 'example.com'],
    ]);
  });

  it('classifies single values, and leaves unknown ones alone', () => {
    expect(kindOfValue('1.2.3[.]4')).toBe('ipv4-addr');
    expect(kindOfValue('fe80::1')).toBe('ipv6-addr');
    expect(kindOfValue('aa:bb:cc:dd:ee:ff')).toBe('mac-addr');
    expect(kindOfValue('not an observable')).toBeUndefined();
    expect(observableOf('hxxp://x[.]example.com')).toMatchObject({ type: 'url', value: 'http://x.example.com' });
  });
});
