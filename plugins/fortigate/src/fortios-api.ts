import { PlyError, type HttpClient, type HttpRequestOptions } from '@ply/core';
import type { Firewall } from './configuration.js';

/** What FortiOS answers: `{ http_status, status: "success"|"error", results?, error?, cli_error? }`. */
export interface FortiOsAnswer {
  http_status?: number;
  status?: string;
  results?: Array<Record<string, unknown>>;
  error?: number;
  cli_error?: string;
  [key: string]: unknown;
}

/** The firewall as the results name it: its address and port (never its key). */
export function firewallName(firewall: Firewall): string {
  return `${firewall.base_ip}:${firewall.base_port}`;
}

/**
 * One firewall's CMDB API (`https://<base_ip>:<base_port>/api/v2/cmdb/...`, FortiOS REST API):
 * Bearer API key, `vdom` in the query, the firewall's own TLS settings.
 */
export class FortiOs {
  constructor(
    private readonly http: HttpClient,
    readonly firewall: Firewall,
  ) {}

  /** `GET path`: the answer, or undefined on 404 (no such entry). */
  async get(path: string): Promise<FortiOsAnswer | undefined> {
    const { status, body } = await this.call('GET', path);
    return status === 404 ? undefined : body;
  }

  /** `POST path` (a new entry) or `PUT path/<name>` (an existing one), with `entry` as the body. */
  async write(method: 'POST' | 'PUT', path: string, entry: Record<string, unknown>): Promise<void> {
    await this.call(method, path, entry);
  }

  private async call(method: NonNullable<HttpRequestOptions['method']>, path: string, json?: Record<string, unknown>): Promise<{ status: number; body: FortiOsAnswer }> {
    const url = new URL(`https://${this.firewall.base_ip}:${this.firewall.base_port}/api/v2/cmdb/${path}`);
    const response = await this.http.request<FortiOsAnswer | undefined>(url, {
      method,
      query: { vdom: this.firewall.vdom },
      headers: { authorization: `Bearer ${this.firewall.api_key}`, accept: 'application/json' },
      ...(json ? { json } : {}),
      throwOnHttpError: false,
      responseType: 'json',
      timeoutMs: 10_000,
      // Writes set a whole entry: doing it twice leaves the same firewall configuration.
      idempotent: true,
      tls: this.firewall.verify_certificate ? (this.firewall.ca_certificate ? { ca: this.firewall.ca_certificate } : {}) : { verify: false },
    });
    const body = response.body ?? {};
    if (response.status === 404 && method === 'GET') return { status: 404, body };
    if (response.status >= 200 && response.status < 300 && body.status !== 'error') return { status: response.status, body };
    throw refusal(method, url, response.status, body);
  }
}

/** FortiOS's refusal in words: the status, FortiOS's error number and CLI message when it gives them. */
function refusal(method: string, url: URL, status: number, body: FortiOsAnswer): PlyError {
  const where = `${method} ${url.origin}${url.pathname}`;
  const said = [body.cli_error, body.error !== undefined ? `error ${body.error}` : undefined].filter(Boolean).join(', ');
  if (status === 401 || status === 403) return new PlyError('PLY_VENDOR_HTTP_ERROR', `the firewall refused the API key (HTTP ${status}${said ? `: ${said}` : ''})`, { details: { status, method, url: `${url.origin}${url.pathname}` } });
  return new PlyError('PLY_VENDOR_HTTP_ERROR', `${where} answered HTTP ${status}${said ? `: ${said}` : ''}`, { details: { status, method, url: `${url.origin}${url.pathname}`, error: body.error } });
}
