import { z } from 'zod';

/** Who created and last changed a Sekoia.io object, and when, as the API gives them (any may be null). */
export const auditFields = {
  created_at: z.string().nullish(),
  created_by: z.string().nullish(),
  created_by_type: z.string().nullish(),
  updated_at: z.string().nullish(),
  updated_by: z.string().nullish(),
  updated_by_type: z.string().nullish(),
};
