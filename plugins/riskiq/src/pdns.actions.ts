import { z } from 'zod';
import { queryValue, riskiq } from './module.js';

const window = {
  max: queryValue.optional().meta({ in: 'query' }).describe('Maximum number of records to return'),
  lastSeenAfter: z.string().optional().meta({ in: 'query' }).describe('Only records last seen after this date (ISO 8601)'),
  firstSeenBefore: z.string().optional().meta({ in: 'query' }).describe('Only records first seen before this date (ISO 8601)'),
};

/** `{recordCount, records: [{name, rrtype, data[], firstSeen, lastSeen, count}]}`; a 204 (nothing known) is `{}`. */
const rrSets = z.looseObject({
  recordCount: z.int().nullish(),
  records: z.array(z.looseObject({})).nullish(),
});

export const ipPassiveDnsAction = riskiq.restAction({
  uuid: 'bb71af18-e81a-42b4-a742-d77b86e17eed',
  slug: 'ip_passive_dns',
  name: 'IP Passive DNS',
  description: 'Retrieve results by searching for specified IP address within PDNS record data field',
  docker_parameters: 'pdns_ip',
  method: 'GET',
  path: 'v0/pdns/data/ip',
  arguments: z.object({ ip: z.string().min(1).meta({ in: 'query' }).describe('IP address'), ...window }),
  results: rrSets,
});

export const namePassiveDnsAction = riskiq.restAction({
  uuid: '7e247f1c-c26e-4378-b10b-7ebdb668818d',
  slug: 'name_passive_dns',
  name: 'Name Passive DNS',
  description: 'Retrieve results by searching for specified resource name within PDNS record data field.',
  docker_parameters: 'pdns_name',
  method: 'GET',
  path: 'v0/pdns/data/name',
  arguments: z.object({
    name: z.string().min(1).meta({ in: 'query' }).describe('Resource name'),
    type: z.string().optional().meta({ in: 'query' }).describe('DNS resource record type'),
    ...window,
  }),
  results: rrSets,
});

export const hexPassiveDnsAction = riskiq.restAction({
  uuid: 'f0512f6d-6e22-459b-8030-734e1d408491',
  slug: 'hex_passive_dns',
  name: 'Hex Passive DNS',
  description: 'Retrieve results by searching for specified hexadecimal bytes within PDNS record data field.',
  docker_parameters: 'pdns_hex',
  method: 'GET',
  path: 'v0/pdns/data/raw',
  arguments: z.object({
    type: z.string().optional().meta({ in: 'query' }).describe('DNS resource record type'),
    ...window,
    hex: z.string().regex(/^[0-9a-fA-F]+$/, 'hexadecimal digits').meta({ in: 'query' }).describe('Hexadecimal encoding of data field bytes'),
  }),
  results: rrSets,
});
