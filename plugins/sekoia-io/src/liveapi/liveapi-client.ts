import { setTimeout as wait } from 'node:timers/promises';
import { PlyError, type Logger } from '@ply/core';
import WebSocket from 'ws';
import type { LiveApiOptions } from './liveapi-options.js';

/** What the consumer needs: where, the key, the run's signal, and what to do with each message. */
export interface LiveApiConsumer {
  url: string;
  apiKey: string;
  signal: AbortSignal;
  log: Logger;
  options: LiveApiOptions;
  /** Tells the supervisor the trigger is alive (each message and each pong, as the reference does). */
  heartbeat(): void;
  /** Called for each raw message, one at a time and in arrival order. */
  onMessage(raw: string): Promise<void>;
}

/** How one connection ended. */
interface Outcome {
  opened: boolean;
  reason: string;
  /** The LiveAPI refused the key: reconnecting cannot help. */
  refused?: number;
}

/**
 * One connection: the key as the `access_token_cookie` cookie; once open, `{"action": "upgrade"}`
 * asks the LiveAPI for v2 notifications besides v1; a ping every `pingIntervalMs`, and a pong
 * missing after `pongTimeoutMs` drops the connection.
 */
function connectOnce(consumer: LiveApiConsumer, enqueue: (raw: string) => void): Promise<Outcome> {
  return new Promise((resolve) => {
    const socket = new WebSocket(consumer.url, { headers: { cookie: `access_token_cookie=${consumer.apiKey}` } });
    const outcome: Outcome = { opened: false, reason: 'closed' };
    let pongTimer: NodeJS.Timeout | undefined;
    const ping = setInterval(() => {
      if (socket.readyState !== WebSocket.OPEN) return;
      socket.ping();
      pongTimer ??= setTimeout(() => {
        outcome.reason = `no pong within ${consumer.options.pongTimeoutMs} ms`;
        socket.terminate();
      }, consumer.options.pongTimeoutMs);
    }, consumer.options.pingIntervalMs);
    const onAbort = (): void => socket.close(1000);
    consumer.signal.addEventListener('abort', onAbort, { once: true });
    socket.on('open', () => {
      outcome.opened = true;
      consumer.log.info('LiveAPI connected, asking for v2 notifications');
      socket.send('{"action": "upgrade"}');
      consumer.heartbeat();
    });
    socket.on('pong', () => {
      clearTimeout(pongTimer);
      pongTimer = undefined;
      consumer.heartbeat();
    });
    socket.on('message', (data: WebSocket.RawData) => {
      consumer.heartbeat();
      enqueue(data.toString());
    });
    socket.on('unexpected-response', (_request, response) => {
      outcome.reason = `HTTP ${response.statusCode}`;
      if (response.statusCode === 401 || response.statusCode === 403) outcome.refused = response.statusCode;
      socket.terminate();
    });
    socket.on('error', (error) => {
      outcome.reason = error.message;
    });
    socket.on('close', () => {
      clearInterval(ping);
      clearTimeout(pongTimer);
      consumer.signal.removeEventListener('abort', onAbort);
      resolve(outcome);
    });
  });
}

/**
 * Reads LiveAPI notifications until the signal aborts, reconnecting with exponential backoff and
 * jitter (reset once a connection opened). Messages are handled one at a time, in order; a handler
 * that fails is logged, never fatal. A key the LiveAPI refuses (401/403) ends the trigger with
 * PLY_CONFIGURATION_INVALID instead of reconnecting forever.
 */
export async function consumeLiveApi(consumer: LiveApiConsumer): Promise<void> {
  let queue = Promise.resolve();
  const enqueue = (raw: string): void => {
    queue = queue.then(() =>
      consumer.onMessage(raw).catch((error: unknown) => {
        consumer.log.error('LiveAPI notification could not be handled', { error: error instanceof Error ? error.message : String(error) });
      }),
    );
  };

  let failures = 0;
  while (!consumer.signal.aborted) {
    const { opened, reason, refused } = await connectOnce(consumer, enqueue);
    if (consumer.signal.aborted) break;
    if (refused !== undefined) {
      await queue;
      throw new PlyError('PLY_CONFIGURATION_INVALID', `the LiveAPI refused the Sekoia.io API key (HTTP ${refused})`, { details: { status: refused } });
    }
    if (opened) failures = 0;
    const { reconnectBaseMs, reconnectMaxMs } = consumer.options;
    const delayMs = Math.min(reconnectMaxMs, reconnectBaseMs * 2 ** failures + Math.random() * reconnectBaseMs);
    failures += 1;
    consumer.log.warn('LiveAPI connection lost, reconnecting', { reason, attempt: failures, delayMs: Math.round(delayMs) });
    await wait(delayMs, undefined, { signal: consumer.signal }).catch(() => undefined);
  }
  await queue;
}
