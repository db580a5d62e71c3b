import { z } from 'zod';
import { sekoia } from '../module.js';
import { countermeasureCommentSchema, countermeasureSchema } from '../schemas/countermeasure.schema.js';

/** Activate and Deny differ only by their last path segment and names: one factory. */
function countermeasureAction(options: { uuid: string; slug: string; name: string; description: string; verb: 'activate' | 'deny'; commentRequired: boolean }) {
  const comment = options.commentRequired ? countermeasureCommentSchema : countermeasureCommentSchema.optional();
  return sekoia.restAction({
    uuid: options.uuid,
    slug: options.slug,
    name: options.name,
    description: options.description,
    docker_parameters: `patch-alerts/countermeasures/{cm_uuid}/${options.verb}`,
    group: 'Setters',
    method: 'PATCH',
    path: `v1/sic/alerts/countermeasures/{cm_uuid}/${options.verb}`,
    arguments: z.object({ cm_uuid: z.string().describe('UUID of the countermeasure'), comment }).meta({ title: `${options.verb === 'activate' ? 'activate' : 'deny'}_a_countermeasure` }),
    results: countermeasureSchema,
    // Activating (or denying) an active (denied) countermeasure again changes nothing.
    idempotent: true,
    notFound: (args) => `countermeasure ${args.cm_uuid}`,
  });
}

export const activateCountermeasure = countermeasureAction({
  uuid: 'e9453097-ea17-4e90-8d8d-60506dddfc58',
  slug: 'activate_countermeasure',
  name: 'Activate Countermeasure',
  description: 'Mark as active a countermeasure',
  verb: 'activate',
  commentRequired: true,
});

export const denyCountermeasure = countermeasureAction({
  uuid: '73948f6d-263f-43f5-b9c9-cd418c035744',
  slug: 'deny_countermeasure',
  name: 'Deny Countermeasure',
  description: 'Mark as denied a countermeasure',
  verb: 'deny',
  commentRequired: false,
});
