import { connect } from 'node:net';
import { PlyError } from '@ply/core';

/** At most this much of one answer is kept (WHOIS answers are a few kilobytes). */
const MAX_ANSWER_BYTES = 1024 * 1024;

/** Where a WHOIS server is reached: a route of the configuration, else `host[:port]` (port 43). */
export function serverAddress(server: string, routes: Readonly<Record<string, string>>): { host: string; port: number } {
  const target = routes[server.toLowerCase()] ?? routes[server] ?? server;
  const match = /^(.+?)(?::(\d{1,5}))?$/.exec(target)!;
  return { host: match[1]!, port: match[2] ? Number(match[2]) : 43 };
}

/**
 * One WHOIS query (RFC 3912): connect to TCP port 43, send the query and CRLF, read the answer
 * until the server closes the connection.
 */
export function whoisQuery(server: string, query: string, options: { routes: Readonly<Record<string, string>>; timeoutMs: number; signal: AbortSignal }): Promise<string> {
  const { host, port } = serverAddress(server, options.routes);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let bytes = 0;
    const socket = connect({ host, port });
    const fail = (error: PlyError): void => {
      socket.destroy();
      options.signal.removeEventListener('abort', onAbort);
      reject(error);
    };
    const onAbort = (): void => fail(new PlyError('PLY_ACTION_CANCELLED', `the WHOIS query to ${server} was cancelled`));
    options.signal.addEventListener('abort', onAbort, { once: true });
    socket.setTimeout(options.timeoutMs, () => fail(new PlyError('PLY_HTTP_TIMEOUT', `WHOIS server ${server} did not answer within ${options.timeoutMs / 1000} s`, { details: { server } })));
    socket.on('connect', () => socket.write(`${query}\r\n`));
    socket.on('data', (chunk: Buffer) => {
      bytes += chunk.length;
      if (bytes > MAX_ANSWER_BYTES) return fail(new PlyError('PLY_VENDOR_RESPONSE_INVALID', `WHOIS server ${server} answered more than ${MAX_ANSWER_BYTES} bytes`, { details: { server } }));
      chunks.push(chunk);
    });
    socket.on('error', (error: NodeJS.ErrnoException) => fail(new PlyError('PLY_NETWORK_ERROR', `WHOIS server ${server} could not be reached (${error.code ?? error.message})`, { details: { server, code: error.code } })));
    socket.on('end', () => {
      options.signal.removeEventListener('abort', onAbort);
      socket.destroy();
      resolve(Buffer.concat(chunks).toString('utf8'));
    });
  });
}
