import type { HttpClient } from '@ply/core';
import type { IntakeTransport } from './intake-sink.js';

/** Where a connector instance's events go: a Sekoia-style intake `/batch` endpoint and its key. */
export interface HttpIntakeTarget {
  /** The full URL of the batch endpoint, e.g. `https://intake.sekoia.io/batch`. */
  url: string;
  intakeKey: string;
}

/**
 * Sends a batch the way Sekoia's connectors do (`Connector.push_events_to_intakes`):
 * `POST <url>` with `{ intake_key, jsons: [<event as a JSON string>, ...] }`, answered with
 * `{ event_ids: [...] }` in the same order. One attempt per call: the {@link IntakeSink} retries
 * the batch. A string event is sent as is (the SDK does the same).
 */
export class HttpIntakeTransport implements IntakeTransport {
  constructor(
    private readonly http: HttpClient,
    private readonly target: HttpIntakeTarget,
  ) {}

  async send(events: unknown[]): Promise<string[]> {
    const jsons = events.map((event) => (typeof event === 'string' ? event : JSON.stringify(event)));
    const response = await this.http.request<{ event_ids?: unknown }>(this.target.url, {
      method: 'POST',
      json: { intake_key: this.target.intakeKey, jsons },
      retry: false,
      responseType: 'json',
    });
    const ids = response.body?.event_ids;
    return Array.isArray(ids) ? ids.map((id) => String(id)) : events.map(() => '');
  }
}
