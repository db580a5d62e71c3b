import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { PinoLogger, PlySettings } from '@ply/core';
import type { Hono } from 'hono';
import { ConnectorInstances } from '../supervisor/connector-instances.js';
import { PlaybookTriggers } from '../supervisor/playbook-triggers.js';
import { prepareFirstStart, DEMO_PLAYBOOK_ID } from './first-start.js';
import type { ClusterSettings } from '../cluster/cluster-settings.js';
import type { ModuleArtifacts } from '../cluster/module-sync.js';
import { openRuntime, type Runtime } from './runtime.js';
import { createServerApp } from './server-app.js';
import type { ServerEnv } from './server-env.js';
import { WebhookReceiver } from './webhook-receiver.js';
import { webhookListener } from './webhook-listener.js';

/** Options of {@link startRuntimeServer}. */
export interface RuntimeServerOptions {
  host?: string;
  /** 0: any free port. Default 8400. */
  port?: number;
  settings?: Partial<PlySettings>;
  /** Also serve the plugins of this checkout. */
  workspaceRoot?: string;
  /** Where the demo playbook posts; absent: the built-in receiver at `/demo/receiver`. */
  demoHookUrl?: string;
  /** Adds routes before the server listens (the web console: `ply serve` mounts `@ply/console` here). */
  extend?: (app: Hono<ServerEnv>, runtime: Runtime) => void;
  /** The role and the cluster's servers; absent: embedded (one process does everything). */
  cluster?: ClusterSettings;
  /** How recorded modules are fetched in a cluster (see {@link RuntimeOptions.moduleArtifacts}). */
  moduleArtifacts?: ModuleArtifacts;
  /** The root logger (default: pino on stdout at the settings' level). */
  logger?: PinoLogger;
}

/** A listening runtime server. */
export interface RunningRuntimeServer {
  /** `http://host:port`, no trailing slash. */
  base: string;
  runtime: Runtime;
  /** Created on the first start (no token in the store yet): shown once. */
  adminToken?: string;
  /** The demo playbook's webhook token, when the demo playbook is enabled. */
  demoToken?: string;
  /** Where the demo playbook posts. */
  demoTarget: string;
  /** Stops accepting requests, stops triggers and connectors, lets runs in flight finish within `graceMs`. */
  stop(graceMs: number): Promise<void>;
}

/**
 * Starts what `ply serve` runs: the runtime (store, engine), the HTTP API and webhooks, the
 * trigger and connector supervisors; on a first start, an admin token and the demo playbook.
 */
export async function startRuntimeServer(options: RuntimeServerOptions): Promise<RunningRuntimeServer> {
  // Loaded here: only a serving process pays for the HTTP server.
  const { createServer } = await import('node:http');
  const runtime = await openRuntime({
    ...(options.settings ? { settings: options.settings } : {}),
    ...(options.workspaceRoot ? { workspaceRoot: options.workspaceRoot } : {}),
    ...(options.cluster ? { cluster: options.cluster } : {}),
    ...(options.moduleArtifacts ? { moduleArtifacts: options.moduleArtifacts } : {}),
    ...(options.logger ? { logger: options.logger } : {}),
  });
  // In a cluster every role supervises triggers and connectors: the leases keep each on one process.
  const coordination = runtime.cluster ? { coordination: runtime.cluster.coordination, leaseMs: runtime.cluster.settings.leaseMs } : {};
  const triggers = new PlaybookTriggers({ engine: runtime.engine, store: runtime.store, ply: runtime.ply, ...coordination });
  const connectors = new ConnectorInstances({ store: runtime.store, ply: runtime.ply, ...coordination });
  const accepts = runtime.role !== 'worker';
  let stopping: Promise<void> | undefined;
  const webhooks = accepts ? new WebhookReceiver(runtime, runtime.webhooks) : undefined;
  const demoReceiver = accepts && !options.demoHookUrl;
  const app = createServerApp(runtime, { demoReceiver, triggers, connectors, operationsOnly: !accepts, draining: () => stopping !== undefined, ...(webhooks ? { webhooks } : {}) });
  if (accepts) options.extend?.(app, runtime);
  const host = options.host ?? '127.0.0.1';
  // Hono's node:http adapter is loaded by the first request Hono answers: loading it loads Node's
  // fetch (undici: 45-65 ms of CPU here), which webhooks and the demo receiver, answered before
  // Hono, do not need: spawn → first webhook answered 55 ms sooner.
  const honoListener = onFirstRequest(async () => (await import('@hono/node-server')).getRequestListener(app.fetch, { hostname: host }));
  // Webhooks are answered before Hono (the same receiver, errors and log line; see webhook-listener.ts).
  const server = createServer(webhooks ? webhookListener(webhooks, runtime.ply.logger.child({ component: 'http' }), honoListener, demoReceiver ? { demoReceiver: runtime.store } : {}) : honoListener);
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('listening', () => resolve());
      server.once('error', reject);
      server.listen(options.port ?? 8400, host);
    });
  } catch (error) {
    await runtime.close(0);
    throw error;
  }
  const address = server.address() as AddressInfo;
  const base = `http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}`;
  const demoTarget = options.demoHookUrl ?? `${base}/demo/receiver`;
  const first = accepts ? await prepareFirstStart(runtime, { url: demoTarget, builtIn: !options.demoHookUrl }) : { demoCreated: false };
  triggers.start();
  connectors.start();
  const demo = accepts ? (await runtime.store.playbooks.list()).find((p) => p.id === DEMO_PLAYBOOK_ID && p.enabled) : undefined;
  const demoToken = demo ? runtime.webhooks.tokenOf(DEMO_PLAYBOOK_ID) : undefined;
  return {
    base,
    runtime,
    ...(first.adminToken ? { adminToken: first.adminToken } : {}),
    ...(demoToken ? { demoToken } : {}),
    demoTarget,
    stop(graceMs) {
      stopping ??= (async () => {
        server.close();
        try {
          await Promise.all([triggers.stop(), connectors.stop()]);
          await runtime.close(graceMs);
        } finally {
          server.closeAllConnections();
        }
      })();
      return stopping;
    },
  };
}

/**
 * A request listener made by `load` on the first request it gets; requests arriving while it
 * loads wait for it (node:http reads no body meanwhile). A load that fails answers 500 and is
 * tried again by the next request.
 */
function onFirstRequest(load: () => Promise<RequestListener>): RequestListener {
  let listener: RequestListener | undefined;
  let loading: Promise<RequestListener> | undefined;
  return (request: IncomingMessage, response: ServerResponse) => {
    if (listener) return listener(request, response);
    loading ??= load().then((loaded) => (listener = loaded));
    loading.then(
      (loaded) => loaded(request, response),
      (error: unknown) => {
        loading = undefined;
        const body = JSON.stringify({ error: { code: 'PLY_INTERNAL', message: `the HTTP server could not be loaded: ${(error as Error).message}`, details: {} } });
        response.writeHead(500, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }).end(body);
      },
    );
  };
}
