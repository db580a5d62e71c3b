import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

/**
 * A fake LiveAPI: a WebSocket server on 127.0.0.1 that accepts clients presenting the API key
 * as `access_token_cookie` (401 otherwise) and pushes the notifications a test publishes.
 */
export async function startFakeLiveApi(apiKey: string) {
  const server = new WebSocketServer({
    host: '127.0.0.1',
    port: 0,
    verifyClient: (info: { req: { headers: { cookie?: string | undefined } } }, done: (ok: boolean, code?: number) => void) =>
      done(info.req.headers.cookie === `access_token_cookie=${apiKey}`, 401),
  });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const clients = new Set<WebSocket>();
  let connections = 0;
  const waiters: Array<() => void> = [];
  server.on('connection', (socket) => {
    connections += 1;
    clients.add(socket);
    socket.on('close', () => clients.delete(socket));
    for (const wake of waiters.splice(0)) wake();
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `ws://127.0.0.1:${port}/live`,
    /** Connections accepted so far (reconnections included). */
    connections: () => connections,
    /** Connections open now. */
    open: () => clients.size,
    /** Resolves once `count` connections in total were accepted. */
    async waitForConnections(count: number): Promise<void> {
      while (connections < count) await new Promise<void>((resolve) => waiters.push(resolve));
    },
    /** Sends a notification to every connected client. */
    publish(message: unknown): void {
      for (const client of clients) client.send(typeof message === 'string' ? message : JSON.stringify(message));
    },
    /** Drops every connection abruptly, as a restarting LiveAPI would. */
    dropAll(): void {
      for (const client of clients) client.terminate();
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of clients) client.terminate();
        server.close(() => resolve());
      }),
  };
}
