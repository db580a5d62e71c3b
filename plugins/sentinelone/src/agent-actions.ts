import { z } from 'zod';
import { affectedOf, filterFields, requiredFilter } from './filters.js';
import { sentinelone } from './module.js';

const { ids, uuids, account_ids, group_ids, site_ids, query } = filterFields;

const isolationArguments = z.object({ ids, account_ids, group_ids, site_ids, query }).meta({ title: 'Arguments' });

/** One agents action (`POST agents/actions/<verb>` with `{filter, data}`), answered `{data: {affected}}`. */
function agentsAction(options: { uuid: string; slug: string; name: string; description: string; docker_parameters: string; verb: string; arguments: typeof isolationArguments | z.ZodObject; affected: string }) {
  return sentinelone.restAction({
    uuid: options.uuid,
    slug: options.slug,
    name: options.name,
    description: options.description,
    docker_parameters: options.docker_parameters,
    method: 'POST',
    path: `agents/actions/${options.verb}`,
    arguments: options.arguments,
    results: z.object({ affected: z.int().describe(options.affected) }).meta({ title: 'Results' }),
    body: (args) => ({ filter: requiredFilter(args as Record<string, unknown>, `${options.name.toLowerCase()}`), data: {} }),
    // Disconnecting an agent twice leaves it disconnected: safe to repeat after a 5xx.
    idempotent: options.verb !== 'initiate-scan',
    map: (body) => affectedOf(body, `agents/actions/${options.verb}`),
  });
}

export const isolateEndpointAction = agentsAction({
  uuid: '1268a50e-e31d-49f3-b473-f5f9e2e93c6e',
  slug: 'isolate_endpoint',
  name: 'Isolate an endpoint',
  description: 'Disconnect the endpoint from the network',
  docker_parameters: 'sentinelone_agents_endpoint_isolation',
  verb: 'disconnect',
  arguments: isolationArguments,
  affected: 'The number of isolated endpoints',
});

export const deisolateEndpointAction = agentsAction({
  uuid: '306675e9-68a6-4fb2-bfbf-c5a624f44586',
  slug: 'deisolate_endpoint',
  name: 'Deisolate an endpoint',
  description: 'Connect the endpoint back to the network',
  docker_parameters: 'sentinelone_agents_endpoint_deisolation',
  verb: 'connect',
  arguments: isolationArguments,
  affected: 'The number of deisolated endpoints',
});

export const initScanAction = agentsAction({
  uuid: 'cfa3f6eb-1117-4174-ad92-e06a88cf7371',
  slug: 'scan',
  name: 'Init a scan',
  description: 'Run a Full Disk Scan on Agents that match the filter',
  docker_parameters: 'sentinelone_agents_init_scan',
  verb: 'initiate-scan',
  arguments: z.object({ uuids, account_ids, group_ids, site_ids }).meta({ title: 'Arguments' }),
  affected: 'The number of scanned agents',
});
