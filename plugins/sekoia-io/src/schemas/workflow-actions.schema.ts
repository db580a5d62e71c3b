import { z } from 'zod';

/** What `PATCH v1/sic/alerts/{uuid}/workflow` answers: the actions now possible on the alert. */
export const workflowActionsSchema = z.looseObject({
  actions: z.array(z.looseObject({ id: z.string().nullish(), name: z.string().nullish(), description: z.string().nullish() })).nullish(),
});
