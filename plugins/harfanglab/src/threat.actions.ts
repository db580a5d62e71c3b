import { z } from 'zod';
import { harfanglab } from './module.js';

export const addCommentToThreatAction = harfanglab.restAction({
  uuid: '99e720a6-9856-4d71-b190-357072100f88',
  slug: 'add_comment_to_threat',
  name: 'Add comment to Threat',
  description: 'Add comment to Threat',
  docker_parameters: 'harfanglab_add_comment_to_threat',
  method: 'POST',
  path: 'api/data/alert/alert/Threat/{id}/comment/',
  arguments: z.object({ id: z.string().min(1).describe('Threat IDs'), comment: z.string().min(1).describe('Comment to add') }).meta({ title: 'Arguments' }),
  results: z.looseObject({}),
  notFound: (args) => `threat ${args.id}`,
  map: () => ({}),
});

export const updateThreatStatusAction = harfanglab.restAction({
  uuid: 'b87b9d40-2667-4792-ac93-2f35623cf3ab',
  slug: 'update_threat_status',
  name: 'Update Threat status',
  description: 'Update Threat status',
  docker_parameters: 'harfanglab_update_threat_status',
  method: 'PATCH',
  path: 'api/data/alert/alert/Threat/status/',
  arguments: z
    .object({
      threat_ids: z.array(z.int().min(1)).describe('Threats IDs'),
      new_status: z.enum(['closed', 'false_positive', 'investigating', 'new']).describe('New status'),
      update_by_query: z.boolean().describe('Update by query'),
    })
    .meta({ title: 'Arguments' }),
  results: z.looseObject({}),
  // Setting a status twice leaves the same status.
  idempotent: true,
  map: () => ({}),
});
