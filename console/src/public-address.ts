import { PlyError } from '@ply/core';
import type { MiddlewareHandler } from 'hono';
import type { ConsoleRequestEnv } from './console-env.js';

/** How the console learns the address browsers use when a proxy terminates TLS in front of it. */
export interface PublicAddressOptions {
  /** `PLY_PUBLIC_URL`: the console's address as browsers see it (e.g. `https://ply.example.com`). */
  publicUrl?: string | undefined;
  /** `PLY_TRUST_PROXY=true`: believe the proxy's `X-Forwarded-Proto` and `X-Forwarded-Host`. */
  trustProxy?: boolean | undefined;
}

/** The options from the environment, for what the caller left out. */
export function publicAddressFrom(options: PublicAddressOptions, env: NodeJS.ProcessEnv = process.env): PublicAddressOptions {
  return { publicUrl: options.publicUrl ?? (env['PLY_PUBLIC_URL'] || undefined), trustProxy: options.trustProxy ?? env['PLY_TRUST_PROXY'] === 'true' };
}

function originOf(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new PlyError('PLY_INVALID_INPUT', `PLY_PUBLIC_URL must be an http or https URL (got "${text}")`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new PlyError('PLY_INVALID_INPUT', `PLY_PUBLIC_URL must be an http or https URL (got "${text}")`);
  return url.origin;
}

/**
 * Gives each request the origin browsers used, so what the console derives from `c.req.url` (the
 * session cookie's `Secure` flag, the Origin check of forms, redirects) holds behind a proxy that
 * terminates TLS: the configured public URL's origin, else, with a trusted proxy, the forwarded
 * scheme and host; else the request as it came. Forwarded headers are ignored unless trusted.
 *
 * @throws PlyError PLY_INVALID_INPUT when the public URL is not an http(s) URL.
 */
export function publicAddress(options: PublicAddressOptions): MiddlewareHandler<ConsoleRequestEnv> {
  const fixed = options.publicUrl ? originOf(options.publicUrl) : undefined;
  return async (c, next) => {
    let origin = fixed;
    if (!origin && options.trustProxy) {
      const url = new URL(c.req.url);
      const proto = c.req.header('x-forwarded-proto')?.split(',')[0]?.trim().toLowerCase();
      const host = c.req.header('x-forwarded-host')?.split(',')[0]?.trim();
      if (proto === 'https' || proto === 'http' || host) origin = `${proto === 'https' || proto === 'http' ? proto : url.protocol.slice(0, -1)}://${host || url.host}`;
    }
    if (origin) {
      const url = new URL(c.req.url);
      const raw = c.req.raw;
      if (url.origin !== origin) c.req.raw = new Request(`${origin}${url.pathname}${url.search}`, { method: raw.method, headers: raw.headers, body: raw.body, signal: raw.signal, duplex: 'half' } as RequestInit);
    }
    await next();
  };
}
