import type { ApiRole } from '../store/api-token-repository.js';
import { PlyError } from '@ply/core';
import { createMiddleware } from 'hono/factory';
import type { Caller, ServerEnv } from './server-env.js';
import type { Runtime } from './runtime.js';

const RANK: Record<ApiRole, number> = { viewer: 0, operator: 1, admin: 2 };

/** The caller behind an API token, or undefined for an unknown, revoked or malformed token. */
export async function authenticate(runtime: Pick<Runtime, 'store'>, token: string | undefined): Promise<Caller | undefined> {
  if (!token) return undefined;
  const record = await runtime.store.tokens.verify(token);
  return record ? { role: record.role, name: record.name } : undefined;
}

/** True when `role` may do what `needed` allows (admin > operator > viewer). */
export function roleAllows(role: ApiRole, needed: ApiRole): boolean {
  return RANK[role] >= RANK[needed];
}

/** The token of an `Authorization: Bearer <token>` header. */
export function bearerToken(header: string | undefined): string | undefined {
  const match = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  return match?.[1];
}

/**
 * Lets a request through when its caller holds `role` or a higher one: admin (install,
 * configure), operator (run), viewer (read). The caller comes from `c.var.caller` when an
 * earlier middleware set it (the console's session), else from an `Authorization: Bearer` API
 * token. Fails with PLY_UNAUTHENTICATED (401) or PLY_FORBIDDEN (403).
 */
export function requireRole(role: ApiRole) {
  return createMiddleware<ServerEnv>(async (c, next) => {
    const caller = c.get('caller') ?? (await authenticate(c.get('runtime'), bearerToken(c.req.header('authorization'))));
    if (!caller) throw new PlyError('PLY_UNAUTHENTICATED', 'this request needs an API token: send "Authorization: Bearer <token>" (create one with `ply token create`)');
    if (!roleAllows(caller.role, role)) throw new PlyError('PLY_FORBIDDEN', `this request needs the ${role} role; the token "${caller.name}" has ${caller.role}`);
    c.set('caller', caller);
    await next();
  });
}
