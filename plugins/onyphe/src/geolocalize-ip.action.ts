import { z } from 'zod';
import { ipValue } from './lookup-values.js';
import { onyphe } from './module.js';
import { geolocResultsSchema } from './results.schema.js';

/** `GET simple/geoloc/{ip}`: one answer, no paging, and the one lookup that needs no API key. */
export const geolocalizeIpAction = onyphe.restAction({
  uuid: 'e11aeeb9-f1c8-42b7-bd86-b0f3bc34e910',
  slug: 'geolocalize_ip',
  name: 'Geolocalize IP',
  description: 'Geo-localize ip with Onyphe',
  docker_parameters: 'onyphe_geoloc',
  method: 'GET',
  path: 'simple/geoloc/{ip}',
  arguments: z.object({ ip: ipValue('The ip to scan') }).meta({ title: 'Arguments' }),
  results: geolocResultsSchema,
  notFound: (args) => `geolocation of ${args.ip}`,
});
