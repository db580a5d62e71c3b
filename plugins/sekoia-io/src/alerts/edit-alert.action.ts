import { z } from 'zod';
import { sekoia } from '../module.js';
import { sekoiaAlertSchema } from '../schemas/alert.schema.js';

export const editAlert = sekoia.restAction({
  uuid: '113a06db-3cef-48ac-908b-45f3ebc4d1bf',
  slug: 'edit_alert',
  name: 'Edit Alert',
  description: 'Edit the details of an alert',
  docker_parameters: 'patch-alerts/{uuid}',
  group: 'Setters',
  method: 'PATCH',
  path: 'v1/sic/alerts/{uuid}',
  arguments: z
    .object({
      uuid: z.string().describe('UUID or short id of the alert'),
      alert_type_category: z.string().min(3).max(1000).optional().describe('Category of the alert type'),
      alert_type_value: z.string().min(3).max(1000).optional().describe('Name of the alert type, required if `alert_type_category` is present'),
      details: z.string().optional().describe('Description of the alert'),
      urgency: z.int().optional().describe('The urgency of the alert'),
      kill_chain_short_id: z.string().nullable().optional().describe('The ID of the kill chain step this alert denotes'),
      title: z.string().max(10000).optional().describe('Title of the alert'),
    })
    .meta({ title: 'patch_an_alert' }),
  results: sekoiaAlertSchema,
  notFound: (args) => `alert ${args.uuid}`,
});
