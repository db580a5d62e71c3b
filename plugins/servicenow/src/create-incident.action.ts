import { z } from 'zod';
import { serviceNow } from './module.js';
import { oneRecordResult } from './record.schema.js';

const level = z.enum(['1', '2', '3']);

/** A new incident (`POST table/incident`), the fields a SOC fills first, and any other field in `fields`. */
export const createIncident = serviceNow.restAction({
  uuid: '79946b66-55e5-40a9-a697-8f4fcd15410b',
  slug: 'create_incident',
  name: 'Create Incident',
  description: 'Open a ServiceNow incident',
  docker_parameters: 'servicenow_create_incident',
  method: 'POST',
  path: 'table/incident',
  arguments: z
    .object({
      short_description: z.string().min(1).describe('One-line summary'),
      description: z.string().optional().describe('What happened, what was done'),
      urgency: level.optional().describe('1 (high) to 3 (low)'),
      impact: level.optional().describe('1 (high) to 3 (low)'),
      category: z.string().optional().describe('Category (e.g. security)'),
      assignment_group: z.string().optional().describe('sys_id or name of the group to assign'),
      caller_id: z.string().optional().describe('sys_id or user name of the caller'),
      fields: z.record(z.string(), z.unknown()).optional().describe('Other fields of the incident table, by name'),
    })
    .meta({ title: 'create_incident' }),
  results: oneRecordResult,
  body: ({ fields, ...named }) => ({ ...fields, ...Object.fromEntries(Object.entries(named).filter(([, value]) => value !== undefined)) }),
});
