import { z } from 'zod';
import type { LiveApiOptions } from '../liveapi/liveapi-options.js';
import { caseFilterFields, caseUuidsFilter } from './case-filters.js';
import { createCaseTrigger } from './case-trigger.js';

type Json = Record<string, unknown>;
const text = z.string().nullish();
const strings = z.array(z.unknown()).nullish();

/** The case fields a Case Updated event carries when the notification says they changed. */
const UPDATED_KEYS = ['title', 'description', 'community_uuid', 'assignees', 'tags', 'custom_priority_uuid', 'status_uuid', 'verdict_uuid'] as const;

/** The reference's three case triggers on the LiveAPI. */
export function createCaseTriggers(options?: LiveApiOptions) {
  return [
    createCaseTrigger(
      {
        uuid: '408814cf-993b-43a6-ae9d-f6d9a9cd762f',
        slug: 'sekoiaio_case_created',
        name: 'Case Created',
        description: 'A new Case was created in the Operation Center',
        docker_parameters: 'case_created_trigger',
        action: 'created',
        arguments: z.object(caseFilterFields).meta({ title: 'Trigger configuration' }),
        results: z
          .looseObject({
            uuid: z.string(),
            short_id: text,
            created_at: text,
            created_by: text,
            mode: z.enum(['automatic', 'manual']),
            title: text,
            description: text,
            community_uuid: text,
            assignees: strings,
            priority_uuid: text,
            status_uuid: text,
            tags: strings,
          })
          .meta({ title: 'Results' }),
        event: (attributes, found) => ({
          uuid: String(attributes['uuid']),
          short_id: attributes['short_id'] ?? null,
          created_at: attributes['created_at'] ?? null,
          created_by: found['created_by'] ?? null,
          mode: attributes['manual'] ? 'manual' : 'automatic',
          title: attributes['title'] ?? null,
          description: found['description'] ?? null,
          community_uuid: found['community_uuid'] ?? null,
          assignees: found['assignees'] ?? [],
          priority_uuid: attributes['custom_priority_uuid'] ?? null,
          status_uuid: found['status_uuid'] ?? null,
          tags: found['tags'] ?? [],
        }),
      },
      options,
    ),
    createCaseTrigger(
      {
        uuid: 'd420e76e-c4e7-42fd-ba15-a6b6df6a2cb3',
        slug: 'sekoiaio_case_updated',
        name: 'Case Updated',
        description: 'An existing case was updated',
        docker_parameters: 'case_updated_trigger',
        action: 'updated',
        arguments: z.object({ ...caseFilterFields, ...caseUuidsFilter }).meta({ title: 'Trigger configuration' }),
        results: z
          .looseObject({
            uuid: z.string(),
            short_id: text,
            created_at: text,
            updated_at: text,
            updated_by: text,
            title: text,
            description: text,
            assignees: strings,
            tags: strings,
            status_uuid: text,
            priority_uuid: text,
            custom_priority_uuid: text,
            verdict_uuid: text,
            community_uuid: text,
          })
          .meta({ title: 'Results' }),
        event: (attributes, found) => {
          const event: Json = { uuid: String(attributes['uuid']), short_id: found['short_id'] ?? null, created_at: found['created_at'] ?? null, updated_at: found['updated_at'] ?? null, updated_by: found['updated_by'] ?? null };
          const updated = (typeof attributes['updated'] === 'object' && attributes['updated'] !== null ? attributes['updated'] : {}) as Json;
          for (const key of UPDATED_KEYS) if (Object.hasOwn(updated, key)) event[key] = updated[key];
          // The reference's event names the priority `custom_priority_uuid`, its results schema `priority_uuid`: both are given.
          if (Object.hasOwn(updated, 'custom_priority_uuid')) event['priority_uuid'] = updated['custom_priority_uuid'];
          return event;
        },
      },
      options,
    ),
    createCaseTrigger(
      {
        uuid: '93a34848-06f3-4ed9-b2c9-e5fdaf1a8157',
        slug: 'sekoiaio_case_alerts_updated',
        name: 'Case Alerts Updated',
        description: 'Alerts have been added to or removed from a case',
        docker_parameters: 'case_alerts_updated_trigger',
        action: 'alerts-updated',
        arguments: z.object({ ...caseFilterFields, ...caseUuidsFilter }).meta({ title: 'Trigger configuration' }),
        results: z
          .looseObject({
            uuid: z.string().describe('Unique identifier of the Case (UUID string).'),
            short_id: text.describe('Unique short identifier of the Case.'),
            added_alerts: z.array(z.string()).optional().describe('List of Unique identifier of new alerts (UUID string).'),
            deleted_alerts: z.array(z.string()).optional().describe('List of Unique identifier of removed alerts (UUID string).'),
          })
          .meta({ title: 'Results' }),
        event: (attributes, found) => {
          const updated = (typeof attributes['updated'] === 'object' && attributes['updated'] !== null ? attributes['updated'] : {}) as Json;
          return { uuid: String(attributes['uuid']), short_id: found['short_id'] ?? null, added_alerts: updated['added_alerts_uuid'] ?? [], deleted_alerts: updated['deleted_alerts_uuid'] ?? [] };
        },
      },
      options,
    ),
  ];
}
