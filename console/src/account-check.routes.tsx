import { checkAccount } from '@ply/runtime';
import { Hono } from 'hono';
import type { ConsoleDeps } from './console-app.js';
import type { ConsoleEnv } from './console-env.js';
import { redirectWith } from './console-page.js';
import { CsrfField } from './csrf-field.js';

/** The "Check credentials" button of an account page (operators and admins). */
export function CheckCredentialsButton(props: { accountId: string; csrf: string }) {
  return (
    <form method="post" action={`/accounts/${encodeURIComponent(props.accountId)}/check`}>
      <CsrfField token={props.csrf} />
      <button type="submit" class="secondary">
        Check credentials
      </button>{' '}
      <span class="hint">Calls the module's validation request with this account.</span>
    </form>
  );
}

/** `POST /accounts/:id/check`: runs the module's credentials check and says what the vendor answered. */
export function accountCheckRoutes(deps: ConsoleDeps): Hono<ConsoleEnv> {
  const app = new Hono<ConsoleEnv>();
  app.post('/:id/check', deps.role('operator'), async (c) => {
    const checked = await checkAccount(deps.runtime, c.req.param('id'));
    const back = `/accounts/${encodeURIComponent(checked.account.id)}`;
    if (checked.result === 'accepted') return redirectWith(c, back, { kind: 'good', text: `Credentials accepted: ${checked.account.module} answered the validation request (${checked.durationMs} ms).` });
    if (checked.result === 'no-check') return redirectWith(c, back, { kind: 'bad', text: `Not checked: module ${checked.account.module} declares no validation request.` });
    return redirectWith(c, back, { kind: 'bad', text: `Credentials refused: ${checked.error!.code}: ${checked.error!.message}` });
  });
  return app;
}
