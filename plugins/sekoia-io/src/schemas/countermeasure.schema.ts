import { z } from 'zod';

const comment = z.looseObject({
  uuid: z.string().nullish(),
  content: z.string().nullish(),
  author: z.string().nullish(),
  date: z.number().nullish(),
  created_by: z.string().nullish(),
  created_by_type: z.string().nullish(),
});

/** A countermeasure of an alert (`api/v1/sic/alerts/countermeasures/{uuid}`), as activate and deny answer it. */
export const countermeasureSchema = z.looseObject({
  uuid: z.string().nullish(),
  name: z.string().nullish(),
  description: z.string().nullish(),
  status: z.string().nullish(),
  alert_uuid: z.string().nullish(),
  model_uuid: z.string().nullish(),
  relevance: z.number().nullish(),
  dynamic_relevance: z.number().nullish(),
  duration: z.unknown().optional(),
  assignee: z.string().nullish(),
  created_at: z.string().nullish(),
  created_by: z.string().nullish(),
  created_by_type: z.string().nullish(),
  activated_at: z.string().nullish(),
  activated_by: z.string().nullish(),
  activated_by_type: z.string().nullish(),
  denied_at: z.string().nullish(),
  denied_by: z.string().nullish(),
  denied_by_type: z.string().nullish(),
  comments: z.array(comment).nullish(),
  action_steps: z.array(z.looseObject({ status: z.string().nullish(), name: z.string().nullish(), comments: z.array(comment).nullish() })).nullish(),
  course_of_action: z.looseObject({}).nullish(),
});

/** The comment activating or denying a countermeasure carries. */
export const countermeasureCommentSchema = z
  .object({
    content: z.string().describe('Content of the comment'),
    author: z.string().max(32).optional().describe('Author of the comment'),
  })
  .describe('A comment to describe why the countermeasure was activated or denied');
