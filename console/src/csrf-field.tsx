import { CSRF_FIELD } from './console-auth.js';

/** The hidden field every POST form of the console carries (checked by `requireRole`). */
export function CsrfField(props: { token: string }) {
  return <input type="hidden" name={CSRF_FIELD} value={props.token} />;
}
