import { timingSafeEqual } from 'node:crypto';
import type { ApiRole } from '@ply/runtime';
import type { Context } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { createMiddleware } from 'hono/factory';
import type { Runtime } from '@ply/runtime';
import type { ConsoleEnv } from './console-env.js';
import type { ConsoleSession, ConsoleSessions } from './console-session.js';

export const SESSION_COOKIE = 'ply_console';
/** The hidden field of every POST form. */
export const CSRF_FIELD = '_csrf';

const RANK: Record<ApiRole, number> = { viewer: 0, operator: 1, admin: 2 };

/** True when `role` may do what `needed` allows (admin > operator > viewer), as in the API. */
export function allows(role: ApiRole, needed: ApiRole): boolean {
  return RANK[role] >= RANK[needed];
}

/** Writes the session cookie: HttpOnly (no script reads it), SameSite=Strict (no cross-site sends). */
export function setSessionCookie(c: Context, session: ConsoleSession): void {
  setCookie(c, SESSION_COOKIE, session.id, { httpOnly: true, sameSite: 'Strict', path: '/', secure: new URL(c.req.url).protocol === 'https:' });
}

/**
 * The session of the request's cookie, or undefined. A signed-in session whose token has been
 * revoked since ends here; a token whose role changed gets the new role.
 */
export async function currentSession(c: Context, sessions: ConsoleSessions, runtime: Pick<Runtime, 'store'>): Promise<ConsoleSession | undefined> {
  const session = sessions.get(getCookie(c, SESSION_COOKIE));
  if (!session?.token) return session;
  const record = await runtime.store.tokens.verify(session.token);
  if (!record) {
    sessions.end(session.id);
    return undefined;
  }
  session.role = record.role;
  return session;
}

function sameToken(given: unknown, expected: string): boolean {
  if (typeof given !== 'string' || given.length !== expected.length) return false;
  return timingSafeEqual(Buffer.from(given), Buffer.from(expected));
}

/**
 * Checks a POST form's CSRF token against the session's, and the Origin header when the browser
 * sends one. SameSite=Strict already keeps the cookie off cross-site requests; this is the
 * second lock.
 */
export async function csrfValid(c: Context, session: ConsoleSession): Promise<boolean> {
  const origin = c.req.header('origin');
  if (origin && origin !== 'null' && origin !== new URL(c.req.url).origin) return false;
  const body = await c.req.parseBody();
  return sameToken(body[CSRF_FIELD], session.csrf);
}

/**
 * Lets a request through when a signed-in session holds `role` or a higher one. Pages redirect
 * to the sign-in form when nobody is signed in; forms answer 401. A role too low answers 403,
 * and every POST must carry the session's CSRF token (403 otherwise).
 */
export function requireRole(sessions: ConsoleSessions, runtime: Pick<Runtime, 'store'>, role: ApiRole, deny: (c: Context, status: 401 | 403, message: string) => Response | Promise<Response>) {
  return createMiddleware<ConsoleEnv>(async (c, next) => {
    const session = await currentSession(c, sessions, runtime);
    if (!session?.role) {
      if (c.req.method === 'GET') return c.redirect(`/sign-in?next=${encodeURIComponent(new URL(c.req.url).pathname + new URL(c.req.url).search)}`, 303);
      return deny(c, 401, 'Your session has ended: sign in again.');
    }
    if (c.req.method === 'POST' && !(await csrfValid(c, session))) return deny(c, 403, 'This form has expired or did not come from this console: reload the page and try again.');
    if (!allows(session.role, role)) return deny(c, 403, `This needs the ${role} role; you are signed in as ${session.role}.`);
    c.set('consoleSession', session as ConsoleEnv['Variables']['consoleSession']);
    await next();
    return undefined;
  });
}
