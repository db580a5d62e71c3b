import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { SELF_SIGNED_CERT, SELF_SIGNED_KEY } from './self-signed-tls.js';

/** A fetch-style handler: a Hono app's `fetch`, or any `(Request) => Response`. */
export type FetchHandler = (request: Request) => Response | Promise<Response>;

export interface FakeServer {
  /** Base URL with a trailing slash, e.g. `http://127.0.0.1:41234/`. */
  url: string;
  close(): Promise<void>;
}

/**
 * Starts a fake vendor API on 127.0.0.1 on a free port. Tests drive plugins against it with
 * real HTTP, as they would reach the vendor; `tls: 'self-signed'` serves HTTPS with
 * {@link SELF_SIGNED_CERT}, as an appliance with its own certificate does.
 */
export async function startFakeServer(fetch: FetchHandler, options: { tls?: 'self-signed' } = {}): Promise<FakeServer> {
  const https = options.tls === 'self-signed';
  const server: ServerType = await new Promise((resolve) => {
    const started = serve({ fetch, hostname: '127.0.0.1', port: 0, ...(https ? { createServer: createHttpsServer, serverOptions: { cert: SELF_SIGNED_CERT, key: SELF_SIGNED_KEY } } : {}) }, () => resolve(started));
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `${https ? 'https' : 'http'}://127.0.0.1:${port}/`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        if ('closeAllConnections' in server) server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
