import type { TriggerContext } from '@ply/core';
import type { z } from 'zod';
import type { SekoiaConfiguration } from '../configuration.js';
import { runLiveApiTrigger } from '../liveapi/liveapi-trigger.js';
import { REFERENCE_LIVEAPI_OPTIONS, type LiveApiOptions } from '../liveapi/liveapi-options.js';
import { attribute, type Notification } from '../liveapi/notification.js';
import { sekoia } from '../module.js';
import type { SekoiaApi } from '../sekoia-api.js';
import { matchesCaseFilters, type CaseFilters } from './case-filters.js';

type Json = Record<string, unknown>;

/** One case trigger of the reference: its action, configuration, event shape and how it builds the event. */
export interface CaseTriggerSpec {
  uuid: string;
  slug: string;
  name: string;
  description: string;
  docker_parameters: string;
  /** The `case` notification action it handles (`created`, `updated`, `alerts-updated`). */
  action: string;
  arguments: z.ZodType<CaseFilters>;
  results: z.ZodType;
  /** The event, from the notification's attributes and the case read from the Case API. */
  event(attributes: Json, found: Json): Json;
}

async function handle(spec: CaseTriggerSpec, ctx: TriggerContext<SekoiaConfiguration, Json>, api: SekoiaApi, filters: CaseFilters, notification: Notification): Promise<void> {
  if (notification.type !== 'case' || notification.action !== spec.action) return;
  const caseUuid = attribute(notification, 'uuid');
  if (!caseUuid) return;
  let found: Json;
  try {
    found = await api.request<Json>(`v1/sic/cases/${encodeURIComponent(caseUuid)}`);
  } catch (error) {
    ctx.log.error('failed to fetch the case from the Case API', { case: caseUuid, error: error instanceof Error ? error.message : String(error) });
    return;
  }
  if (!matchesCaseFilters(found, filters)) return;
  const event = spec.event(notification.attributes, found);
  ctx.log.info('case notification', { case: String(event['short_id'] ?? caseUuid), action: spec.action });
  await ctx.emit(event);
}

/** A case trigger: LiveAPI `case` notifications, enriched with the case, filtered, as the reference's. */
export function createCaseTrigger(spec: CaseTriggerSpec, options: LiveApiOptions = REFERENCE_LIVEAPI_OPTIONS) {
  return sekoia.trigger({
    uuid: spec.uuid,
    slug: spec.slug,
    name: spec.name,
    description: spec.description,
    docker_parameters: spec.docker_parameters,
    arguments: spec.arguments,
    results: spec.results,
    start: (ctx, args) => runLiveApiTrigger(ctx, options, (notification, api) => handle(spec, ctx, api, args, notification)),
  });
}
