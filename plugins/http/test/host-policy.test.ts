import { describe, expect, it } from 'vitest';
import type { LookupFunction } from '@ply/core';
import { plyErrorOf } from '@ply/kit/testing';
import { httpPly } from './http-harness.js';

/** Names of the test's own, resolved to the given address (the machine's resolver is never asked). */
function resolveTo(names: Record<string, string>): LookupFunction {
  return (hostname, options, callback) => {
    const address = names[hostname];
    if (address === undefined) return callback(Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' }), '');
    const family = address.includes(':') ? 6 : 4;
    if (options.all) callback(null, [{ address, family }]);
    else callback(null, address, family);
  };
}

const names = resolveTo({ 'intranet.example': '127.0.0.1', 'metadata.example': '169.254.169.254', 'partner.example': '127.0.0.1' });

describe('the admin host restriction on the HTTP module', () => {
  it('refuses 127.0.0.1 and a name that resolves to it, before anything is sent, for both actions', async () => {
    const t = await httpPly({ httpHostPolicy: { allow: [], deny: [], modules: ['http'], lookup: names } });
    try {
      const port = new URL(t.url).port;
      for (const [action, url] of [
        ['request_url', `${t.url}echo`],
        ['request_url', `http://intranet.example:${port}/echo`],
        ['download_file', `http://intranet.example:${port}/files/x.bin`],
      ] as const) {
        const error = await plyErrorOf(t.ply.run(t.request(action, { url, method: 'get' })));
        expect(error.code, url).toBe('PLY_HTTP_HOST_DENIED');
        expect(error.message).toContain('127.0.0.1 is a private, loopback, link-local or reserved address');
      }
      expect(t.web.received).toEqual([]);
    } finally {
      await t.close();
    }
  });

  it('lets through what the admin allowed (127.0.0.1 by address), and judges every redirect hop', async () => {
    const t = await httpPly({ httpHostPolicy: { allow: ['127.0.0.1'], deny: ['partner.example'], modules: ['http'], lookup: names } });
    try {
      const port = new URL(t.url).port;
      expect((await t.run('request_url', { url: `${t.url}echo`, method: 'get' }))['status_code']).toBe(200);
      expect((await t.run('request_url', { url: `http://intranet.example:${port}/echo`, method: 'get' }))['status_code']).toBe(200);
      for (const target of ['http://metadata.example/latest/meta-data/', `http://partner.example:${port}/echo`, `http://127.0.0.2:${port}/echo`]) {
        const error = await plyErrorOf(t.ply.run(t.request('request_url', { url: `${t.url}redirect?to=${encodeURIComponent(target)}`, method: 'get' })));
        expect(error.code, target).toBe('PLY_HTTP_HOST_DENIED');
      }
      const download = await plyErrorOf(t.ply.run(t.request('download_file', { url: `${t.url}redirect?to=${encodeURIComponent('http://metadata.example/file')}` })));
      expect(download.code).toBe('PLY_HTTP_HOST_DENIED');
      expect(t.web.received.filter((hit) => hit.path.startsWith('/echo'))).toHaveLength(2);
    } finally {
      await t.close();
    }
  });

  it('restricts only the modules it names', async () => {
    const t = await httpPly({ httpHostPolicy: { allow: [], deny: [], modules: ['some-other-module'] } });
    try {
      expect((await t.run('request_url', { url: `${t.url}echo`, method: 'get' }))['status_code']).toBe(200);
    } finally {
      await t.close();
    }
  });
});
