import { z } from 'zod';

/** The trigger's and connector's own configuration (the reference's, shared by both). */
export const graphEventsArguments = z
  .object({
    intake_server: z.string().default('https://intake.sekoia.io').describe("Server of the intake server (e.g. 'https://intake.sekoia.io')"),
    intake_key: z.string().meta({ secret: true }).describe('Intake key to use when sending events'),
    chunk_size: z.number().int().min(1).default(1000).describe('The max size of chunks for the batch processing'),
    frequency: z.number().int().min(1).default(60).describe('Batch frequency in seconds'),
  })
  .meta({ title: 'Trigger Microsoft EntraId Graph API configuration' });

/** A directory audit or a sign-in record, as Graph returns it (every field kept). */
export const auditRecordSchema = z.looseObject({ id: z.string().optional() });

/** What the trigger and the connector share: the reference's uuid, name and docker_parameters. */
export const GRAPH_EVENTS = {
  uuid: '0a6d2b2a-3b4d-4651-813e-441b80531642',
  slug: 'entraid_graph_api',
  name: 'Fetch new events from Microsoft EntraId Graph API',
  description: 'Trigger playbook to get Azure EntraId events using Graph API',
  docker_parameters: 'entraid_graph_api_connector',
} as const;

/** Options of the polling items; tests shorten the wait between two polls. */
export interface PollingOptions {
  /** Wait between two polls that found nothing (default: the item's `frequency`, in seconds). */
  pollIntervalMs?: number;
}
