import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { startRequestLog, toPlyError, type PinoLogger, type RequestLog } from '@ply/core';
import { httpStatusOf } from './error-status.js';
import { tooLarge, UTF8 } from './request-input.js';
import { DEMO_RECEIVER_PATH, receiveDemoMessage } from './demo-receiver.routes.js';
import type { Runtime } from './runtime.js';
import type { WebhookReceiver } from './webhook-receiver.js';

/** The route the request line names, as Hono's `routePath` gives it for the same call. */
const ROUTE = '/hooks/:id';
/** A playbook id as the path carries it, plain (anything else, percent-encoded or not, goes to Hono, which decodes it). */
const PLAIN_ID = /^[A-Za-z0-9._~-]+$/;
/** After an answer sent before the body ended, what is still read and thrown away, and for how long, before the connection is closed. */
const DRAIN_BYTES = 64 * 1024 * 1024;
const DRAIN_MS = 500;

/**
 * The raw body, bounded: a declared Content-Length over `limit` is refused before a byte is read,
 * a chunked body as soon as the bytes read pass it (the rest is left unread: paused, then drained
 * once the answer is sent).
 */
function bodyOf(request: IncomingMessage, limit: number): Promise<Buffer> {
  if (Number(request.headers['content-length'] ?? 0) > limit) return Promise.reject(tooLarge(limit));
  // A caller gone before its body ended (here or while reading below): nothing is accepted, nothing waits for ever.
  const gone = () => new Error('the caller closed the connection before the body ended');
  if (request.destroyed) return Promise.reject(gone());
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const stop = () => {
      request.off('data', onData);
      request.off('end', onEnd);
      request.off('error', onError);
      request.off('close', onClose);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.byteLength;
      if (size > limit) {
        stop();
        request.pause();
        reject(tooLarge(limit));
      } else chunks.push(chunk);
    };
    const onEnd = () => {
      stop();
      resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size));
    };
    const onError = (error: Error) => {
      stop();
      reject(error);
    };
    const onClose = () => onError(gone());
    request.on('data', onData);
    request.on('end', onEnd);
    request.on('error', onError);
    request.on('close', onClose);
  });
}

/** Reads and discards what the caller still sends after its answer (bounded in bytes and time), so a kept-alive connection can serve its next request. */
function drain(request: IncomingMessage): void {
  if (request.readableEnded || request.destroyed) return;
  let read = 0;
  const close = () => {
    clearTimeout(timer);
    request.socket.destroySoon();
  };
  const timer = setTimeout(close, DRAIN_MS);
  timer.unref();
  request.on('data', (chunk: Buffer) => {
    read += chunk.byteLength;
    if (read > DRAIN_BYTES) close();
  });
  request.once('end', () => clearTimeout(timer));
  request.resume();
}

function send(request: IncomingMessage, response: ServerResponse, log: RequestLog, status: number, body: string, route = ROUTE, type = 'application/json'): void {
  response.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(body), 'x-request-id': log.requestId });
  response.end(body);
  log.finish(status, route);
  if (!request.readableEnded) response.once('finish', () => drain(request));
}

/** The error body and status the Hono app's error handler gives (server-app.ts). */
function sendError(request: IncomingMessage, response: ServerResponse, log: RequestLog, thrown: unknown, route = ROUTE): void {
  const error = toPlyError(thrown);
  const status = httpStatusOf(error);
  if (status >= 500) log.log.error('request failed', { code: error.code, error: error.message });
  send(request, response, log, status, JSON.stringify({ error: { code: error.code, message: error.message, details: error.details } }), route);
}

async function answer(receiver: WebhookReceiver, request: IncomingMessage, response: ServerResponse, log: RequestLog, id: string): Promise<void> {
  const { headers } = request;
  try {
    const { executionId } = await receiver.accept({ id, header: (name) => headers[name] as string | undefined, body: (limit) => bodyOf(request, limit) });
    send(request, response, log, 202, `{"executionId":${JSON.stringify(executionId)}}`);
  } catch (thrown) {
    sendError(request, response, log, thrown);
  }
}

/** The log of a POST answered here, with the caller's request id when it sent a valid one. */
function requestLog(root: PinoLogger, request: IncomingMessage, path: string): RequestLog {
  return startRequestLog(root, { method: 'POST', path, requestId: request.headers['x-request-id'] as string | undefined });
}

/** `POST /demo/receiver` as the Hono route answers it (demo-receiver.routes.ts: the same {@link receiveDemoMessage}). */
async function answerDemo(store: Runtime['store'], request: IncomingMessage, response: ServerResponse, log: RequestLog): Promise<void> {
  try {
    await receiveDemoMessage(store, log.log, async (limit) => UTF8.decode(await bodyOf(request, limit)));
    send(request, response, log, 200, 'ok', DEMO_RECEIVER_PATH, 'text/plain; charset=UTF-8');
  } catch (thrown) {
    sendError(request, response, log, thrown, DEMO_RECEIVER_PATH);
  }
}

/**
 * `POST /hooks/{id}` served straight on node:http, in front of the Hono app: a webhook is the one
 * request a flood brings, and Hono's web Request and Response per call (its adapter, routing,
 * middleware) cost a third of a webhook's CPU. What is answered is what the Hono route answers
 * (the same {@link WebhookReceiver}, the error bodies and statuses of the app's error handler, the
 * request id and the request's log line); every other request goes to `fallback`, the Hono app.
 * With `demoReceiver`, `POST /demo/receiver` too: the demo run's own request, so that a server
 * that has run only the demo has not loaded Hono's node:http adapter (and, through it, Node's
 * fetch) either (see runtime-server.ts).
 */
export function webhookListener(receiver: WebhookReceiver, root: PinoLogger, fallback: RequestListener, options: { demoReceiver?: Runtime['store'] } = {}): RequestListener {
  const demo = options.demoReceiver;
  return (request, response) => {
    const url = request.url ?? '';
    if (request.method !== 'POST') return fallback(request, response);
    const query = url.indexOf('?');
    const path = query === -1 ? url : url.slice(0, query);
    if (demo && path === DEMO_RECEIVER_PATH) return void answerDemo(demo, request, response, requestLog(root, request, path));
    if (!url.startsWith('/hooks/')) return fallback(request, response);
    const id = path.slice('/hooks/'.length);
    if (!PLAIN_ID.test(id)) return fallback(request, response);
    void answer(receiver, request, response, requestLog(root, request, path), id);
  };
}
