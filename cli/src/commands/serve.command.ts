import type { AddressInfo } from 'node:net';
import { settingsFromEnvironment } from '@ply/core/settings';
import { printJson, type Output } from '../output.js';
import { lockHome } from '../server/home-lock.js';
import { holdYoungGeneration } from '../server/young-generation.js';

export interface ServeOptions {
  host?: string;
  port?: string;
  registry?: string;
}

/**
 * `ply serve`: the runtime API, webhooks and the trigger supervisor, until SIGINT or SIGTERM.
 * On first start it creates an admin token (printed once) and a demo playbook. Shutdown lets
 * runs in flight finish within `PLY_SHUTDOWN_GRACE_MS` (default 10 s); the rest end interrupted.
 */
export async function serveCommand(output: Output, options: ServeOptions): Promise<void> {
  // One `ply serve` per $PLY_HOME: taken before the store is opened, given back once it is closed.
  const releaseHome = lockHome(settingsFromEnvironment().home);
  try {
    await serveUntilStopped(output, options);
  } finally {
    releaseHome();
  }
}

async function serveUntilStopped(output: Output, options: ServeOptions): Promise<void> {
  const releaseYoungGeneration = holdYoungGeneration();
  // Loaded here, not at the top: every other `ply` command would pay for them.
  const [{ serve }, { openRuntime }, { createServerApp }, { prepareFirstStart, DEMO_PLAYBOOK_ID }, { PlaybookTriggers, ConnectorInstances }, { mountConsoleLazily }] = await Promise.all([
    import('@hono/node-server'),
    import('../server/runtime.js'),
    import('../server/server-app.js'),
    import('../server/first-start.js'),
    import('@ply/core'),
    import('../console/lazy-console.js'),
  ]);
  const host = options.host ?? '127.0.0.1';
  const port = options.port === undefined ? 8400 : Number(options.port);
  const runtime = openRuntime();
  const demoHookUrl = process.env['PLY_DEMO_HOOK_URL'];
  const triggers = new PlaybookTriggers({ engine: runtime.engine, store: runtime.store, ply: runtime.ply });
  const connectors = new ConnectorInstances({ store: runtime.store, ply: runtime.ply });
  const app = createServerApp(runtime, { demoReceiver: !demoHookUrl, print: (line) => output.out(line), triggers, connectors });
  const registry = options.registry ?? process.env['PLY_REGISTRY'];
  mountConsoleLazily(app, () => import('../console/console-app.js').then(({ createConsoleApp }) => createConsoleApp(runtime, registry ? { registry } : {})));
  const server = serve({ fetch: app.fetch, hostname: host, port });
  await new Promise<void>((resolve, reject) => {
    server.once('listening', () => resolve());
    server.once('error', reject);
  });
  const address = server.address() as AddressInfo;
  const base = `http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}`;
  const first = prepareFirstStart(runtime, demoHookUrl ? { url: demoHookUrl, builtIn: false } : { url: `${base}/demo/receiver`, builtIn: true });
  triggers.start();
  connectors.start();

  const demo = runtime.store.playbooks.list().find((p) => p.id === DEMO_PLAYBOOK_ID && p.enabled);
  const { WebhookSecrets } = await import('../server/webhook-secrets.js');
  const demoToken = demo ? new WebhookSecrets(runtime.ply.settings.home).tokenOf(DEMO_PLAYBOOK_ID) : undefined;
  if (output.json) {
    printJson(output, { url: `${base}/`, api: `${base}/api/v1/`, home: runtime.ply.settings.home, ...(first.adminToken ? { adminToken: first.adminToken } : {}), ...(demoToken ? { demoWebhook: `${base}/hooks/${DEMO_PLAYBOOK_ID}`, demoWebhookToken: demoToken } : {}) });
  } else {
    output.out(`Ply runtime listening on ${base}/ (web console ${base}/, API ${base}/api/v1/, OpenAPI ${base}/api/v1/openapi.json; store ${runtime.ply.settings.home})`);
    if (first.adminToken) output.out(`admin API token (shown once; keep it): ${first.adminToken}`);
    if (demoToken) {
      output.out(`trigger the demo playbook (it posts to ${demoHookUrl ?? `${base}/demo/receiver`}):`);
      output.out(`  curl -X POST ${base}/hooks/${DEMO_PLAYBOOK_ID} -H 'x-ply-token: ${demoToken}' -H 'content-type: application/json' -d '{"alert_uuid":"ALdemo1","title":"Suspicious login"}'`);
    }
    output.out('press Ctrl+C to stop');
  }
  releaseYoungGeneration();

  const graceMs = Number(process.env['PLY_SHUTDOWN_GRACE_MS'] ?? 10_000);
  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      output.err(`stopping: runs in flight get ${graceMs} ms to finish, the rest end interrupted`);
      server.close();
      void Promise.all([triggers.stop(), connectors.stop()])
        .then(() => runtime.close(graceMs))
        .finally(() => {
          (server as { closeAllConnections?: () => void }).closeAllConnections?.();
          resolve();
        });
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}
