import { toPlyError } from '@ply/core';
import { publicAddress, publicAddressFrom, type PublicAddressOptions } from './public-address.js';
import { httpStatusOf, limitBodies, type ApiRole } from '@ply/runtime';
import { Hono, type Context, type MiddlewareHandler } from 'hono';
import type { Runtime } from '@ply/runtime';
import { accountCheckRoutes } from './account-check.routes.js';
import { accountsRoutes } from './accounts.routes.js';
import { requireRole } from './console-auth.js';
import { consoleRequestLog, type ConsoleEnv, type ConsoleRequestEnv } from './console-env.js';
import { Layout } from './console-layout.js';
import { html } from './console-page.js';
import { ConsoleSessions } from './console-session.js';
import { executionsRoutes } from './executions.routes.js';
import { marketplaceRoutes } from './marketplace.routes.js';
import { ModuleAdmin } from './module-admin.js';
import { playbooksRoutes } from './playbooks.routes.js';
import { runRoutes } from './run.routes.js';
import { signInRoutes } from './sign-in.routes.js';

/** Options of {@link createConsoleApp}. */
export interface ConsoleOptions extends PublicAddressOptions {
  /** Registry URL of the marketplace pages (default: none; the pages then say how to set one). */
  registry?: string;
  /** While the built-in marketplace fills (the workspace plugins packed on first start), what the Marketplace page says. */
  marketplaceProgress?: () => string | undefined;
  /** The Sekoia.io corpus folder, browsable as metadata-only modules under /marketplace/corpus. */
  corpusDir?: string;
}

/** What every console route module receives. */
export interface ConsoleDeps {
  runtime: Runtime;
  /** Middleware letting through signed-in users with this role or a higher one (POSTs also need the CSRF token). */
  role: (role: ApiRole) => MiddlewareHandler<ConsoleEnv>;
  modules: ModuleAdmin;
  options: ConsoleOptions;
}

function denied(c: Context, status: 401 | 403, message: string): Response {
  return html(
    c,
    <Layout title={status === 401 ? 'Signed out' : 'Not allowed'} notice={{ kind: 'bad', text: message }}>
      <p>
        <a href="/">Back to the console</a>
      </p>
    </Layout>,
    status,
  );
}

/** Errors as pages with the API's status for their code; a server-side failure shows no details. */
function failurePage(c: Context<ConsoleRequestEnv>, error: Error): Response {
  const failure = toPlyError(error);
  const status = httpStatusOf(failure);
  const text = status >= 500 && failure.code === 'PLY_INTERNAL' ? 'Something went wrong on the server; the error is in its log.' : `${failure.code}: ${failure.message}`;
  if (status >= 500) c.var.log.error('console page failed', { code: failure.code, error: failure.message });
  return html(
    c,
    <Layout title={status === 404 ? 'Not found' : 'Error'} notice={{ kind: 'bad', text }}>
      <p>
        <a href="/">Back to the console</a>
      </p>
    </Layout>,
    status,
  );
}

/**
 * The admin web console: server-rendered pages (hono/jsx) over the runtime, with no client
 * script. Mount it at `/` beside the API; every route is registered with its own guard, so
 * nothing here touches `/api` or `/hooks` requests.
 */
export function createConsoleApp(runtime: Runtime, options: ConsoleOptions = {}): Hono<ConsoleRequestEnv> {
  const sessions = new ConsoleSessions();
  const deps: ConsoleDeps = {
    runtime,
    role: (role) => requireRole(sessions, runtime, role, denied),
    modules: new ModuleAdmin(runtime, options.registry),
    options,
  };
  const address = publicAddress(publicAddressFrom(options));
  const app = new Hono<ConsoleRequestEnv>();
  app.use('*', consoleRequestLog(runtime));
  app.use('*', address);
  // Forms are small; sign-in bounds its own tighter. Counted while read, after the session check.
  app.use('*', limitBodies());
  app.onError((error, c) => failurePage(c, error));
  app.route('/', signInRoutes(runtime, sessions));
  app.get('/', deps.role('viewer'), (c) => c.redirect('/executions', 303));
  app.route('/accounts', accountCheckRoutes(deps));
  app.route('/accounts', accountsRoutes(deps));
  app.route('/run', runRoutes(deps));
  app.route('/executions', executionsRoutes(deps));
  app.route('/marketplace', marketplaceRoutes(deps));
  app.route('/playbooks', playbooksRoutes(deps));
  return app;
}
