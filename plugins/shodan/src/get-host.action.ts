import { z } from 'zod';
import { shodan } from './module.js';
import { bannerSchema, locationSchema } from './schemas.js';

const text = z.string().nullish();

export const getHostAction = shodan.restAction({
  uuid: '44c55352-43e0-4983-80a9-9ad9e8067c2c',
  slug: 'get_host',
  name: 'Get Host',
  description: 'Returns all services that have been found for the given host IP.',
  docker_parameters: 'get-shodan/host/{ip}',
  method: 'GET',
  path: 'shodan/host/{ip}',
  arguments: z
    .object({
      ip: z.string().min(1).meta({ in: 'path' }).describe('Host IP address'),
      history: z.boolean().optional().meta({ in: 'query' }).describe('True if all historical banners should be returned (default: False) '),
      minify: z.boolean().optional().meta({ in: 'query' }).describe('True to only return the list of ports and the general host information, no banners. (default: False) '),
    })
    .meta({ title: 'get_shodan_host' }),
  results: z.looseObject({
    region_code: text,
    ip: z.union([z.number(), z.string()]).nullish(),
    ip_str: text,
    area_code: z.union([z.string(), z.number()]).nullish(),
    country_name: text,
    hostnames: z.array(z.unknown()).nullish(),
    postal_code: text,
    dma_code: z.union([z.string(), z.number()]).nullish(),
    country_code: text,
    data: z.array(bannerSchema).nullish(),
    city: text,
    longitude: z.number().nullish(),
    country_code3: text,
    latitude: z.number().nullish(),
    os: text,
    ports: z.array(z.int()).nullish(),
    location: locationSchema.nullish(),
  }),
  notFound: (args) => `host ${args.ip}`,
});
