import { z } from 'zod';
import { theHive } from './module.js';
import { outputAlertSchema } from './schemas/alert.schema.js';

/** Ply addition (no reference counterpart): read an alert back, e.g. to check its status. */
export const getAlert = theHive.restAction({
  uuid: '1459c303-1146-4d73-b039-656c1894ecca',
  slug: 'get_an_alert_in_the_hive_v5',
  name: 'Get an alert in The Hive v5',
  description: 'Read an alert of The Hive v5 by its id',
  docker_parameters: 'thehive_get_alert',
  group: 'Third-party applications',
  method: 'GET',
  path: 'api/v1/alert/{alert_id}',
  arguments: z.object({ alert_id: z.string().min(1).describe('The id of the alert. For instance: ~12345') }).meta({ title: 'Arguments' }),
  results: outputAlertSchema,
  notFound: (args) => `alert ${args.alert_id}`,
});
