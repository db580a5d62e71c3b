import { z } from 'zod';
import { affectedOf, filterFields, requiredFilter } from './filters.js';
import { sentinelone } from './module.js';

const { agent_ids, account_ids, group_ids, site_ids } = filterFields;
const threatIds = z.array(z.string()).optional();
const verdicts = ['-', 'false_positive', 'suspicious', 'true_positive', 'undefined'] as const;

/** The API's verdict: the reference's `-` means "no verdict" and is not sent. */
function verdictFilter(filters: Record<string, unknown>): Record<string, unknown> {
  const { analyst_verdicts: verdict, ...rest } = filters;
  return verdict === undefined || verdict === '-' ? rest : { ...rest, analyst_verdicts: [verdict] };
}

export const createThreatNoteAction = sentinelone.restAction({
  uuid: 'ec11369d-142e-4cdf-a5d8-0cd6b9f3198b',
  slug: 'create_threat_note',
  name: 'Create Threat Note',
  description: 'Create a threat note in SentinelOne',
  docker_parameters: 'sentinelone_threat_create_threat_note',
  method: 'POST',
  path: 'threats/notes',
  arguments: z
    .object({
      text: z.string().min(1).describe('Text to add to the note'),
      filters: z
        .object({ agent_ids, account_ids, group_ids, site_ids, ids: threatIds.describe('The list of threat IDs to filter by') })
        .describe('Filters to select the threats to which a note will be added'),
    })
    .meta({ title: 'Arguments' }),
  results: z.object({ affected: z.int().describe('The number of threats to which the note was added') }).meta({ title: 'Results' }),
  body: (args) => ({ data: { text: args.text }, filter: requiredFilter(args.filters, 'a threat note') }),
  map: (body) => affectedOf(body, 'threats/notes'),
});

export const updateThreatIncidentAction = sentinelone.restAction({
  uuid: '0c4541ac-c6f5-434a-83f2-a2ad03a84af5',
  slug: 'update_threat_incident',
  name: 'Update Threat Incident',
  description: 'Update a threat incident in SentinelOne',
  docker_parameters: 'sentinelone_threat_update_incident',
  method: 'POST',
  path: 'threats/incident',
  arguments: z
    .object({
      status: z.enum(['unresolved', 'in_progress', 'resolved']).describe('Status applied to the incident'),
      new_analyst_verdict: z.enum(verdicts).describe('New verdict of the analyst to set'),
      filters: z
        .object({
          agent_ids: agent_ids.describe('List of Agent IDs to filter by'),
          account_ids: account_ids.describe('List of Account IDs to filter by'),
          group_ids: group_ids.describe('List of network group to filter by'),
          site_ids: site_ids.describe('List of Site IDs to filter by'),
          ids: threatIds.describe('List of threat IDs'),
          analyst_verdicts: z.enum(verdicts).default('-').describe('Verdicts of the analyst to filter by'),
        })
        .optional()
        .describe('Filters to select the threats to update'),
    })
    .meta({ title: 'Arguments' }),
  results: z.object({ affected: z.int().describe('The number of threats incidents updated') }).meta({ title: 'Results' }),
  body: (args) => ({
    data: { incidentStatus: args.status, ...(args.new_analyst_verdict === '-' ? {} : { analystVerdict: args.new_analyst_verdict }) },
    filter: requiredFilter(verdictFilter(args.filters ?? {}), 'a threat incident update'),
  }),
  // Setting a status twice leaves the same status.
  idempotent: true,
  map: (body) => affectedOf(body, 'threats/incident'),
});
