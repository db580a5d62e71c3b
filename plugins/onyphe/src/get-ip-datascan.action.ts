import { PlyError } from '@ply/core';
import { z } from 'zod';
import { ipValue } from './lookup-values.js';
import { onyphe } from './module.js';
import { pageArguments, pagedLookup } from './paged-lookup.js';
import { pagedResultsSchema } from './results.schema.js';

const item = {
  uuid: '280ce8cc-9228-4139-a3bf-d38e0e2209d0',
  slug: 'get_ip_datascan',
  name: 'Get IP Datascan',
  description: 'Get datascan information on IP with Onyphe: "Application responses to [Onyphe\'s] application requests"',
  docker_parameters: 'onyphe_datascan',
} as const;

// The two requests the action makes, declared; the action picks one by the argument it was given.
const byIp = pagedLookup({ ...item, endpoint: 'simple/datascan', argument: 'ip', value: ipValue('The ip to scan') });
const byString = pagedLookup({ ...item, endpoint: 'simple/datascan', argument: 'string', value: z.string().min(1) });

/** `GET simple/datascan/{ip or string}`: exactly one of `ip` or `string`, as the reference requires. */
export const getIpDatascanAction = onyphe.action({
  ...item,
  arguments: z
    .object({
      ip: ipValue("The ip to scan. Exactly one of 'ip' or 'string' must be specified").optional(),
      string: z.string().min(1).optional().describe("The string to scan. Exactly one of 'ip' or 'string' must be specified"),
      ...pageArguments,
    })
    .meta({ title: 'Arguments' }),
  results: pagedResultsSchema,
  run(ctx, args) {
    if ((args.ip === undefined) === (args.string === undefined)) {
      throw new PlyError('PLY_ARGUMENTS_INVALID', "Get IP Datascan takes exactly one of 'ip' or 'string'", {
        details: { issues: [{ pointer: args.ip === undefined ? '/ip' : '/string', message: "give exactly one of 'ip' or 'string'" }] },
      });
    }
    const { ip, string, ...pages } = args;
    const request = ip !== undefined ? { ...pages, ip } : { ...pages, string };
    return (ip !== undefined ? byIp : byString).run(ctx, request);
  },
});
