import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';

/** A fetch-style handler: a Hono app's `fetch`, or any `(Request) => Response`. */
export type FetchHandler = (request: Request) => Response | Promise<Response>;

export interface FakeServer {
  /** Base URL with a trailing slash, e.g. `http://127.0.0.1:41234/`. */
  url: string;
  close(): Promise<void>;
}

/**
 * Starts a fake vendor API on 127.0.0.1 on a free port. Tests drive plugins against it with
 * real HTTP, as they would reach the vendor.
 */
export async function startFakeServer(fetch: FetchHandler): Promise<FakeServer> {
  const server: ServerType = await new Promise((resolve) => {
    const started = serve({ fetch, hostname: '127.0.0.1', port: 0 }, () => resolve(started));
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        if ('closeAllConnections' in server) server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
