import { z } from 'zod';
import { ikwyd } from './module.js';
import { unlessRefused } from './peer-api-error.js';

/** `GET {host}history/peers?cidr=`: the addresses of a network seen on BitTorrent. */
export const listIpsFromCidrAction = ikwyd.restAction({
  uuid: 'a06ec7e6-b678-4b90-ab72-d6b7b8e60c72',
  slug: 'list_ips_from_cidr',
  name: 'List IPs from CIDR',
  description: 'Fetch the list IP that can be found in a CIDR notation',
  docker_parameters: 'ip_list',
  method: 'GET',
  path: 'history/peers',
  arguments: z.object({ cidr: z.string().min(1).describe('The CIDR address to query') }).meta({ title: 'Arguments' }),
  results: z
    .looseObject({
      CIDR: z.string().describe('the requested CIDR address'),
      peers: z
        .array(
          z
            .looseObject({
              ip: z.string().optional().describe('peer ip'),
              date: z.string().optional().describe('last seen in UTC'),
            })
            .describe('a peer'),
        )
        .describe('array of peers'),
    })
    .meta({ title: 'Results' }),
  map: unlessRefused,
});
