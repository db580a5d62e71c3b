import type { ApiRole } from '@ply/runtime';
import type { Child } from 'hono/jsx';
import type { Notice } from './console-session.js';
import { CONSOLE_CSS } from './console-styles.js';
import { CsrfField } from './csrf-field.js';

/** Who is looking at a page: the nav shows their role and a sign-out button. */
export interface Viewer {
  role: ApiRole;
  tokenName?: string;
  csrf: string;
}

const SECTIONS = [
  { href: '/marketplace', label: 'Marketplace' },
  { href: '/accounts', label: 'Accounts' },
  { href: '/run', label: 'Run' },
  { href: '/executions', label: 'Executions' },
  { href: '/playbooks', label: 'Playbooks' },
] as const;


/** The page shell: landmarks (header, nav, main), a skip link and the inline stylesheet. */
export function Layout(props: { title: string; viewer?: Viewer; section?: string; notice?: Notice; children?: Child }) {
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${props.title} · Ply console`}</title>
        <style dangerouslySetInnerHTML={{ __html: CONSOLE_CSS }} />
      </head>
      <body>
        <a class="skip" href="#content">
          Skip to content
        </a>
        <header>
          <a class="brand" href="/">
            Ply console
          </a>
          {props.viewer && (
            <nav aria-label="Sections">
              <ul>
                {SECTIONS.map((section) => (
                  <li>
                    <a href={section.href} aria-current={props.section === section.href ? 'page' : undefined}>
                      {section.label}
                    </a>
                  </li>
                ))}
              </ul>
            </nav>
          )}
          {props.viewer && (
            <div class="who">
              <span>
                {props.viewer.tokenName ?? 'signed in'} <span class="tag">{props.viewer.role}</span>
              </span>
              <form class="inline" method="post" action="/sign-out">
                <CsrfField token={props.viewer.csrf} />
                <button type="submit">Sign out</button>
              </form>
            </div>
          )}
        </header>
        <main id="content">
          <h1>{props.title}</h1>
          {props.notice && (
            <p class={`notice ${props.notice.kind}`} role={props.notice.kind === 'bad' ? 'alert' : 'status'}>
              {props.notice.text}
            </p>
          )}
          {props.children}
        </main>
      </body>
    </html>
  );
}
