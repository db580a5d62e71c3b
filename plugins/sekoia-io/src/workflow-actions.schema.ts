import { z } from 'zod';

/** What `PATCH v1/sic/alerts/{uuid}/workflow` answers: the actions now possible on the alert. */
export const workflowActionsSchema = z.object({
  actions: z.array(z.looseObject({ id: z.string().optional(), name: z.string().optional(), description: z.string().optional() })).optional(),
});

export type WorkflowActions = z.infer<typeof workflowActionsSchema>;
