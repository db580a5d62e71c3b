import { CsrfField } from './csrf-field.js';

/** A one-button form posting to `action` with the session's CSRF token. */
export function PostButton(props: { action: string; csrf: string; label: string; danger?: boolean; back?: 'detail' }) {
  return (
    <form class="inline" method="post" action={props.action}>
      <CsrfField token={props.csrf} />
      {props.back && <input type="hidden" name="back" value={props.back} />}
      <button type="submit" class={props.danger ? 'danger' : 'secondary'}>
        {props.label}
      </button>
    </form>
  );
}
