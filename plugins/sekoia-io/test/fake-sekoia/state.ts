/** Sekoia.io's default alert workflow: action uuid -> the status it moves the alert to. */
export const WORKFLOW: Record<string, { uuid: string; name: string }> = {
  '2efc4930-1442-4abb-acf2-58ba219a4fd0': { uuid: '2efc4930-1442-4abb-acf2-58ba219a4fd0', name: 'Pending' },
  '8f206505-af6d-433e-93f4-775d46dc7d0f': { uuid: '8f206505-af6d-433e-93f4-775d46dc7d0f', name: 'Acknowledged' },
  '1f2f88d5-ff5b-48bf-bbbc-00c2fff82d9f': { uuid: '1f2f88d5-ff5b-48bf-bbbc-00c2fff82d9f', name: 'Ongoing' },
  '4f68da89-38e0-4703-a6ab-652f02bdf24e': { uuid: '4f68da89-38e0-4703-a6ab-652f02bdf24e', name: 'Rejected' },
  '1738b1c1-767d-489e-bada-19176621a007': { uuid: '1738b1c1-767d-489e-bada-19176621a007', name: 'Closed' },
};

/** How a search job created from now on progresses: one status change per poll. */
export interface SearchJobPlan {
  /** Polls answered with status 0 before the job starts. */
  pollsNotStarted: number;
  /** Polls answered with status 1 before the job ends (Infinity: never ends). */
  pollsInProgress: number;
  /** The terminal status (2 done; 3 and 4 failed). */
  finalStatus: number;
}

export interface FakeSearchJob {
  uuid: string;
  body: Record<string, unknown>;
  polls: number;
  plan: SearchJobPlan;
}

export type Json = Record<string, unknown>;

/** The in-memory state behind the fake API; tests seed it and read what was written. */
export class FakeSekoiaState {
  alerts = new Map<string, Json>();
  comments = new Map<string, Json[]>();
  cases = new Map<string, { uuid: string; short_id: string; alerts: string[] }>();
  assetsV1 = new Map<string, Json>();
  assetsV2 = new Map<string, Json>();
  jobs = new Map<string, FakeSearchJob>();
  jobPlan: SearchJobPlan = { pollsNotStarted: 1, pollsInProgress: 1, finalStatus: 2 };
  /** Events every search job finds. */
  events: Json[] = [];
  /** Fields and their most common values every search job reports. */
  fields: Array<{ name: string; most_common_values: Json[] }> = [];
  /** Every `/batch` body the intake accepted, in arrival order. */
  batches: Array<{ intake_key: string; jsons: string[] }> = [];
  /** The event each id the intake minted stands for. */
  eventIds = new Map<string, string>();
  /** Delay (ms) before answering the n-th batch, to make chunks answer out of order. */
  batchDelays: number[] = [];
  /** Every request, `METHOD path?query`, for assertions on what was sent. */
  requests: Array<{ method: string; url: string; authorization?: string | undefined; body?: unknown }> = [];

  alert(idOrShortId: string): Json | undefined {
    return this.alerts.get(idOrShortId) ?? [...this.alerts.values()].find((alert) => alert['short_id'] === idOrShortId);
  }
}
