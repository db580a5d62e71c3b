import { z } from 'zod';
import { getter } from './getters.js';

export const getEntity = getter({
  uuid: '4478ac52-b549-44b2-9164-abca02bd2f3a',
  slug: 'get_entity',
  name: 'Get Entity',
  description: 'Retrieve an entity',
  docker: 'get-entities/{uuid}',
  path: 'v1/sic/conf/entities',
  key: 'uuid',
  title: 'get_entity',
  what: 'entity',
  results: z.looseObject({
    uuid: z.string().nullish(),
    name: z.string().nullish(),
    entity_id: z.string().nullish(),
    community_uuid: z.string().nullish(),
    description: z.string().nullish(),
    alerts_generation: z.string().nullish(),
    number_of_intakes: z.number().nullish(),
  }),
});
