import { z } from 'zod';
import { pagedEvents, queryEvents } from './common.schema.js';

/** Where and when a scanner saw a service. */
const origin = z.looseObject({
  module: z.string().optional(),
  port: z.number().int().optional(),
  ip: z.string().optional(),
  type: z.string().optional(),
  ts: z.number().int().optional(),
  country: z.string().optional(),
});

const target = z.looseObject({
  protocol: z.string().optional(),
  port: z.number().int().optional(),
  ip: z.string().optional(),
});

/** What the scan found: the port state and the service behind it (module-specific data besides). */
const result = z.looseObject({
  data: z
    .looseObject({
      state: z.looseObject({ state: z.string().optional() }).optional(),
      service: z
        .looseObject({
          banner: z.string().optional(),
          method: z.string().optional(),
          cpe: z.array(z.string()).optional(),
          name: z.string().optional(),
          product: z.string().optional(),
        })
        .optional(),
    })
    .optional(),
});

/** One scan event: origin, target, result. */
export const hostEvent = z.looseObject({ origin: origin.optional(), target: target.optional(), result: result.optional() });

/** `query/ip/{target}`: the recent events of a host, grouped by port. */
export const hostDetailsSchema = queryEvents(z.looseObject({ port: z.number().int().optional(), results: z.array(hostEvent).optional() }));

/** `query/ip/historical/{target}`: every event of a host for up to 6 months. */
export const hostHistorySchema = queryEvents(hostEvent);

/** `query/search`: the events matching a query, a page at a time. */
export const hostSearchSchema = pagedEvents(hostEvent);

/** `query/cve/ip/{target}`: the CVEs that may affect a host, per port. */
export const hostCvesSchema = z.looseObject({
  query: z.string().optional(),
  events: z
    .looseObject({
      ip: z.string().optional(),
      ports: z.array(z.number().int()).optional(),
      results: z
        .array(
          z.looseObject({
            port: z.number().int().optional(),
            cpe: z.array(z.unknown()).optional(),
            ts: z.number().int().optional(),
            cves: z.array(z.unknown()).optional(),
          }),
        )
        .optional(),
    })
    .optional(),
});
