import { z } from 'zod';
import { pagedEvents } from './common.schema.js';

/** What a honeypot received: the payload, what was parsed of it, the tags given. */
const sensorData = z.looseObject({
  payload: z.string().optional(),
  extra: z.looseObject({}).optional(),
  tags: z.array(z.string()).optional(),
});

const sensorTarget = z.looseObject({ port: z.number().int().optional(), protocol: z.string().optional() });

/** `query/sensors/ip/{target}`: what a scanner sent to BinaryEdge's sensors, grouped by port. */
export const sensorHostSchema = z.looseObject({
  query: z.string().optional(),
  total: z.number().int().optional(),
  targets_found: z.number().int().optional(),
  events: z
    .array(
      z.looseObject({
        port: z.number().int().optional(),
        results: z
          .array(
            z.looseObject({
              target: sensorTarget.optional(),
              origin: z.looseObject({ ts: z.number().int().optional(), type: z.string().optional(), ip: z.string().optional(), rdns: z.string().optional() }).optional(),
              data: sensorData.optional(),
              '@timestamp': z.string().optional(),
            }),
          )
          .optional(),
      }),
    )
    .optional(),
});

/** `query/sensors/search`: sensor events matching a query, a page at a time. */
export const sensorSearchSchema = pagedEvents(
  z.looseObject({
    data: sensorData.optional(),
    target: sensorTarget.optional(),
    origin: z.looseObject({ ip: z.string().optional(), type: z.string().optional(), ts: z.number().int().optional(), asn: z.number().int().optional() }).optional(),
  }),
);
