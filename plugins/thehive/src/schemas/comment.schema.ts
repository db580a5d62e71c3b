import { z } from 'zod';

/** A comment as TheHive 5 returns it (`OutputComment`). */
export const outputCommentSchema = z.looseObject({
  _id: z.string().nullish(),
  _type: z.string().nullish(),
  createdBy: z.string().nullish(),
  createdAt: z.number().nullish(),
  updatedAt: z.number().nullish(),
  updatedBy: z.string().nullish(),
  message: z.string().nullish(),
  isEdited: z.boolean().nullish(),
  extraData: z.looseObject({}).nullish(),
});
