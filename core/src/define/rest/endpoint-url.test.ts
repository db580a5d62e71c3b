import { describe, expect, it } from 'vitest';
import { endpointUrl } from './rest-request.js';

/** What the URL standard resolves: the path against the base (given a trailing slash), the query appended. */
function resolved(base: string, path: string, query?: Record<string, string>): string {
  const url = new URL(path.replace(/^\//, ''), new URL(base.endsWith('/') ? base : `${base}/`));
  for (const [key, value] of Object.entries(query ?? {})) url.searchParams.append(key, value);
  return url.href;
}

const BASES = ['https://api.example.com', 'https://api.example.com/v1/', 'http://127.0.0.1:8080/api', 'https://user:pw@host.example/x/?tenant=1', 'https://host.example/x/#frag', 'https://HOST.example:443/A%20b/'];
const PATHS = ['', 'hosts', '/hosts', 'hosts/{id}'.replace('{id}', encodeURIComponent('a/b c')), 'a/../b/./c', '..', '../../up', 'x:y', '//evil.example/p', '/\\evil.example', '\\\\evil', 'a\\b', 'caf\u00e9', 'tab\there', ' lead', 'trail ', 'p?x=1', 'p#f', 'a//b', '%2e%2e/x', 'mailto:x', 'ctl\u0001x', 'del\u007fx'];

describe('endpointUrl', () => {
  it('names what new URL(path, base) resolves, for every base and path shape', () => {
    for (const base of BASES) {
      for (const path of PATHS) {
        expect(endpointUrl(base, path).href, `${base} + ${JSON.stringify(path)}`).toBe(resolved(base, path));
        expect(endpointUrl(base, path, { q: 'port:22 & more', limit: '10' }).href, `${base} + ${JSON.stringify(path)} with a query`).toBe(resolved(base, path, { q: 'port:22 & more', limit: '10' }));
      }
    }
  });

  it('switches between accounts with different base URLs', () => {
    expect(endpointUrl('https://a.example/v1', 'hosts').href).toBe('https://a.example/v1/hosts');
    expect(endpointUrl('https://b.example/', 'hosts').href).toBe('https://b.example/hosts');
    expect(endpointUrl('https://a.example/v1', 'hosts').href).toBe('https://a.example/v1/hosts');
  });

  it('refuses a base URL that is not a URL, without its query', () => {
    expect(() => endpointUrl('not a url?key=secret', 'hosts')).toThrow(/base URL is not a URL: not a url$/);
  });
});
