import { z } from 'zod';
import { auditFields } from '../schemas/audit-fields.js';
import { getter } from './getters.js';

/** What the custom statuses, priorities and verdicts of a community share. */
const level = {
  uuid: z.string().nullish(),
  community_uuid: z.string().nullish(),
  level: z.number().nullish(),
  ...auditFields,
  label: z.string().nullish(),
  description: z.string().nullish(),
  is_used: z.boolean().nullish(),
};

export const getCustomStatus = getter({
  uuid: '4ffb485e-cf15-46e9-a95d-66f941308002',
  slug: 'get_custom_status',
  name: 'Get custom status',
  description: 'Get a single custom status based on its UUID',
  docker: 'get-custom-status',
  path: 'v1/sic/custom_statuses',
  key: 'status_uuid',
  title: 'get-custom-status',
  what: 'custom status',
  results: z.looseObject({ ...level, stage: z.string().nullish() }),
});

export const getCustomPriority = getter({
  uuid: '8cd62b13-fc72-48b1-99df-74ccd2dc8cd9',
  slug: 'get_custom_priority',
  name: 'Get custom priority',
  description: 'Get a single custom priority based on its UUID',
  docker: 'get-custom-priority',
  path: 'v1/sic/custom_priorities',
  key: 'priority_uuid',
  title: 'get-custom-priority',
  what: 'custom priority',
  results: z.looseObject({ ...level, color: z.string().nullish() }),
});

export const getCustomVerdict = getter({
  uuid: 'c37221b2-5bbf-46eb-ba16-fb618f7b5282',
  slug: 'get_custom_verdict',
  name: 'Get custom verdict',
  description: 'Get a single custom verdict based on its UUID',
  docker: 'get-custom-verdict',
  path: 'v1/sic/custom_verdicts',
  key: 'verdict_uuid',
  title: 'get-custom-verdict',
  what: 'custom verdict',
  results: z.looseObject({ ...level, stage: z.string().nullish() }),
});
