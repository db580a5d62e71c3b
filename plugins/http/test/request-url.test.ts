import { describe, expect, it } from 'vitest';
import { plyErrorOf } from '@ply/kit/testing';
import { PASSWORD, TOKEN, httpPly } from './http-harness.js';

describe('Request URL through the executor', () => {
  it('sends the method, headers and params, and returns reason, status, url, headers, encoding, elapsed, text and json', async () => {
    const t = await httpPly();
    try {
      const results = await t.run('request_url', { url: `${t.url}echo?x=0`, method: 'get', headers: { 'X-Case': 'A-17', 'X-Count': 3 }, params: { q: 'alert', ids: [1, 2] } });
      expect(results).toMatchObject({ reason: 'OK', status_code: 200, url: `${t.url}echo?x=0&q=alert&ids=1&ids=2`, encoding: 'utf-8' });
      expect((results['headers'] as Record<string, string>)['x-served-by']).toBe('fake');
      expect(results['elapsed']).toBeGreaterThan(0);
      const json = results['json'] as { method: string; query: Record<string, string[]>; headers: Record<string, string> };
      expect(json.method).toBe('GET');
      expect(json.query).toEqual({ x: ['0'], q: ['alert'], ids: ['1', '2'] });
      expect(json.headers['x-case']).toBe('A-17');
      expect(json.headers['x-count']).toBe('3');
      expect(JSON.parse(results['text'] as string)).toEqual(json);
    } finally {
      await t.close();
    }
  });

  it('takes params as a query string or as a dictionary written as JSON, and sends data or json bodies', async () => {
    const t = await httpPly();
    try {
      expect((await t.run('request_url', { url: `${t.url}echo`, method: 'get', params: 'a=1&b=two' }))['url']).toBe(`${t.url}echo?a=1&b=two`);
      expect((await t.run('request_url', { url: `${t.url}echo`, method: 'get', params: '{"a": 1}' }))['url']).toBe(`${t.url}echo?a=1`);
      const posted = (await t.run('request_url', { url: `${t.url}echo`, method: 'post', json: { alert: 'AL1' } }))['json'] as { body: string; headers: Record<string, string> };
      expect([posted.body, posted.headers['content-type']]).toEqual(['{"alert":"AL1"}', 'application/json']);
      const put = (await t.run('request_url', { url: `${t.url}echo`, method: 'put', data: 'raw=1', headers: { 'content-type': 'application/x-www-form-urlencoded' } }))['json'] as { method: string; body: string };
      expect([put.method, put.body]).toEqual(['PUT', 'raw=1']);
      const head = await t.run('request_url', { url: `${t.url}echo`, method: 'head' });
      expect([head['status_code'], head['text']]).toEqual([200, '']);
    } finally {
      await t.close();
    }
  });

  it('decodes the body in its charset, reports a JSON body that does not parse as json null, and follows redirects', async () => {
    const t = await httpPly();
    try {
      expect(await t.run('request_url', { url: `${t.url}latin1`, method: 'get' })).toMatchObject({ text: 'café', encoding: 'iso-8859-1', json: null });
      expect(await t.run('request_url', { url: `${t.url}bad-json`, method: 'get' })).toMatchObject({ text: '{"alert": ', json: null });
      expect(await t.run('request_url', { url: `${t.url}no-content`, method: 'get' })).toMatchObject({ status_code: 204, json: null });
      expect((await t.run('request_url', { url: `${t.url}redirect?to=${encodeURIComponent('/echo?from=redirect')}`, method: 'get' }))['url']).toBe(`${t.url}echo?from=redirect`);
      expect(t.logs.text()).toContain('does not parse');
    } finally {
      await t.close();
    }
  });

  it('authenticates with Bearer, Basic and Digest (MD5 and SHA-256), and fails on refused credentials', async () => {
    const t = await httpPly();
    try {
      expect((await t.run('request_url', { url: `${t.url}bearer`, method: 'get', auth_type: 'Bearer', auth_token: TOKEN }))['json']).toEqual({ ok: true });
      expect((await t.run('request_url', { url: `${t.url}basic`, method: 'get', auth_type: 'Basic', auth_username: 'analyst', auth_password: PASSWORD }))['json']).toEqual({ user: 'analyst' });
      for (const algorithm of ['md5', 'sha-256']) {
        const results = await t.run('request_url', { url: `${t.url}digest/${algorithm}?page=2`, method: 'get', auth_type: 'Digest', auth_username: 'analyst', auth_password: PASSWORD });
        expect(results['json'], algorithm).toEqual({ user: 'analyst', algorithm: algorithm.toUpperCase(), qop: 'auth' });
      }
      const posted = await t.run('request_url', { url: `${t.url}digest/sha-256`, method: 'post', json: { a: 1 }, auth_type: 'Digest', auth_username: 'analyst', auth_password: PASSWORD });
      expect(posted['status_code']).toBe(200);
      const refused = await plyErrorOf(t.ply.run(t.request('request_url', { url: `${t.url}digest/md5`, method: 'get', auth_type: 'Digest', auth_username: 'analyst', auth_password: 'wrong' })));
      expect([refused.code, refused.details['status']]).toEqual(['PLY_VENDOR_HTTP_ERROR', 401]);
      const empty = await plyErrorOf(t.ply.run(t.request('request_url', { url: `${t.url}basic`, method: 'get', auth_type: 'Basic', auth_username: 'analyst' })));
      expect(empty.message).toContain('Username/Password should not be empty for Basic auth type');
    } finally {
      await t.close();
    }
  });

  it('fails on an HTTP error by default, and returns it with fail_on_http_error false', async () => {
    const t = await httpPly();
    try {
      const error = await plyErrorOf(t.ply.run(t.request('request_url', { url: `${t.url}status/404`, method: 'get' })));
      expect(error.code).toBe('PLY_VENDOR_HTTP_ERROR');
      expect(error.message).toBe(`HTTP Request failed: ${t.url}status/404 with 404 Not Found`);
      expect(await t.run('request_url', { url: `${t.url}status/404`, method: 'get', fail_on_http_error: false })).toMatchObject({ status_code: 404, reason: 'Not Found', json: { message: 'status 404' } });
    } finally {
      await t.close();
    }
  });

  it('retries a GET on 5xx (five attempts at most) but sends a POST once; retries a 429 after Retry-After for any method', async () => {
    const t = await httpPly();
    try {
      expect((await t.run('request_url', { url: `${t.url}flaky/get?failures=2`, method: 'get' }))['json']).toEqual({ attempt: 3 });
      const exhausted = await plyErrorOf(t.ply.run(t.request('request_url', { url: `${t.url}flaky/many?failures=9`, method: 'get' })));
      expect([exhausted.details['status'], t.web.flaky.get('many')]).toEqual([503, 5]);
      const post = await plyErrorOf(t.ply.run(t.request('request_url', { url: `${t.url}flaky/post?failures=1`, method: 'post', data: 'x' })));
      expect([post.details['status'], t.web.flaky.get('post')]).toEqual([503, 1]);
      const before = t.web.received.length;
      const limited = await plyErrorOf(t.ply.run(t.request('request_url', { url: `${t.url}status/429?retry_after=0`, method: 'post', data: 'x' })));
      expect(limited.details['status']).toBe(429);
      expect(t.web.received.length - before).toBe(5);
    } finally {
      await t.close();
    }
  });

  it('times out with the run deadline, and refuses a body for GET and both data and json', async () => {
    const t = await httpPly();
    try {
      expect((await plyErrorOf(t.ply.run(t.request('request_url', { url: `${t.url}hang`, method: 'get' }, { timeoutMs: 150 })))).code).toBe('PLY_ACTION_TIMEOUT');
      expect((await plyErrorOf(t.ply.run(t.request('request_url', { url: `${t.url}echo`, method: 'get', data: 'x' })))).message).toContain('cannot have a body');
      expect((await plyErrorOf(t.ply.run(t.request('request_url', { url: `${t.url}echo`, method: 'post', data: 'x', json: {} })))).message).toContain('not both');
      expect((await plyErrorOf(t.ply.run(t.request('request_url', { url: 'ftp://example.org/x', method: 'get' })))).message).toContain('url must be http or https, not ftp');
    } finally {
      await t.close();
    }
  });

  it('keeps the token and password out of errors, results and logs when the server quotes them back', async () => {
    const t = await httpPly();
    try {
      const wrongToken = `${TOKEN}-x`;
      const error = await plyErrorOf(t.ply.run(t.request('request_url', { url: `${t.url}bearer`, method: 'get', auth_type: 'Bearer', auth_token: wrongToken })));
      expect(error.details['status']).toBe(401);
      const returned = await t.run('request_url', { url: `${t.url}bearer`, method: 'get', auth_type: 'Bearer', auth_token: wrongToken, fail_on_http_error: false });
      expect(returned['status_code']).toBe(401);
      await plyErrorOf(t.ply.run(t.request('request_url', { url: `${t.url}basic`, method: 'get', auth_type: 'Basic', auth_username: 'analyst', auth_password: `${PASSWORD}-x` })));
      expect(t.logs.text()).toContain('Request URL module started');
      expect(returned['text']).toContain('bad token');
      for (const secret of [wrongToken, encodeURIComponent(wrongToken), `${PASSWORD}-x`]) {
        expect(JSON.stringify({ message: error.message, details: error.details })).not.toContain(secret);
        expect(JSON.stringify(returned)).not.toContain(secret);
        expect(t.logs.text()).not.toContain(secret);
      }
    } finally {
      await t.close();
    }
  });

  it('checks certificates unless verify_ssl is false (a self-signed appliance)', async () => {
    const t = await httpPly({}, 'self-signed');
    try {
      const refused = await plyErrorOf(t.ply.run(t.request('request_url', { url: `${t.url}echo`, method: 'get' })));
      expect(refused.code).toBe('PLY_NETWORK_ERROR');
      expect((await t.run('request_url', { url: `${t.url}echo`, method: 'get', verify_ssl: false }))['status_code']).toBe(200);
      expect(t.logs.text()).toContain('TLS certificate verification is off');
    } finally {
      await t.close();
    }
  });
});
