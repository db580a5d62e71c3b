import { decodeBody, writeVendorFixture, type RecordedExchange } from './vendor-fixture.js';
import { startFakeServer, type FakeServer } from './fake-server.js';
import { SecretScrubber, type ScrubOptions } from './secret-scrubber.js';

export interface RecordingProxyOptions extends ScrubOptions {
  /** The real vendor base URL (its path is kept as a prefix: `https://api.example.com/v2/`). */
  target: string;
  /** Where `close()` writes the fixture (JSON). */
  fixtureFile: string;
}

export interface RecordingProxy extends FakeServer {
  /** Exchanges recorded so far, already scrubbed. */
  exchanges: RecordedExchange[];
}

const DROP_REQUEST = new Set(['host', 'connection', 'content-length', 'transfer-encoding', 'keep-alive', 'accept-encoding']);
const DROP_RESPONSE = new Set(['connection', 'content-length', 'transfer-encoding', 'keep-alive', 'content-encoding']);

/**
 * A proxy on 127.0.0.1 that forwards every request to the real vendor, answers with the real
 * response, and records each exchange with secrets scrubbed; `close()` writes the fixture.
 * Point the plugin's base URL at `proxy.url` once, commit the fixture, replay it ever after.
 */
export async function startRecordingProxy(options: RecordingProxyOptions): Promise<RecordingProxy> {
  const base = options.target.endsWith('/') ? options.target : `${options.target}/`;
  const exchanges: RecordedExchange[] = [];
  const scrubber = new SecretScrubber(options);
  const server = await startFakeServer(async (request) => {
    const incoming = new URL(request.url);
    const path = `${incoming.pathname}${incoming.search}`;
    const headers = new Headers([...request.headers].filter(([name]) => !DROP_REQUEST.has(name.toLowerCase())));
    const requestText = request.method === 'GET' || request.method === 'HEAD' ? '' : await request.text();
    const upstream = await fetch(new URL(path.replace(/^\//, ''), base), {
      method: request.method,
      headers,
      redirect: 'manual',
      ...(requestText === '' ? {} : { body: requestText }),
    });
    const responseText = await upstream.text();
    exchanges.push(
      scrubber.exchange({
        request: { method: request.method, path, headers: Object.fromEntries(headers), body: decodeBody(requestText) },
        response: { status: upstream.status, headers: Object.fromEntries(upstream.headers), body: decodeBody(responseText) },
      }),
    );
    const responseHeaders = new Headers([...upstream.headers].filter(([name]) => !DROP_RESPONSE.has(name.toLowerCase())));
    return new Response(responseText === '' ? null : responseText, { status: upstream.status, headers: responseHeaders });
  });
  return {
    url: server.url,
    exchanges,
    close: async () => {
      await server.close();
      writeVendorFixture(options.fixtureFile, { recordedFrom: new URL(base).origin, exchanges });
    },
  };
}
