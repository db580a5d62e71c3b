import type { AddressInfo } from 'node:net';
import type { PlySettings } from '@ply/core';
import type { Hono } from 'hono';
import { ConnectorInstances } from '../supervisor/connector-instances.js';
import { PlaybookTriggers } from '../supervisor/playbook-triggers.js';
import { prepareFirstStart, DEMO_PLAYBOOK_ID } from './first-start.js';
import type { ClusterSettings } from '../cluster/cluster-settings.js';
import type { ModuleArtifacts } from '../cluster/module-sync.js';
import { openRuntime, type Runtime } from './runtime.js';
import { createServerApp } from './server-app.js';
import type { ServerEnv } from './server-env.js';

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
  const { serve } = await import('@hono/node-server');
  const runtime = await openRuntime({
    ...(options.settings ? { settings: options.settings } : {}),
    ...(options.workspaceRoot ? { workspaceRoot: options.workspaceRoot } : {}),
    ...(options.cluster ? { cluster: options.cluster } : {}),
    ...(options.moduleArtifacts ? { moduleArtifacts: options.moduleArtifacts } : {}),
  });
  // In a cluster every role supervises triggers and connectors: the leases keep each on one process.
  const coordination = runtime.cluster ? { coordination: runtime.cluster.coordination, leaseMs: runtime.cluster.settings.leaseMs } : {};
  const triggers = new PlaybookTriggers({ engine: runtime.engine, store: runtime.store, ply: runtime.ply, ...coordination });
  const connectors = new ConnectorInstances({ store: runtime.store, ply: runtime.ply, ...coordination });
  const accepts = runtime.role !== 'worker';
  let stopping: Promise<void> | undefined;
  const app = createServerApp(runtime, { demoReceiver: accepts && !options.demoHookUrl, triggers, connectors, operationsOnly: !accepts, draining: () => stopping !== undefined });
  if (accepts) options.extend?.(app, runtime);
  const server = serve({ fetch: app.fetch, hostname: options.host ?? '127.0.0.1', port: options.port ?? 8400 });
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('listening', () => resolve());
      server.once('error', reject);
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
          (server as { closeAllConnections?: () => void }).closeAllConnections?.();
        }
      })();
      return stopping;
    },
  };
}
