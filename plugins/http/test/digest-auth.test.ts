import { describe, expect, it } from 'vitest';
import { digestAuthorization, digestChallenge } from '../src/digest-auth.js';

// RFC 7616 §3.9.1: the worked example, with its published responses for MD5 and SHA-256.
const example = {
  header: 'Digest realm="http-auth@example.org", qop="auth, auth-int", algorithm=SHA-256, nonce="7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", opaque="FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS", Digest realm="http-auth@example.org", qop="auth, auth-int", algorithm=MD5, nonce="7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", opaque="FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS"',
  request: { method: 'GET', uri: '/dir/index.html', username: 'Mufasa', password: 'Circle of Life', cnonce: 'f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ', nc: 1 },
};

describe('Digest access authentication (RFC 7616)', () => {
  it('picks the strongest challenge offered and answers it as the RFC example does (SHA-256)', () => {
    const challenge = digestChallenge(example.header)!;
    expect(challenge).toMatchObject({ algorithm: 'SHA-256', realm: 'http-auth@example.org', qop: ['auth', 'auth-int'], opaque: 'FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS' });
    const authorization = digestAuthorization(challenge, example.request);
    expect(authorization).toContain('response="753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1"');
    expect(authorization).toContain('qop=auth, ');
    expect(authorization).toContain('nc=00000001');
    expect(authorization).toContain('uri="/dir/index.html"');
  });

  it('answers the MD5 challenge with the RFC example response', () => {
    const md5 = digestChallenge(example.header.slice(example.header.indexOf('Digest', 10)))!;
    expect(md5.algorithm).toBe('MD5');
    expect(digestAuthorization(md5, example.request)).toContain('response="8ca523f5e9506fed4657c9700eebdbec"');
  });

  it('ignores Basic challenges and unsupported algorithms', () => {
    expect(digestChallenge('Basic realm="x"')).toBeUndefined();
    expect(digestChallenge('Digest realm="x", nonce="n", algorithm=SHA-1')).toBeUndefined();
    expect(digestChallenge('Basic realm="x", Digest realm="y", nonce="n"')).toMatchObject({ realm: 'y', algorithm: 'MD5', qop: [] });
  });
});
