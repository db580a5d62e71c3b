import { readFileSync } from 'node:fs';

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

/** The reference module's test samples (`Sekoia.io/tests/ic_oc_triggers/samples.py`), transcribed as JSON. */
export const SAMPLES = (JSON.parse(readFileSync(new URL('../fixtures/liveapi-samples.json', import.meta.url), 'utf8')) as { samples: Record<string, Json> }).samples;

/** The in-memory state behind the fake API; tests seed it and read what was written. */
export class FakeSekoiaState {
  alerts = new Map<string, Json>();
  comments = new Map<string, Json[]>();
  countermeasures = new Map<string, Json>();
  cases = new Map<string, Json>();
  caseComments = new Map<string, Json[]>();
  caseEvents = new Map<string, string[]>();
  assetsV1 = new Map<string, Json>();
  assetsV2 = new Map<string, Json>();
  /** Configuration objects by path (`conf/entities`, `communities`, `custom_statuses`...) and uuid. */
  objects = new Map<string, Map<string, Json>>();
  jobs = new Map<string, FakeSearchJob>();
  jobPlan: SearchJobPlan = { pollsNotStarted: 1, pollsInProgress: 1, finalStatus: 2 };
  /** Called on each status poll, before the answer (a test acting at an exact point of the wait). */
  onPoll?: (job: FakeSearchJob) => void;
  /** Events every search job finds. */
  events: Json[] = [];
  /** Fields and their most common values every search job reports. */
  fields: Array<{ name: string; most_common_values: Json[] }> = [];
  /** The intake keys the intake knows. */
  intakeKeys = new Set<string>();
  /** Every `/batch` body the intake accepted, in arrival order. */
  batches: Array<{ intake_key: string; jsons: string[] }> = [];
  /** The event each id the intake minted stands for. */
  eventIds = new Map<string, string>();
  /** Delay (ms) before answering the n-th batch, to make chunks answer out of order. */
  batchDelays: number[] = [];
  /** Intelligence: objects of each feed (served by cursor), objects by id, IOC collections, uploaded observables. */
  feeds = new Map<string, Json[]>();
  intelObjects = new Map<string, Json>();
  iocCollections = new Map<string, Array<{ format: string; value: string; valid_until?: string }>>();
  observables: unknown[] = [];
  /** Every request, `METHOD path?query`, for assertions on what was sent. */
  requests: Array<{ method: string; url: string; authorization?: string | undefined; body?: unknown }> = [];

  alert(idOrShortId: string): Json | undefined {
    return this.alerts.get(idOrShortId) ?? [...this.alerts.values()].find((alert) => alert['short_id'] === idOrShortId);
  }

  case(idOrShortId: string): Json | undefined {
    return this.cases.get(idOrShortId) ?? [...this.cases.values()].find((found) => found['short_id'] === idOrShortId);
  }

  /** Seeds the reference's sample alert and case (uuids `af0a370f-…` and `f014aac5-…`). */
  withSamples(): this {
    const alert = structuredClone(SAMPLES['sample_sicalertapi']!);
    this.alerts.set(String(alert['uuid']), alert);
    const found = structuredClone(SAMPLES['sample_siccaseapi']!);
    this.cases.set(String(found['uuid']), found);
    return this;
  }

  objectsAt(path: string): Map<string, Json> {
    let map = this.objects.get(path);
    if (!map) this.objects.set(path, (map = new Map()));
    return map;
  }
}
