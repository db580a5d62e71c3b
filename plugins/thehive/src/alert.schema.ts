import { z } from 'zod';

/** An alert as TheHive 5 returns it (`OutputAlert`); the fields playbooks use, others kept. */
export const outputAlertSchema = z.looseObject({
  _id: z.string().describe('Id of the alert in TheHive (e.g. ~12345)'),
  _type: z.string().optional(),
  _createdBy: z.string().optional(),
  _createdAt: z.number().optional(),
  _updatedAt: z.number().optional(),
  type: z.string().optional(),
  source: z.string().optional(),
  sourceRef: z.string().optional(),
  externalLink: z.string().optional(),
  title: z.string().optional(),
  description: z.string().optional(),
  severity: z.number().optional(),
  severityLabel: z.string().optional(),
  date: z.number().optional(),
  tags: z.array(z.string()).optional(),
  tlp: z.number().optional(),
  tlpLabel: z.string().optional(),
  pap: z.number().optional(),
  papLabel: z.string().optional(),
  follow: z.boolean().optional(),
  customFields: z.array(z.unknown()).optional(),
  caseTemplate: z.string().optional(),
  observableCount: z.number().optional(),
  caseId: z.string().optional(),
  status: z.string().optional(),
  stage: z.string().optional(),
  assignee: z.string().optional(),
  summary: z.string().optional(),
  extraData: z.record(z.string(), z.unknown()).optional(),
  newDate: z.number().optional(),
  timeToDetect: z.number().optional(),
});

export type OutputAlert = z.output<typeof outputAlertSchema>;
