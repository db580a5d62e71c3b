import { z } from 'zod';
import { entityFields } from './entity-fields.js';

/** An attachment as TheHive 5 returns it (`OutputAttachment`). */
export const outputAttachmentSchema = z.looseObject({
  ...entityFields,
  name: z.string().nullish(),
  hashes: z.array(z.string()).nullish(),
  size: z.number().nullish(),
  contentType: z.string().nullish(),
  id: z.string().nullish(),
  path: z.string().nullish(),
  extraData: z.looseObject({}).nullish(),
});
