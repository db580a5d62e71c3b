import { z } from 'zod';
import { panda } from './module.js';
import { SECURITY_EVENT_FIELDS } from './security-event-fields.js';

const securityEventType = z
  .literal([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18])
  .describe(
    'Type of security event: 1 Malware, 2 PUPs, 3 Blocked programs, 4 Exploits, 5 Blocked by Advanced Security, 6 Virus, 7 Spyware, 8 Hacking tools and PUPs detected by antivirus, 9 Phishing, 10 Suspicious, 11 Dangerous actions, 12 Tracking cookies, 13 Malware URLs, 14 Other security event by antivirus, 15 Intrusion attempts, 16 Blocked connections, 17 Blocked devices, 18 Indicators of attack',
  );

const counters = z.looseObject({}).nullish();

export const getSecurityEventsAction = panda.restAction({
  uuid: '00fa271d-5b79-477d-83ae-5a20521899ac',
  slug: 'get_security_events',
  name: 'Get Security Events',
  description: 'Retrieves a list of security events of the specified type for the specified device for a specific time period.',
  docker_parameters: 'get-api/v1/accounts/{account_id}/securityevents/{type}/export/{period}',
  method: 'GET',
  path: 'securityevents/{type}/export/{period}',
  arguments: z
    .object({
      type: securityEventType,
      period: z.literal([1, 7]).describe('Period of time to retrieve security events for: 1 the previous 24 hours, 7 the previous 7 days'),
      hostname: z.string().optional().describe('Host name (base-64 encoded) of the device you want to retrieve security events for.'),
    })
    .meta({ title: 'Arguments' }),
  results: z
    .looseObject({
      total_items: z.int().nullish().describe('Total number of security events'),
      data: z.array(z.looseObject({})).optional().describe('The security events'),
      ...Object.fromEntries(SECURITY_EVENT_FIELDS.map((name) => [name, z.unknown().optional()])),
    })
    .meta({ title: 'Results' }),
});

export const countSecurityEventsAction = panda.restAction({
  uuid: 'e38b577f-ee30-40c3-b328-be9b3006754f',
  slug: 'count_security_events',
  name: 'Count Security Events',
  description: 'Retrieves counts of detected security events for the specified types.',
  docker_parameters: 'get-api/v1/accounts/{account_id}/securityeventcounters/{type}',
  method: 'GET',
  path: 'securityeventcounters/{type}',
  arguments: z
    .object({
      type: z.int().min(1).describe('Types of security event counters to retrieve. This parameter is a mask: add the values of the types (1 malware, 2 PUPs, 4 blocked programs, 8 exploits, 16 threats by antivirus)'),
      filter: z.string().optional().meta({ name: '$filter' }).describe('Filters the security event counters by date (sent as `$filter`)'),
    })
    .meta({ title: 'Arguments' }),
  results: z
    .looseObject({ exploit_counters: counters, malware_counters: counters, program_blocked_counters: counters, pups_counters: counters, threats_by_av_counters: counters })
    .meta({ title: 'Results' }),
});

export const retrieveSecurityOverviewAction = panda.restAction({
  uuid: 'f968397c-47f9-465c-b6bd-a983debbcfc4',
  slug: 'retrieve_security_overview',
  name: 'Retrieve Security overview',
  description: 'Retrieves counters for security overview.',
  docker_parameters: 'get-api/v1/accounts/{account_id}/securityoverview/{period}',
  method: 'GET',
  path: 'securityoverview/{period}',
  arguments: z.object({ period: z.literal([1, 7, 30]).describe('Period of time to retrieve security event counters for: 1, 7 or 30 days') }).meta({ title: 'Arguments' }),
  results: z
    .looseObject({
      exploits: counters,
      indicators_of_attack_counters: counters,
      malware: counters,
      programs_blocked: counters,
      pups: counters,
      threats_by_av_counters: counters,
      total_devices: z.int().nullish(),
      total_unmanaged_devices: z.int().nullish(),
    })
    .meta({ title: 'Results' }),
});
