import { CsrfField } from './csrf-field.js';

/**
 * What an install refused with PLY_SLUG_TAKEN offers the admin: replace the package that holds
 * the module slug (the install again, with `replace=<holder>`, like `ply install … --replace
 * <holder>`), or keep it. The form carries the session's CSRF token; the route is admin-only.
 */
export function ReplaceChoice(props: { name: string; version?: string; holder: string; slug: string; csrf: string }) {
  const href = `/marketplace/${props.holder}`;
  return (
    <section aria-label="Module slug taken">
      <p>
        <code>{props.name}</code> declares the module slug <code>{props.slug}</code>, which belongs to the installed package <a href={href}>{props.holder}</a>.
        Replacing it removes every version of {props.holder}; the accounts and playbooks of <code>{props.slug}</code> then run with {props.name}'s code (and its secrets
        reach it). Replace it only if you trust {props.name}.
      </p>
      <form class="inline" method="post" action="/marketplace/install">
        <CsrfField token={props.csrf} />
        <input type="hidden" name="name" value={props.name} />
        {props.version && <input type="hidden" name="version" value={props.version} />}
        <input type="hidden" name="replace" value={props.holder} />
        <button type="submit" class="danger">{`Replace ${props.holder}`}</button>
      </form>{' '}
      <a href={`/marketplace/${props.name}`}>{`Keep ${props.holder}`}</a>
    </section>
  );
}
