import { settingsFromEnvironment } from '@ply/core/settings';
import { holdYoungGeneration, releaseUnderLoad } from '@ply/runtime/young-generation';
import { printJson, type Output } from '../output.js';
import { describeProgress, embeddedMarketplace, type EmbeddedMarketplace } from '../embedded-marketplace.js';
import { findWorkspaceRoot } from '../workspace.js';
import { corpusDirOf } from '../corpus-dir.js';

export interface ServeOptions {
  host?: string;
  port?: string;
  registry?: string;
  /** api, worker or all (default); api and worker need PLY_REDIS_URL and PLY_DATABASE_URL. */
  role?: string;
}

/**
 * `ply serve`: the runtime API, webhooks and the trigger supervisor, until SIGINT or SIGTERM.
 * On first start it creates an admin token (printed once) and a demo playbook. Shutdown lets
 * runs in flight finish within `PLY_SHUTDOWN_GRACE_MS` (default 10 s); the rest end interrupted.
 */
async function clusterArtifacts() {
  const { ClusterArtifacts, ModuleInstaller } = await import('@ply/installer');
  const { PLY_CORE_VERSION } = await import('@ply/core/version');
  return new ClusterArtifacts(new ModuleInstaller({ home: settingsFromEnvironment().home, coreVersion: PLY_CORE_VERSION }));
}

export async function serveCommand(output: Output, options: ServeOptions): Promise<void> {
  // Before the runtime loads: evaluating its modules is the first long-lived burst of the start
  // (held only after it, the young generation had already grown twice: 6 MiB more at idle).
  const releaseYoungGeneration = holdYoungGeneration();
  // Loaded here, not at the top: every other `ply` command would pay for the runtime.
  const { lockHome, startRuntimeServer, clusterSettings, DEMO_PLAYBOOK_ID } = await import('@ply/runtime/serve');
  const cluster = clusterSettings(options.role);
  // One `ply serve` per $PLY_HOME: taken before the store is opened, given back once it is closed.
  const releaseHome = lockHome(settingsFromEnvironment().home);
  try {
    const registry = options.registry ?? process.env['PLY_REGISTRY'];
    const demoHookUrl = process.env['PLY_DEMO_HOOK_URL'];
    const workspaceRoot = findWorkspaceRoot();
    const { mountConsoleLazily } = await import('@ply/console/mount');
    let marketplace: EmbeddedMarketplace | undefined;
    // A shared store records the cluster's modules: this process fetches and verifies them through the installer.
    const moduleArtifacts = cluster.databaseUrl ? await clusterArtifacts() : undefined;
    const server = await startRuntimeServer({
      host: options.host ?? '127.0.0.1',
      port: options.port === undefined ? 8400 : Number(options.port),
      ...(workspaceRoot ? { workspaceRoot } : {}),
      ...(demoHookUrl ? { demoHookUrl } : {}),
      cluster,
      ...(moduleArtifacts ? { moduleArtifacts } : {}),
      extend: (app, runtime) => {
        // No registry chosen: the built-in marketplace (a registry in $PLY_HOME/registry), filled on the first
        // Marketplace visit. Not in a cluster: the other processes could not fetch from this one's loopback port.
        if (!registry && !cluster.databaseUrl) marketplace = embeddedMarketplace({ home: runtime.ply.settings.home, ...(workspaceRoot ? { workspaceRoot } : {}), logger: runtime.ply.logger });
        mountConsoleLazily(app, async () => {
          const { createConsoleApp } = await import('@ply/console');
          const builtIn = marketplace;
          const corpusDir = corpusDirOf(workspaceRoot);
          const marketplaceProgress = (shown: EmbeddedMarketplace) => () => {
            shown.fill();
            return describeProgress(shown.progress());
          };
          const source = builtIn ? { registry: await builtIn.url(), marketplaceProgress: marketplaceProgress(builtIn) } : registry ? { registry } : {};
          return createConsoleApp(runtime, { ...source, ...(corpusDir ? { corpusDir } : {}) });
        });
      },
    });
    const { base, runtime, adminToken, demoToken } = server;
    if (output.json) {
      printJson(output, { url: `${base}/`, api: `${base}/api/v1/`, home: runtime.ply.settings.home, role: runtime.role, ...(adminToken ? { adminToken } : {}), ...(demoToken ? { demoWebhook: `${base}/hooks/${DEMO_PLAYBOOK_ID}`, demoWebhookToken: demoToken } : {}) });
    } else {
      const store = runtime.store.shared ? runtime.store.db.location : runtime.ply.settings.home;
      if (runtime.role === 'worker') output.out(`Ply worker listening on ${base}/ (health ${base}/api/v1/health, metrics ${base}/api/v1/metrics; store ${store}; taking runs from queue ${cluster.queueName})`);
      else output.out(`Ply runtime listening on ${base}/ (web console ${base}/, API ${base}/api/v1/, OpenAPI ${base}/api/v1/openapi.json; store ${store}; role ${runtime.role}${runtime.cluster ? `, queue ${cluster.queueName}` : ''})`);
      if (adminToken) output.out(`admin API token (shown once; keep it): ${adminToken}`);
      if (demoToken) {
        output.out(`trigger the demo playbook (it posts to ${server.demoTarget}):`);
        output.out(`  curl -X POST ${base}/hooks/${DEMO_PLAYBOOK_ID} -H 'x-ply-token: ${demoToken}' -H 'content-type: application/json' -d '{"alert_uuid":"ALdemo1","title":"Suspicious login"}'`);
      }
      output.out('press Ctrl+C to stop');
    }
    // Not released now: the demo run and the first requests are bursts; steady load releases it.
    const stopWatchingLoad = releaseUnderLoad(releaseYoungGeneration);
    const graceMs = Number(process.env['PLY_SHUTDOWN_GRACE_MS'] ?? 10_000);
    await new Promise<void>((resolve) => {
      const stop = () => {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
        stopWatchingLoad();
        output.err(`stopping: runs in flight get ${graceMs} ms to finish, the rest end interrupted`);
        void server
          .stop(graceMs)
          .then(() => marketplace?.close())
          .finally(resolve);
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    });
  } finally {
    releaseHome();
  }
}
