import { PLY_CORE_VERSION } from '@ply/core';
import { Hono } from 'hono';
import { requireRole } from './auth.middleware.js';
import type { Runtime } from './runtime.js';
import type { ServerEnv } from './server-env.js';

function moduleErrorsOf(runtime: Runtime): { moduleLoadErrors?: number } {
  const count = runtime.loadErrors.length;
  return count > 0 ? { moduleLoadErrors: count } : {};
}

/** What `GET /api/v1/health` answers: enough for a load balancer and for draining a worker. */
async function healthOf(runtime: Runtime, draining: () => boolean) {
  const cluster = runtime.cluster;
  const base = {
    status: draining() ? 'draining' : 'ok',
    version: PLY_CORE_VERSION,
    role: runtime.role,
    store: runtime.store.db.dialect,
    inFlight: runtime.engine.inFlight,
    // Modules not loaded, or whose item files are invalid (the list is GET /api/v1/modules' loadErrors).
    ...moduleErrorsOf(runtime),
    // The recorded modules this process could not fetch: their runs are refused here (PLY_MODULE_UNAVAILABLE).
    ...(runtime.modules ? { modulesUnavailable: runtime.modules.status().filter((state) => state.status === 'unavailable') } : {}),
  };
  if (!cluster) return base;
  try {
    return { ...base, queue: await cluster.counts(), working: cluster.working };
  } catch (error) {
    return { ...base, status: 'degraded', queue: null, error: (error as Error).message };
  }
}

/**
 * Operations: `health` (no token: load balancers and orchestrators poll it; 503 while the
 * process drains or cannot reach the queue) and `metrics` (Prometheus text format, viewer).
 */
export function operationsRoutes(runtime: Runtime, draining: () => boolean): Hono<ServerEnv> {
  const app = new Hono<ServerEnv>();

  app.get('/health', async (c) => {
    const health = await healthOf(runtime, draining);
    return c.json(health, health.status === 'ok' ? 200 : 503);
  });

  app.get('/metrics', requireRole('viewer'), async (c) => {
    const health = await healthOf(runtime, draining);
    const lines = [
      '# HELP ply_runs_in_flight Playbook runs executing in this process.',
      '# TYPE ply_runs_in_flight gauge',
      `ply_runs_in_flight ${health.inFlight}`,
      '# HELP ply_up 1 when the process serves and reaches its queue, 0 while draining or degraded.',
      '# TYPE ply_up gauge',
      `ply_up ${health.status === 'ok' ? 1 : 0}`,
    ];
    if (health.modulesUnavailable) {
      lines.push('# HELP ply_modules_unavailable Recorded modules this process could not fetch or verify (their runs are refused).', '# TYPE ply_modules_unavailable gauge');
      lines.push(`ply_modules_unavailable ${health.modulesUnavailable.length}`);
    }
    if ('queue' in health && health.queue) {
      lines.push('# HELP ply_queue_jobs Jobs of the cluster run queue by state.', '# TYPE ply_queue_jobs gauge');
      for (const [state, count] of Object.entries(health.queue)) lines.push(`ply_queue_jobs{state="${state}"} ${count}`);
    }
    return c.text(`${lines.join('\n')}\n`, 200, { 'content-type': 'text/plain; version=0.0.4' });
  });

  return app;
}
