import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { SAMPLES, type Json } from './state.js';

/**
 * A fake LiveAPI, as the reference module's trigger code (`Sekoia.io/sekoiaio/triggers/base.py`)
 * and test samples (`tests/ic_oc_triggers/samples.py`) show it; the LiveAPI has no published
 * reference. A WebSocket server on 127.0.0.1 that:
 * - accepts a client presenting the API key as the `access_token_cookie` cookie (401 otherwise)
 *   and greets it with `{"authenticated": true}`;
 * - sends every notification in its v1 form (`metadata.version` 1) and, to a client that sent
 *   `{"action": "upgrade"}`, in its v2 form too: the reference's samples, as they are;
 * - answers pings, until a test makes it stop.
 */
export async function startFakeLiveApi(apiKey: string) {
  let answerPings = true;
  const server = new WebSocketServer({
    host: '127.0.0.1',
    port: 0,
    autoPong: false,
    verifyClient: (info: { req: { headers: { cookie?: string | undefined } } }, done: (ok: boolean, code?: number) => void) =>
      done(info.req.headers.cookie === `access_token_cookie=${apiKey}`, 401),
  });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const clients = new Map<WebSocket, { upgraded: boolean }>();
  let connections = 0;
  let upgrades = 0;
  const waiters: Array<() => void> = [];
  const wake = () => {
    for (const waiter of waiters.splice(0)) waiter();
  };
  server.on('connection', (socket) => {
    connections += 1;
    const client = { upgraded: false };
    clients.set(socket, client);
    socket.on('close', () => clients.delete(socket));
    socket.on('ping', (data) => {
      if (answerPings) socket.pong(data);
    });
    socket.on('message', (data) => {
      try {
        if ((JSON.parse(data.toString()) as { action?: unknown }).action === 'upgrade' && !client.upgraded) {
          client.upgraded = true;
          upgrades += 1;
          wake();
        }
      } catch {
        // The LiveAPI ignores what it cannot read.
      }
    });
    socket.send(JSON.stringify({ authenticated: true }));
    wake();
  });
  const until = async (condition: () => boolean) => {
    while (!condition()) await new Promise<void>((resolve) => waiters.push(resolve));
  };
  const { port } = server.address() as AddressInfo;
  return {
    url: `ws://127.0.0.1:${port}/live/`,
    /** Connections accepted so far (reconnections included). */
    connections: () => connections,
    /** Resolves once `count` clients in total have asked for v2 notifications. */
    waitForUpgrades: (count: number) => until(() => upgrades >= count),
    waitForConnections: (count: number) => until(() => connections >= count),
    /** Sends a v2 notification (v1 to clients that did not upgrade, both to those that did). */
    publish(notification: Json): void {
      const v1 = JSON.stringify({ ...notification, metadata: { ...(notification['metadata'] as Json), version: 1 } });
      for (const [socket, client] of clients) {
        socket.send(v1);
        if (client.upgraded) socket.send(JSON.stringify(notification));
      }
    },
    /** Sends one of the reference's samples (`samplenotif_alert_created`...). */
    publishSample(name: string, change: (sample: Json) => Json = (sample) => sample): void {
      const sample = SAMPLES[name];
      if (!sample) throw new Error(`no sample ${name}`);
      this.publish(change(structuredClone(sample)));
    },
    /** Sends a raw text frame to every client. */
    publishRaw(text: string): void {
      for (const socket of clients.keys()) socket.send(text);
    },
    /** Stops answering pings: a client that waits for pongs must drop the connection. */
    stopAnsweringPings(): void {
      answerPings = false;
    },
    /** Drops every connection abruptly, as a restarting LiveAPI would. */
    dropAll(): void {
      for (const socket of clients.keys()) socket.terminate();
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of clients.keys()) socket.terminate();
        server.close(() => resolve());
      }),
  };
}
