import { z } from 'zod';

/** An attachment as TheHive 5 returns it (`OutputAttachment`). */
export const outputAttachmentSchema = z.looseObject({
  _id: z.string().nullish(),
  _type: z.string().nullish(),
  _createdBy: z.string().nullish(),
  _updatedBy: z.string().nullish(),
  _createdAt: z.number().nullish(),
  _updatedAt: z.number().nullish(),
  name: z.string().nullish(),
  hashes: z.array(z.string()).nullish(),
  size: z.number().nullish(),
  contentType: z.string().nullish(),
  id: z.string().nullish(),
  path: z.string().nullish(),
  extraData: z.looseObject({}).nullish(),
});
