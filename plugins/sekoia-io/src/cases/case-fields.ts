import { z } from 'zod';

/** The writable fields of a case, as Create case and Edit case take them (all in the JSON body). */
export const caseFields = {
  title: z.string().describe('title of the case'),
  description: z.string().optional().describe('description of the case'),
  status_uuid: z.string().optional().describe('identifier of case’s status'),
  priority: z.enum(['low', 'medium', 'high']).optional().describe('priority of the case'),
  tags: z.array(z.string()).optional().describe('tags to associate to the case'),
  subscribers: z
    .array(z.looseObject({ avatar_uuid: z.string().optional(), type: z.string().optional() }))
    .optional()
    .describe('avatars to associate to the case'),
  verdict_uuid: z.string().optional().describe('Verdict of the case'),
  custom_status_uuid: z.string().optional().describe('Custom status of the case'),
  custom_priority_uuid: z.string().optional().describe('Custom priority of the case'),
};
