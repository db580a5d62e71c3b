import { PlyError, isPlyError, type HttpClient, type HttpRequestOptions } from '@ply/core';
import type { OutputAlert } from './alert.schema.js';
import type { TheHiveConfiguration } from './configuration.js';
import type { InputObservable, OutputObservable } from './observable.schema.js';

function withSlash(url: string): string {
  return url.endsWith('/') ? url : `${url}/`;
}

/** The body of `POST /api/v1/alert` (TheHive 5's `InputAlert`). */
export type InputAlert = Record<string, unknown> & { type: string; source: string; sourceRef: string; title: string; description: string };

/**
 * TheHive 5's REST API (https://docs.strangebee.com/thehive/api-docs/): `Authorization: Bearer
 * <apikey>`, `X-Organisation` when configured. Errors come back as `{type, message}` (400
 * `CreateError`, 401 `AuthenticationError`, 403 `AuthorizationError`, 404 `NotFoundError`) and
 * surface as PLY_VENDOR_HTTP_ERROR with TheHive's message.
 */
export class TheHiveApi {
  constructor(
    private readonly http: HttpClient,
    private readonly configuration: TheHiveConfiguration,
  ) {}

  async request<T>(path: string, options: HttpRequestOptions = {}): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json', ...options.headers, authorization: `Bearer ${this.configuration.apikey}` };
    if (this.configuration.organisation) headers['x-organisation'] = this.configuration.organisation;
    const response = await this.http.request<T>(new URL(path, withSlash(this.configuration.base_url)), { ...options, headers, responseType: 'json' });
    return response.body;
  }

  /**
   * `POST api/v1/alert`. TheHive refuses a second alert with the same type, source and sourceRef
   * (400 `CreateError` "... already exists"): that case gets its own message and `duplicate: true`.
   */
  async createAlert(alert: InputAlert): Promise<OutputAlert> {
    try {
      return await this.request<OutputAlert>('api/v1/alert', { method: 'POST', json: alert });
    } catch (error) {
      if (!isDuplicateAlert(error)) throw error;
      const { type, source, sourceRef } = alert;
      throw new PlyError(
        'PLY_VENDOR_HTTP_ERROR',
        `TheHive already has an alert with type "${type}", source "${source}" and sourceRef "${sourceRef}": ${String(error.details['vendorMessage'])}`,
        { details: { ...error.details, duplicate: true, type, source, sourceRef } },
      );
    }
  }

  /** `POST api/v1/alert/{id}/observable`: TheHive answers with the list of created observables. */
  addObservable(alertId: string, observable: InputObservable): Promise<OutputObservable[]> {
    return this.request(`api/v1/alert/${encodeURIComponent(alertId)}/observable`, { method: 'POST', json: observable });
  }

  /** `GET api/v1/alert/{id}` */
  getAlert(alertId: string): Promise<OutputAlert> {
    return this.request(`api/v1/alert/${encodeURIComponent(alertId)}`);
  }
}

function isDuplicateAlert(error: unknown): error is PlyError {
  if (!isPlyError(error) || error.code !== 'PLY_VENDOR_HTTP_ERROR') return false;
  const status = error.details['status'];
  const message = String(error.details['vendorMessage'] ?? '');
  return (status === 400 || status === 409) && /alert/i.test(message) && /already exists/i.test(message);
}
