import { Hono, type Context } from 'hono';
import { getCookie } from 'hono/cookie';
import { limitBodies, type Runtime } from '@ply/runtime';
import { SESSION_COOKIE, currentSession, csrfValid, setSessionCookie } from './console-auth.js';
import { Layout } from './console-layout.js';
import { html } from './console-page.js';
import type { ConsoleSession, ConsoleSessions } from './console-session.js';
import { CsrfField } from './csrf-field.js';

/** Largest sign-in or sign-out form read. */
const SIGN_IN_BODY_BYTES = 16 * 1024;

/** A stand-in origin: `next` is resolved against it the way a browser resolves a Location. */
const HERE = 'http://console.invalid';

/**
 * Only same-origin paths, as the browser will read them: the URL parser strips tabs and line
 * breaks and takes `\` for `/`, so `/\t/evil.example` is `//evil.example` to a browser. `next`
 * is resolved like a browser would and kept only when it stays on this origin; what is returned
 * is the normalised path, which holds no raw CR or LF (a header value could not carry them).
 * An open redirect after sign-in would be a phishing aid.
 */
function safeNext(next: string | undefined): string {
  if (!next?.startsWith('/')) return '/';
  let url: URL;
  try {
    url = new URL(next, HERE);
  } catch {
    return '/';
  }
  return url.origin === HERE ? `${url.pathname}${url.search}${url.hash}` : '/';
}

function SignInPage(props: { session: ConsoleSession; next: string; error?: string }) {
  return (
    <Layout title="Sign in" {...(props.error ? { notice: { kind: 'bad' as const, text: props.error } } : {})}>
      <p>Sign in with an API token. An admin creates one with <code>ply token create &lt;name&gt; --role admin|operator|viewer</code>.</p>
      <form class="stack" method="post" action="/sign-in">
        <CsrfField token={props.session.csrf} />
        <input type="hidden" name="next" value={props.next} />
        <div class="field">
          <label for="token">API token</label>
          <input type="password" id="token" name="token" autocomplete="current-password" required aria-describedby="token-hint" />
          <p class="hint" id="token-hint">
            The token starts with <code>ply_</code>. It stays on the server: the browser only keeps a session cookie.
          </p>
        </div>
        <div>
          <button type="submit">Sign in</button>
        </div>
      </form>
    </Layout>
  );
}

/** `/sign-in` (form and check), `/sign-out`. */
export function signInRoutes(runtime: Runtime, sessions: ConsoleSessions): Hono {
  const app = new Hono();

  const anonymousSession = (c: Context): ConsoleSession => {
    const existing = sessions.get(getCookie(c, SESSION_COOKIE));
    if (existing) return existing;
    const session = sessions.anonymous();
    setSessionCookie(c, session);
    return session;
  };

  app.get('/sign-in', async (c) => {
    const session = await currentSession(c, sessions, runtime);
    if (session?.role) return c.redirect(safeNext(c.req.query('next')), 303);
    return html(c, <SignInPage session={anonymousSession(c)} next={safeNext(c.req.query('next'))} />);
  });

  // A token, a CSRF token and a path: anyone may post here, so the body is bounded tightly.
  app.post('/sign-in', limitBodies(SIGN_IN_BODY_BYTES), async (c) => {
    const previous = sessions.get(getCookie(c, SESSION_COOKIE));
    if (!previous || !(await csrfValid(c, previous))) {
      return html(c, <SignInPage session={anonymousSession(c)} next="/" error="This form has expired: please sign in again." />, 403);
    }
    const body = await c.req.parseBody();
    const next = safeNext(typeof body['next'] === 'string' ? body['next'] : undefined);
    const token = typeof body['token'] === 'string' ? body['token'].trim() : '';
    const record = await runtime.store.tokens.verify(token);
    if (!record) return html(c, <SignInPage session={previous} next={next} error="This token is not valid (unknown, revoked or mistyped)." />, 401);
    const session = sessions.signIn(previous, { role: record.role, tokenName: record.name, token });
    setSessionCookie(c, session);
    return c.redirect(next, 303);
  });

  app.post('/sign-out', limitBodies(SIGN_IN_BODY_BYTES), async (c) => {
    const session = sessions.get(getCookie(c, SESSION_COOKIE));
    if (session && (await csrfValid(c, session))) sessions.end(session.id);
    return c.redirect('/sign-in', 303);
  });

  return app;
}
