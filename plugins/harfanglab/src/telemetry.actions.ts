import { PlyError } from '@ply/core';
import { z } from 'zod';
import { allResults } from './job-batch.js';
import { harfanglab } from './module.js';

const TELEMETRY_PATHS = {
  processes: 'api/data/telemetry/Processes/',
  binary: 'api/data/telemetry/Binary/',
  network: 'api/data/telemetry/Network/',
  eventlog: 'api/data/telemetry/FullEventLog/',
  dns: 'api/data/telemetry/DNSResolution/',
  windows_authentications: 'api/data/telemetry/authentication/AuthenticationWindows/',
  linux_authentications: 'api/data/telemetry/authentication/AuthenticationLinux/',
  macos_authentications: 'api/data/telemetry/authentication/AuthenticationMacos/',
} as const;

/** `2026-12-01T10:00:00Z` ± minutes, in HarfangLab's filter format. */
function shifted(reference: string, minutes: number): string {
  const date = new Date(reference);
  if (Number.isNaN(date.getTime())) throw new PlyError('PLY_ARGUMENTS_INVALID', `alert_created is not a date: ${reference}`);
  return new Date(date.getTime() + minutes * 60_000).toISOString().replace('.000Z', 'Z');
}

/** Each event type's telemetry of the agent in the window (`limit=50`, following `next`), concatenated. */
export const getAgentTelemetryAction = harfanglab.action({
  uuid: 'c95cf5c0-8d5c-425d-907f-09c9c2bb7edb',
  slug: 'get_endpoint_telemetry',
  name: 'Get agent telemetry',
  description: 'Get telemetry of an agent by its agentid',
  docker_parameters: 'harfanglab_get_agent_telemetry',
  arguments: z
    .object({
      agent_id: z.string().min(1).describe('HarfangLab agent id'),
      event_types: z
        .array(z.enum(Object.keys(TELEMETRY_PATHS) as [keyof typeof TELEMETRY_PATHS, ...Array<keyof typeof TELEMETRY_PATHS>]))
        .default(['processes', 'windows_authentications', 'linux_authentications', 'macos_authentications'])
        .describe('A list of telemetry event types to collect. Available event types: processes, windows_authentications, linux_authentications, macos_authentications, binary, network, dns, eventlog'),
      alert_created: z.string().describe('Reference timestamp used to retrieve telemetry data'),
      timerange: z.int().min(0).default(15).describe('Number of minutes before and after the reference timestamp used to define the data-collection time window'),
    })
    .meta({ title: 'Arguments' }),
  results: z.object({ data: z.array(z.looseObject({})).describe('Telemetry results') }).meta({ title: 'Results' }),
  async run(ctx, args) {
    const window = { '@event_create_date__gte': shifted(args.alert_created, -args.timerange), '@event_create_date__lte': shifted(args.alert_created, args.timerange) };
    const data: Array<Record<string, unknown>> = [];
    for (const type of args.event_types) data.push(...(await allResults(ctx, TELEMETRY_PATHS[type], { 'agent.agentid': args.agent_id, ...window, limit: 50, offset: 0 })));
    return { data };
  },
});

const hostnameSchema = z.looseObject({ hostname: z.string(), ipaddress: z.string().nullish(), lastseen: z.string().nullish(), ostype: z.string().nullish(), status: z.string().nullish() });

/** `GET api/data/endpoint/Agent/?ipaddress=`: the agents seen with the address (or only the last seen one). */
export const hostnameByIpAction = harfanglab.action({
  uuid: '0ecd45f2-f99a-4af2-920d-39cbbe94b322',
  slug: 'hostname_by_ip',
  name: 'Hostname by IP',
  description: 'Get the hostname of a machine by its IP address',
  docker_parameters: 'harfanglab_get_hostnames_by_ip',
  arguments: z
    .object({
      target_ip: z.string().optional().describe('Targeted IP address'),
      get_only_last_seen: z.boolean().default(false).describe('Get the last seen hostname only'),
    })
    .meta({ title: 'Arguments' }),
  results: z.object({ hostnames: z.array(hostnameSchema).describe('Hostnames') }).meta({ title: 'Results' }),
  async run(ctx, args) {
    const agents = await allResults(ctx, 'api/data/endpoint/Agent/', { ipaddress: args.target_ip ?? '' });
    const hostnames = agents.map((agent) => {
      const entry = hostnameSchema.safeParse(agent);
      if (!entry.success) throw new PlyError('PLY_VENDOR_RESPONSE_INVALID', 'HarfangLab answered an agent without its hostname');
      return entry.data;
    });
    if (!args.get_only_last_seen || hostnames.length === 0) return { hostnames };
    const newest = hostnames.reduce((best, entry) => ((entry.lastseen ?? '') > (best.lastseen ?? '') ? entry : best));
    return { hostnames: [newest] };
  },
});
