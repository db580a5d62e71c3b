import { describe, expect, it } from 'vitest';
import type { UrlParts } from '../../contracts/http.js';
import { KnownUrl } from '../../http/request-url.js';
import { endpointUrl } from './rest-request.js';

/** What the URL standard resolves: the path against the base (given a trailing slash), the query appended. */
function resolvedUrl(base: string, path: string, query?: Record<string, string>): URL {
  const url = new URL(path.replace(/^\//, ''), new URL(base.endsWith('/') ? base : `${base}/`));
  for (const [key, value] of Object.entries(query ?? {})) url.searchParams.append(key, value);
  return url;
}

function resolved(base: string, path: string, query?: Record<string, string>): string {
  return resolvedUrl(base, path, query).href;
}

const PARTS = ['href', 'origin', 'protocol', 'host', 'hostname', 'port', 'pathname', 'search', 'username', 'password'] as const;

/** Every part a request reads, as endpointUrl gives it (parsed or not) and as the standard resolves it. */
function partsOf(url: UrlParts): Record<string, string> {
  return Object.fromEntries(PARTS.map((part) => [part, url[part]]));
}

/** A small seeded generator (mulberry32): the same paths on every run. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
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

  it('gives every part of the URL the standard resolves, with or without parsing it, for paths of any characters', () => {
    const next = random(22);
    // Characters the parser keeps, encodes, resolves or treats as delimiters, and dot segments whole.
    const pieces = ['a', 'Z', '0', '-', '.', '_', '~', '!', '$', '&', "'", '(', ')', '*', '+', ',', ';', '=', ':', '@', '%', '%2e', '%2E', '%41', '/', '/', '..', '.', '?', '#', '\\', ' ', '"', '<', '>', '`', '{', '}', '|', '^', '[', ']', '\u00e9', '\u0001', '\t'];
    let known = 0;
    for (let i = 0; i < 3000; i++) {
      let path = '';
      for (let n = Math.floor(next() * 8); n >= 0; n--) path += pieces[Math.floor(next() * pieces.length)];
      const base = BASES[i % BASES.length]!;
      const query = i % 2 ? { q: path, limit: '10' } : undefined;
      let expected: URL;
      try {
        expected = resolvedUrl(base, path, query);
      } catch {
        // No URL at all (`\\\\` names an empty host): refused either way.
        expect(() => endpointUrl(base, path, query), `${base} + ${JSON.stringify(path)}`).toThrow();
        continue;
      }
      const url = endpointUrl(base, path, query);
      if (url instanceof KnownUrl) known += 1;
      expect(partsOf(url), `${base} + ${JSON.stringify(path)}`).toEqual(partsOf(expected));
    }
    // Both ways were taken: most of these paths need the parser, plain ones do not.
    expect(known).toBeGreaterThan(100);
    expect(known).toBeLessThan(2900);
  });

  it('makes the URL of a plain path without parsing it', () => {
    const url = endpointUrl('https://user:pw@api.example.com:8443/v1', 'hosts/a%20b', { q: 'port:22' });
    expect(url).toBeInstanceOf(KnownUrl);
    expect(partsOf(url)).toEqual(partsOf(new URL('https://user:pw@api.example.com:8443/v1/hosts/a%20b?q=port%3A22')));
    expect(endpointUrl('https://api.example.com/v1', 'a/../b')).toBeInstanceOf(URL);
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
