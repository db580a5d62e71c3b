import { z } from 'zod';

/** The reference caps both the job's `max_last_events` and the page size at 100. */
export const MAX_SEARCH_LIMIT = 100;

/** Arguments every event search job takes: the query, its time range, and how many results. */
export const searchJobArguments = {
  query: z.string().describe('Event search query'),
  earliest_time: z.string().describe('The earliest time of the time range of the search'),
  latest_time: z.string().describe('The latest time of the time range of the search'),
  limit: z.number().min(1).max(MAX_SEARCH_LIMIT).default(100).describe('Maximum number of events to retrieve'),
};
