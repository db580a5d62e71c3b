import { PlyError, toPlyError } from '@ply/core';
import { Hono } from 'hono';
import { accountsRoutes } from './accounts.routes.js';
import { connectorsRoutes, type SupervisedConnectors } from './connectors.routes.js';
import { demoReceiverRoutes } from './demo-receiver.routes.js';
import { httpStatusOf } from './error-status.js';
import { executionsRoutes } from './executions.routes.js';
import { hooksRoutes } from './hooks.routes.js';
import { modulesRoutes } from './modules.routes.js';
import { operationsRoutes } from './operations.routes.js';
import { requestLogging } from './request-logging.js';
import { playbooksRoutes } from './playbooks.routes.js';
import type { Runtime } from './runtime.js';
import type { ServerEnv } from './server-env.js';
import { triggersRoutes, type SupervisedTriggers } from './triggers.routes.js';
import { WebhookReceiver } from './webhook-receiver.js';

/** Options of {@link createServerApp}. */
export interface ServerAppOptions {
  /** Serve `POST /demo/receiver`, the demo playbook's stand-in for Mattermost. */
  demoReceiver?: boolean;
  /** The trigger supervisor, for `/api/v1/triggers` (absent: the list is empty, the rest 404). */
  triggers?: SupervisedTriggers;
  /** The connector supervisor, for the status in `/api/v1/connectors` (absent: every instance shows `stopped`). */
  connectors?: SupervisedConnectors;
  /** A worker of a cluster: serve health and metrics only (it accepts no webhook and no API call). */
  operationsOnly?: boolean;
  /** True once the process drains (SIGTERM): health answers 503 so a load balancer stops sending. */
  draining?: () => boolean;
  /** What `/hooks/:id` accepts with; default: a receiver of its own (`ply serve` shares one with its node:http webhook listener). */
  webhooks?: WebhookReceiver;
}

/**
 * The runtime server's Hono app: the API under `/api/v1`, webhooks under `/hooks`. `/` is left
 * to the web console (`app.route('/', consoleApp)`), which can reuse `requireRole` since every
 * request carries `c.var.runtime`. Errors become `{ error: { code, message, details } }` with the
 * status of their code (error-status.ts), here and nowhere else.
 */
export function createServerApp(runtime: Runtime, options: ServerAppOptions = {}): Hono<ServerEnv> {
  const webhooks = runtime.webhooks;
  const app = new Hono<ServerEnv>();

  app.use('*', requestLogging(runtime.ply.logger.child({ component: 'http' })));
  app.use('*', async (c, next) => {
    c.set('runtime', runtime);
    await next();
  });

  app.onError((thrown, c) => {
    const error = toPlyError(thrown);
    const status = httpStatusOf(error);
    // An unexpected failure is logged with its request; its message may be technical but never
    // holds secrets (plugin errors are redacted by the executor before they get here).
    if (status >= 500) c.var.log.error('request failed', { code: error.code, error: error.message });
    return c.json({ error: { code: error.code, message: error.message, details: error.details } }, status);
  });

  app.notFound((c) => {
    const error = new PlyError('PLY_ROUTE_NOT_FOUND', `no route ${c.req.method} ${c.req.path} (see /api/v1/openapi.json)`);
    return c.json({ error: { code: error.code, message: error.message, details: error.details } }, 404);
  });

  // Loaded and built on first request: the route table and converting every body schema to
  // JSON Schema are start-up time and memory that few processes ever need.
  let document: Record<string, unknown> | undefined;
  app.get('/api/v1/openapi.json', async (c) => c.json((document ??= (await import('./openapi.js')).openApiDocument())));
  app.route('/api/v1', operationsRoutes(runtime, options.draining ?? (() => false)));
  if (options.operationsOnly) return app;
  app.route('/api/v1/triggers', triggersRoutes(options.triggers));
  app.route('/api/v1/connectors', connectorsRoutes(options.connectors));
  app.route('/api/v1/modules', modulesRoutes());
  app.route('/api/v1/accounts', accountsRoutes());
  app.route('/api/v1/playbooks', playbooksRoutes(webhooks));
  app.route('/api/v1/executions', executionsRoutes());
  app.route('/hooks', hooksRoutes(options.webhooks ?? new WebhookReceiver(runtime, webhooks)));
  if (options.demoReceiver) app.route('/demo', demoReceiverRoutes());
  return app;
}
