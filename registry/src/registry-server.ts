import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { createRegistry, type Registry, type RegistryOptions } from './registry-app.js';

export interface RunningRegistry {
  /** Base URL with a trailing slash, e.g. `http://127.0.0.1:4873/`. */
  url: string;
  registry: Registry;
  close(): Promise<void>;
}

/** Starts the registry on a host and port (port 0: a free one). */
export async function startRegistry(options: RegistryOptions & { host?: string; port?: number }): Promise<RunningRegistry> {
  const registry = createRegistry(options);
  const host = options.host ?? '127.0.0.1';
  const server: ServerType = await new Promise((resolve, reject) => {
    const started = serve({ fetch: registry.fetch, hostname: host, port: options.port ?? 4873 }, () => resolve(started));
    started.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  const shown = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${shown}:${port}/`,
    registry,
    close: () =>
      new Promise<void>((resolve, reject) => {
        if ('closeAllConnections' in server) server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
