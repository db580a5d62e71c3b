import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { Child } from 'hono/jsx';
import type { ConsoleEnv } from './console-env.js';
import { Layout, type Viewer } from './console-layout.js';
import type { Notice } from './console-session.js';

/** Browsers get no script to run, no framing, no referrer; forms post to this origin only. */
const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

/** An HTML answer with the console's security headers; pages are never cached (they show live state). */
export function html(c: Context, body: Child, status: ContentfulStatusCode = 200): Response {
  c.header('Content-Security-Policy', CSP);
  c.header('X-Content-Type-Options', 'nosniff');
  c.header('Referrer-Policy', 'no-referrer');
  c.header('Cache-Control', 'no-store');
  return c.html(`<!DOCTYPE html>${String(body)}`, status);
}

/** The signed-in session as the layout shows it. */
export function viewerOf(c: Context<ConsoleEnv>): Viewer {
  const session = c.get('consoleSession');
  return { role: session.role, csrf: session.csrf, ...(session.tokenName ? { tokenName: session.tokenName } : {}) };
}

/** Renders a page of a signed-in user, with the pending flash message (or `notice`) on top. */
export function page(c: Context<ConsoleEnv>, props: { title: string; section?: string; notice?: Notice; status?: Parameters<typeof html>[2] }, content: Child): Response {
  const session = c.get('consoleSession');
  const notice = props.notice ?? session.flash;
  delete session.flash;
  return html(
    c,
    <Layout title={props.title} viewer={viewerOf(c)} {...(props.section ? { section: props.section } : {})} {...(notice ? { notice } : {})}>
      {content}
    </Layout>,
    props.status ?? 200,
  );
}

/** Redirects after a form (303: the browser follows with GET), leaving a message for the next page. */
export function redirectWith(c: Context<ConsoleEnv>, location: string, notice: Notice): Response {
  c.get('consoleSession').flash = notice;
  return c.redirect(location, 303);
}
