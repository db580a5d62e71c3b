import { z } from 'zod';
import { censys } from './module.js';

// The Search 2.0 calls the actions make, declared as REST calls. They carry the identity of the
// action that uses them but are not registered themselves: each action maps its v1 arguments onto
// one of them and its answer back onto the v1 results.

const resource = z.enum(['hosts', 'certificates']);
const virtualHosts = z.enum(['EXCLUDE', 'INCLUDE', 'ONLY']).optional();

/** Censys answers `{ code, status, result }`; `result` is what the actions keep. */
const answer = z.looseObject({ result: z.unknown() });

/**
 * `GET v2/{hosts|certificates}/search?q=&per_page=100&cursor=`: the hits of every page, cursor after
 * cursor (`result.links.next`), streamed to one results file, up to `max_pages` pages.
 */
export const searchRequest = censys.restAction({
  uuid: '46d958ca-5965-4289-abb3-45e65865a1b9',
  slug: 'search',
  name: 'Search',
  description: 'Search 2.0 search',
  docker_parameters: 'censys-search',
  method: 'GET',
  path: 'v2/{resource}/search',
  arguments: z.object({
    resource,
    q: z.string(),
    per_page: z.number().int(),
    virtual_hosts: virtualHosts,
    fields: z.array(z.string()).optional(),
    max_pages: z.number().int().meta({ in: 'none' }),
  }),
  results: z.object({ result_path: z.string(), count: z.number().int() }),
  paging: { kind: 'cursor', param: 'cursor', next: 'result.links.next', items: 'result.hits', maxPages: (args) => args.max_pages, collect: { file: 'result_path' } },
  notFound: (args) => `the ${args.resource} index`,
});

/** `GET v2/{hosts|certificates}/{item}`: one document. */
export const viewRequest = censys.restAction({
  uuid: 'bf4f264f-8df2-44c8-88fb-459b455e51bc',
  slug: 'view_item',
  name: 'View Item',
  description: 'Search 2.0 view',
  docker_parameters: 'censys-view',
  method: 'GET',
  path: 'v2/{resource}/{item}',
  arguments: z.object({ resource, item: z.string() }),
  results: answer,
  notFound: (args) => `${args.resource === 'hosts' ? 'host' : 'certificate'} ${args.item}`,
});

/** `GET v2/{hosts|certificates}/aggregate?q=&field=&num_buckets=`: the breakdown of a field's values. */
export const aggregateRequest = censys.restAction({
  uuid: '56326172-afcf-4be5-b9d9-326bfce3427d',
  slug: 'get_report',
  name: 'Get Report',
  description: 'Search 2.0 aggregate',
  docker_parameters: 'censys-report',
  method: 'GET',
  path: 'v2/{resource}/aggregate',
  arguments: z.object({ resource, q: z.string(), field: z.string(), num_buckets: z.number().int(), virtual_hosts: virtualHosts }),
  results: answer,
  notFound: (args) => `the ${args.resource} index`,
});
