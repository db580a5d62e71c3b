import { describe, expect, it } from 'vitest';
import { hostPolicy, isSpecialAddress } from './host-policy.js';

describe('hostPolicy', () => {
  it('refuses private, loopback, link-local and reserved addresses by default, IPv4-mapped ones too', () => {
    const policy = hostPolicy({ allow: [], deny: [] });
    for (const address of ['127.0.0.1', '10.1.2.3', '172.16.0.1', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '::1', 'fd00::1', 'fe80::1', '::ffff:127.0.0.1', '224.0.0.1']) {
      expect(policy.refusal('x.example', address), address).toContain('private, loopback, link-local or reserved');
    }
    for (const address of ['93.184.216.34', '2606:4700::6810:85e5', '8.8.8.8']) expect(policy.refusal('x.example', address), address).toBeUndefined();
    expect(isSpecialAddress('172.32.0.1')).toBe(false);
  });

  it('opens a private range only by IP or CIDR entry, never by a host name whose DNS could point anywhere', () => {
    const byAddress = hostPolicy({ allow: ['127.0.0.1', '10.0.0.0/8'], deny: [] });
    expect(byAddress.refusal('internal.example', '127.0.0.1')).toBeUndefined();
    expect(byAddress.refusal('internal.example', '10.9.9.9')).toBeUndefined();
    expect(byAddress.refusal('internal.example', '127.0.0.2')).toContain('private');
    const byName = hostPolicy({ allow: ['internal.example'], deny: [] });
    expect(byName.refusal('internal.example', '127.0.0.1')).toContain('private');
    expect(byName.refusal('internal.example', '93.184.216.34')).toBeUndefined();
  });

  it('with an allow list, refuses everything it does not name; deny wins over allow', () => {
    const policy = hostPolicy({ allow: ['*.example.com', 'api.vendor.test', '203.0.113.0/24'], deny: ['bad.example.com', '203.0.113.66'] });
    expect(policy.refusal('a.b.example.com', '93.184.216.34')).toBeUndefined();
    expect(policy.refusal('API.Vendor.Test', '93.184.216.34')).toBeUndefined();
    expect(policy.refusal('elsewhere.test', '203.0.113.10')).toBeUndefined();
    expect(policy.refusal('example.com', '93.184.216.34')).toContain('is not in PLY_HTTP_ALLOW_HOSTS');
    expect(policy.refusal('bad.example.com', '93.184.216.34')).toContain('denied by PLY_HTTP_DENY_HOSTS');
    expect(policy.refusal('elsewhere.test', '203.0.113.66')).toContain('denied by PLY_HTTP_DENY_HOSTS');
  });

  it('refuses an entry of no known form, naming it', () => {
    expect(() => hostPolicy({ allow: ['http://x.example/'], deny: [] })).toThrow('PLY_HTTP_ALLOW_HOSTS: "http://x.example/" is not a host name');
    expect(() => hostPolicy({ allow: [], deny: ['10.0.0.0/40'] })).toThrow('prefix longer than its address');
  });
});
