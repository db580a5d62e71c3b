import { Agent as HttpAgent, request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { Socket } from 'node:net';
import { PlyError } from '@ply/core';
import { NtlmClient, splitAccount } from '../ntlm/ntlm-client.js';
import type { NtlmSession } from '../ntlm/ntlm-session.js';
import { decryptMessage, encryptMessage, ENCRYPTED_CONTENT_TYPE, SPNEGO_ENCRYPTED } from './encrypted-message.js';

/** Where and how to reach one server's WinRM listener. */
export interface WinRmTarget {
  endpoint: URL;
  auth: 'ntlm' | 'basic';
  username: string;
  password: string;
  /** Seal every message with the NTLM session (MS-WSMV §2.2.9.1); NTLM only. */
  encrypt: boolean;
  tls: { verify: boolean; ca?: string | undefined };
  /** Per HTTP exchange. */
  timeoutMs: number;
}

/**
 * The kept-alive connection was closed by the server before it read the request (Node's advice for
 * keep-alive agents: a reused socket ending in ECONNRESET may be retried): authenticate a new one.
 */
class StaleConnection extends Error {}

interface Exchange {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
  socket: Socket | undefined;
}

const SOAP = 'application/soap+xml;charset=UTF-8';

/** `cleanup`: a message sent after the run was cancelled (deleting its shell), bounded by the timeout only. */
export interface SendOptions {
  cleanup?: boolean;
}

/**
 * HTTP for WinRM on one kept-alive connection: NTLM authenticates the TCP connection, not a
 * request, so every message of a session goes over the socket the handshake used (an agent of
 * one socket); a connection the server closed is authenticated again. Not the run's HTTP client:
 * it cannot pin a connection, and WinRM messages are not safe to repeat; timeouts, cancellation
 * and error wording follow it.
 */
export class WinRmTransport {
  private readonly agent: HttpAgent;
  private session: NtlmSession | undefined;
  private authenticated: Socket | undefined;

  constructor(
    private readonly target: WinRmTarget,
    private readonly signal: AbortSignal,
  ) {
    const https = target.endpoint.protocol === 'https:';
    this.agent = https ? new HttpsAgent({ keepAlive: true, maxSockets: 1, rejectUnauthorized: target.tls.verify, ...(target.tls.ca ? { ca: target.tls.ca } : {}) }) : new HttpAgent({ keepAlive: true, maxSockets: 1 });
  }

  /** Posts one SOAP message; resolves with the HTTP status and the (decrypted) SOAP text. */
  async send(xml: string, options: SendOptions = {}): Promise<{ status: number; xml: string }> {
    const message = Buffer.from(xml, 'utf8');
    if (this.target.auth === 'basic') {
      const basic = `Basic ${Buffer.from(`${this.target.username}:${this.target.password}`).toString('base64')}`;
      const post = () => this.post({ authorization: basic, 'content-type': SOAP }, message, options.cleanup);
      return this.answer(await post().catch((error: unknown) => (error instanceof StaleConnection ? post() : Promise.reject(error))));
    }
    for (let again = false; ; again = true) {
      let exchange: Exchange;
      try {
        if (!this.session) await this.handshake(options.cleanup);
        const session = this.session!;
        exchange = this.target.encrypt
          ? await this.post({ 'content-type': ENCRYPTED_CONTENT_TYPE }, encryptMessage(session, message), options.cleanup)
          : await this.post({ 'content-type': SOAP }, message, options.cleanup);
      } catch (error) {
        if (!(error instanceof StaleConnection) || again) throw error instanceof StaleConnection ? error.cause : error;
        this.session = undefined;
        continue;
      }
      // A new connection knows nothing of the NTLM context: authenticate it once, then send again.
      if (exchange.status === 401 && exchange.socket !== this.authenticated && !again) {
        this.session = undefined;
        continue;
      }
      return this.answer(exchange);
    }
  }

  close(): void {
    this.agent.destroy();
  }

  private answer(exchange: Exchange): { status: number; xml: string } {
    if (exchange.status === 401) throw this.refused();
    const type = String(exchange.headers['content-type'] ?? '');
    if (this.session && type.includes(`protocol="${SPNEGO_ENCRYPTED}"`)) {
      try {
        return { status: exchange.status, xml: decryptMessage(this.session, exchange.body).toString('utf8') };
      } catch (error) {
        throw new PlyError('PLY_VENDOR_RESPONSE_INVALID', `${this.where()} answered an encrypted message that does not decrypt: ${(error as Error).message}`);
      }
    }
    if (this.target.encrypt && this.target.auth === 'ntlm' && exchange.status < 300) throw new PlyError('PLY_VENDOR_RESPONSE_INVALID', `${this.where()} answered without encryption, which this session requires`);
    return { status: exchange.status, xml: exchange.body.toString('utf8') };
  }

  /** NEGOTIATE, CHALLENGE, AUTHENTICATE on empty bodies over one connection (as pywinrm sets up an encrypted session). */
  private async handshake(cleanup: boolean | undefined): Promise<void> {
    const client = new NtlmClient({ ...splitAccount(this.target.username), password: this.target.password });
    const first = await this.post({ authorization: `Negotiate ${client.negotiate().toString('base64')}` }, Buffer.alloc(0), cleanup);
    const offered = String(first.headers['www-authenticate'] ?? '');
    const token = /(?:^|,\s*)(?:Negotiate|NTLM) ([A-Za-z0-9+/=]+)/.exec(offered)?.[1];
    if (first.status !== 401 || !token) {
      if (first.status === 401) throw new PlyError('PLY_VENDOR_HTTP_ERROR', `${this.where()} does not offer NTLM authentication (it offers: ${offered || 'nothing'})`, { details: { status: 401 } });
      throw new PlyError('PLY_VENDOR_HTTP_ERROR', `${this.where()} answered HTTP ${first.status} to the NTLM negotiation`, { details: { status: first.status } });
    }
    let authenticate: ReturnType<NtlmClient['authenticate']>;
    try {
      authenticate = client.authenticate(Buffer.from(token, 'base64'));
    } catch (error) {
      throw new PlyError('PLY_VENDOR_RESPONSE_INVALID', `${this.where()} sent an NTLM challenge Ply cannot use: ${(error as Error).message}`);
    }
    const second = await this.post({ authorization: `Negotiate ${authenticate.token.toString('base64')}` }, Buffer.alloc(0), cleanup);
    if (second.status === 401) throw this.refused();
    if (second.socket !== first.socket) throw new PlyError('PLY_NETWORK_ERROR', `${this.where()} closed the connection during NTLM authentication`);
    if (second.status >= 300) throw new PlyError('PLY_VENDOR_HTTP_ERROR', `${this.where()} answered HTTP ${second.status} to the NTLM authentication`, { details: { status: second.status } });
    this.session = authenticate.session;
    this.authenticated = second.socket;
  }

  private refused(): PlyError {
    return new PlyError('PLY_VENDOR_HTTP_ERROR', `${this.where()} refused the credentials of the account (HTTP 401)`, { details: { status: 401, url: this.where() } });
  }

  private where(): string {
    return `${this.target.endpoint.origin}${this.target.endpoint.pathname}`;
  }

  /** One POST on the agent's socket, bounded by the timeout, the run's signal and the call's own signal. */
  private post(headers: Record<string, string>, body: Buffer, cleanup: boolean | undefined): Promise<Exchange> {
    const send = this.target.endpoint.protocol === 'https:' ? httpsRequest : httpRequest;
    const signals = cleanup ? [] : [this.signal];
    return new Promise<Exchange>((resolve, reject) => {
      let socket: Socket | undefined;
      const request = send(this.target.endpoint, { method: 'POST', agent: this.agent, headers: { ...headers, 'content-length': body.length, 'user-agent': 'Ply WinRM client' } }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          finish();
          resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks), socket });
        });
        response.on('error', fail);
      });
      const timer = setTimeout(() => fail(new PlyError('PLY_HTTP_TIMEOUT', `POST ${this.where()} timed out after ${this.target.timeoutMs} ms`, { details: { url: this.where(), timeoutMs: this.target.timeoutMs } })), this.target.timeoutMs);
      const onAbort = () => fail(new PlyError('PLY_ACTION_CANCELLED', `POST ${this.where()} cancelled`));
      function finish() {
        clearTimeout(timer);
        for (const s of signals) s.removeEventListener('abort', onAbort);
      }
      const where = this.where();
      function fail(error: unknown) {
        finish();
        request.destroy();
        if (error instanceof PlyError) return reject(error);
        const code = (error as { code?: string }).code;
        if (code === 'ECONNRESET' && request.reusedSocket) return reject(new StaleConnection('stale connection', { cause: new PlyError('PLY_NETWORK_ERROR', `POST ${where} failed: network error ECONNRESET`, { details: { code, url: where } }) }));
        if (code && /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS/.test(code)) return reject(new PlyError('PLY_NETWORK_ERROR', `POST ${where} failed: its TLS certificate is not trusted (${code}); trust its CA (ca_certificate), or turn certificate verification off for this server`, { details: { code } }));
        reject(new PlyError('PLY_NETWORK_ERROR', `POST ${where} failed: network error${code ? ` ${code}` : ''}`, { details: { code, url: where } }));
      }
      request.on('socket', (s) => {
        socket = s;
      });
      request.on('error', fail);
      for (const s of signals) {
        if (s.aborted) return onAbort();
        s.addEventListener('abort', onAbort, { once: true });
      }
      request.end(body);
    });
  }
}
