import { PlyError, type HttpClient, type HttpRequestOptions, type HttpResponse } from '@ply/core';
import type { SekoiaAlert } from './schemas/sekoia-alert.js';
import { apiKeyOf, sekoiaApiRoot } from './configuration.js';

/** Where the API lives and the key that opens it. */
export interface SekoiaApiOptions {
  /** Root the `v1/...` paths are relative to, with a trailing slash. */
  apiRoot: string;
  apiKey: string;
}

function withSlash(url: string): string {
  return url.endsWith('/') ? url : `${url}/`;
}

/**
 * The Sekoia.io REST API for code that is not a REST declaration (triggers, search jobs) and for
 * the plugins that read Sekoia.io alerts (Mattermost, PagerDuty): Bearer auth, paths as the
 * reference modules call them, every request through the run's HTTP client.
 */
export class SekoiaApi {
  constructor(
    private readonly http: HttpClient,
    private readonly options: SekoiaApiOptions,
  ) {}

  /** The module configuration's `base_url` (`https://app.sekoia.io/`, or one ending in `/api`) serves `api/v1/...`. */
  static fromModuleConfiguration(http: HttpClient, configuration: { base_url: string; api_key?: string | undefined }): SekoiaApi {
    return new SekoiaApi(http, { apiRoot: sekoiaApiRoot(configuration.base_url), apiKey: apiKeyOf(configuration) });
  }

  /** Notification modules take an API base (e.g. `https://api.sekoia.io/`) serving `v1/...` directly. */
  static fromApiBase(http: HttpClient, baseUrl: string, apiKey: string): SekoiaApi {
    return new SekoiaApi(http, { apiRoot: withSlash(baseUrl), apiKey });
  }

  /** Sends an authenticated request to `path` (relative to the API root) and returns the body. */
  async request<T>(path: string, options: HttpRequestOptions = {}): Promise<T> {
    return (await this.send<T>(path, options)).body;
  }

  /** As {@link request}, returning the whole response (status, attempts). */
  send<T>(path: string, options: HttpRequestOptions = {}): Promise<HttpResponse<T>> {
    return this.http.request<T>(new URL(path, this.options.apiRoot), {
      ...options,
      headers: { accept: 'application/json', ...options.headers, authorization: `Bearer ${this.options.apiKey}` },
    });
  }

  /** The absolute URL of `path`, without query string (the form safe for messages). */
  url(path: string): string {
    const url = new URL(path, this.options.apiRoot);
    return `${url.origin}${url.pathname}`;
  }

  /**
   * `DELETE path`. As in Sekoia's GenericAPIAction, a 404 answered after a retry counts as
   * success: the first attempt most likely deleted the resource before its answer was lost.
   * A 204 (or any empty body) gives `{}`.
   */
  async delete<T = Record<string, unknown>>(path: string): Promise<T | Record<string, never>> {
    const response = await this.send<T | undefined>(path, { method: 'DELETE', throwOnHttpError: false });
    if (response.status === 404 && response.attempts > 1) return {};
    if (response.status < 200 || response.status >= 300) {
      const url = this.url(path);
      throw new PlyError('PLY_VENDOR_HTTP_ERROR', `DELETE ${url} answered HTTP ${response.status}`, { details: { status: response.status, method: 'DELETE', url, attempts: response.attempts } });
    }
    return response.body ?? {};
  }

  /** `GET v1/sic/alerts/{uuid}` */
  getAlert(uuid: string, options: { stix?: boolean; cases?: boolean } = {}): Promise<SekoiaAlert> {
    return this.request<SekoiaAlert>(`v1/sic/alerts/${encodeURIComponent(uuid)}`, { query: { stix: options.stix, cases: options.cases } });
  }
}
export type { SekoiaAlert } from './schemas/sekoia-alert.js';
export { alertAppUrl } from './alert-app-url.js';
