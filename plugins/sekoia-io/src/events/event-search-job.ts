import { setTimeout as wait } from 'node:timers/promises';
import { PlyError, type Logger } from '@ply/core';
import type { SekoiaApi } from '../sekoia-api.js';
import { deadlineError } from './job-deadline.js';
import type { SearchJobLimits } from './search-job-limits.js';

const JOBS = 'v1/sic/conf/events/search/jobs';

/** Job statuses of the events API: 0 not started, 1 in progress, 2 done; 3 and 4 are failures. */
const NOT_STARTED = 0;
const IN_PROGRESS = 1;
const DONE = 2;

/** What a search job asks for. */
export interface SearchJobQuery {
  query: string;
  earliest_time: string;
  latest_time: string;
  /** `max_last_events` of the job. */
  limit?: number;
}

interface Page<T> {
  items?: T[];
  total: number;
}

/** A field and its most common values, as `…/jobs/{uuid}/fields` lists them. */
export interface JobField {
  name: string;
  most_common_values?: Array<Record<string, unknown>>;
}

interface JobOptions {
  limits: SearchJobLimits;
  signal: AbortSignal;
  log: Logger;
}

/**
 * Sekoia.io event search jobs (`api/v1/sic/conf/events/search/jobs`): create, wait within
 * bounded limits, read pages. Every failure names the job uuid, the run's deadline included.
 */
export class EventSearchJob {
  private constructor(
    private readonly api: SekoiaApi,
    readonly uuid: string,
    private readonly options: JobOptions,
  ) {}

  /** `POST …/search/jobs` with the reference's body (`visible: false`). */
  static async create(api: SekoiaApi, query: SearchJobQuery, options: JobOptions): Promise<EventSearchJob> {
    const body: Record<string, unknown> = { term: query.query, earliest_time: query.earliest_time, latest_time: query.latest_time, visible: false };
    if (query.limit !== undefined) body['max_last_events'] = query.limit;
    let job: { uuid?: unknown } | undefined;
    try {
      // As the reference retries it: a second job, should the first answer be lost, only costs a search.
      job = await api.request<{ uuid?: unknown }>(JOBS, { method: 'POST', json: body, idempotent: true });
    } catch (error) {
      throw deadlineError(options.signal, 'the event search job was still being created', error);
    }
    if (typeof job?.uuid !== 'string') throw new PlyError('PLY_VENDOR_JOB_FAILED', 'the event search job was created without a uuid in the answer');
    options.log.info('event search job created', { job: job.uuid });
    return new EventSearchJob(api, job.uuid, options);
  }

  /** Runs `work`; if the run's deadline stops it, the error names this job and what it was doing. */
  async guard<T>(doing: string, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      throw deadlineError(this.options.signal, `event search job ${this.uuid} was still ${doing}`, error);
    }
  }

  /** Waits for the job to start, then to complete; only status 2 counts as success. */
  async waitUntilDone(): Promise<void> {
    const { startTimeoutMs, completeTimeoutMs } = this.options.limits;
    await this.guard('waiting to start', () => this.waitWhile(NOT_STARTED, 'start', startTimeoutMs));
    const status = await this.guard('running', () => this.waitWhile(IN_PROGRESS, 'complete', completeTimeoutMs));
    if (status !== DONE) {
      throw new PlyError('PLY_VENDOR_JOB_FAILED', `event search job ${this.uuid} ended with status ${status}`, { details: { job: this.uuid, status } });
    }
  }

  /** Up to `limit` events, read `pageSize` at a time from `…/events` (the reference reads 100 at a time). */
  events(limit: number, pageSize = Math.min(limit, 100)): Promise<unknown[]> {
    return this.guard('being read', async () => {
      const events: unknown[] = [];
      let total: number | undefined;
      for (let offset = 0; total === undefined || offset < total; offset += pageSize) {
        const page = await this.page(Math.min(pageSize, limit - offset), offset);
        if (!page.items || page.items.length === 0) {
          if (events.length < page.total && events.length < limit) {
            this.options.log.warn('fewer events fetched than the job reported', { job: this.uuid, fetched: events.length, total: page.total });
          }
          break;
        }
        events.push(...page.items);
        total = Math.min(page.total, limit);
      }
      return events.slice(0, limit);
    });
  }

  /** How many events the job found (one page of one event, its `total`). */
  total(): Promise<number> {
    return this.guard('being read', async () => (await this.page(1, 0)).total);
  }

  private page(limit: number, offset: number): Promise<Page<unknown>> {
    return this.api.request<Page<unknown>>(`${JOBS}/${encodeURIComponent(this.uuid)}/events`, { query: { limit, offset } });
  }

  /** The requested fields found in `…/fields`, read 1000 at a time until all are found or the list ends. */
  fields(requested: ReadonlySet<string>): Promise<Map<string, JobField['most_common_values']>> {
    return this.guard('being read', async () => {
      const found = new Map<string, JobField['most_common_values']>();
      const pageSize = 1000;
      let offset = 0;
      for (;;) {
        const page = await this.api.request<Page<JobField>>(`${JOBS}/${encodeURIComponent(this.uuid)}/fields`, { query: { limit: pageSize, offset } });
        const items = page.items ?? [];
        offset += items.length;
        for (const item of items) if (requested.has(item.name)) found.set(item.name, item.most_common_values ?? []);
        if (items.length === 0 || offset >= page.total || found.size === requested.size) return found;
      }
    });
  }

  private async status(): Promise<number> {
    const job = await this.api.request<{ status?: unknown }>(`${JOBS}/${encodeURIComponent(this.uuid)}`);
    if (typeof job?.status !== 'number') {
      throw new PlyError('PLY_VENDOR_JOB_FAILED', `event search job ${this.uuid} has no status in its answer`, { details: { job: this.uuid } });
    }
    return job.status;
  }

  private async waitWhile(waitingStatus: number, step: string, timeoutMs: number): Promise<number> {
    const started = Date.now();
    let status = await this.status();
    while (status === waitingStatus) {
      if (Date.now() - started >= timeoutMs) {
        throw new PlyError('PLY_VENDOR_JOB_TIMEOUT', `event search job ${this.uuid} took more than ${timeoutMs} ms to ${step}`, {
          details: { job: this.uuid, status, step, timeoutMs },
        });
      }
      await wait(this.options.limits.pollIntervalMs, undefined, { signal: this.options.signal });
      status = await this.status();
    }
    return status;
  }
}
