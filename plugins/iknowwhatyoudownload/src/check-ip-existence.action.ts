import { z } from 'zod';
import { ikwyd } from './module.js';
import { unlessRefused } from './peer-api-error.js';

/** `GET {host}history/exist?ip=`: the fast check, with the reference's known / unknown branches. */
export const checkIpExistenceAction = ikwyd.restAction({
  uuid: 'f5d6d623-8e3d-4d8e-8843-19058812b8f9',
  slug: 'check_ip_existence',
  name: 'Check IP existence',
  description: 'Fast check if IP exists or not in the IKnowWhatYouDownload database',
  docker_parameters: 'ip_exist',
  method: 'GET',
  path: 'history/exist',
  arguments: z.object({ ip: z.string().min(1).describe('The IP address to query') }).meta({ title: 'Arguments' }),
  results: z
    .looseObject({
      ip: z.string().describe('ip address'),
      exists: z.boolean().describe('does IKnowWhatYouDownload have history for this ip or not'),
      date: z.string().optional().describe('last seen date in UTC, optional'),
    })
    .meta({ title: 'Results' }),
  map: unlessRefused,
  outputs: {
    known: 'the IP address is known to IKnowWhatYouDownload',
    unknown: 'the IP address is unknown to IKnowWhatYouDownload',
  },
  selectOutputs: (results) => (results.exists ? 'known' : 'unknown'),
});
