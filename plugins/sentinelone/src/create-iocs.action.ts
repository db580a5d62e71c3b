import { PlyError } from '@ply/core';
import { z } from 'zod';
import { apiFilter } from './filters.js';
import { sentinelone } from './module.js';
import { equalityComparisons, hashName, isStixIndicator } from './stix-indicators.js';

/** STIX observable paths and the SentinelOne IOC type they become (the reference's `SUPPORTED_TYPES_MAP`). */
function iocTypeOf(objectType: string, path: string): string | undefined {
  if (path === 'value') return ({ 'ipv4-addr': 'IPV4', 'ipv6-addr': 'IPV6', 'domain-name': 'DNS', url: 'URL' } as Record<string, string>)[objectType];
  if (objectType === 'file') return ({ MD5: 'MD5', SHA1: 'SHA1', SHA256: 'SHA256' } as Record<string, string>)[hashName(path) ?? ''];
  return undefined;
}

/** The STIX objects: a bundle's `objects`, or a list of objects, as the reference's `stix_objects` argument reads them. */
function objectsOf(content: unknown): unknown[] {
  if (Array.isArray(content)) return content;
  if (typeof content === 'object' && content !== null && Array.isArray((content as { objects?: unknown }).objects)) return (content as { objects: unknown[] }).objects;
  throw new PlyError('PLY_ARGUMENTS_INVALID', 'stix_objects_path does not hold a STIX bundle or a list of STIX objects');
}

/** The IOCs of STIX indicators: revoked ones skipped, each (type, value) once, with the indicator's dates. */
export function iocsOf(objects: unknown[]): Array<Record<string, string>> {
  const seen = new Set<string>();
  const iocs: Array<Record<string, string>> = [];
  for (const object of objects) {
    if (!isStixIndicator(object) || object['revoked'] === true) continue;
    for (const comparison of equalityComparisons(object.pattern)) {
      const type = iocTypeOf(comparison.objectType, comparison.path);
      if (!type || seen.has(`${type}:${comparison.value}`)) continue;
      seen.add(`${type}:${comparison.value}`);
      iocs.push({
        type,
        value: comparison.value,
        source: 'Sekoia.io',
        method: 'EQUALS',
        ...(typeof object['valid_until'] === 'string' ? { validUntil: object['valid_until'] } : {}),
        ...(typeof object['created'] === 'string' ? { creationTime: object['created'] } : {}),
        ...(typeof object['name'] === 'string' ? { name: object['name'] } : {}),
        ...(typeof object['id'] === 'string' ? { externalId: object['id'] } : {}),
      });
    }
  }
  return iocs;
}

const listOf = z.array(z.unknown()).optional();

/** `POST threat-intelligence/iocs` with the indicators of a STIX bundle of the run (the reference's flow). */
export const createIocsAction = sentinelone.action({
  uuid: '3483ff12-8b2e-4614-b9b0-5f6019cb2678',
  slug: 'create_iocs_from_stix_bundle',
  name: 'Create IOCs',
  description: 'Push IOCs in the Threat Intelligence API of SentinelOne',
  docker_parameters: 'sentinelone_iocs_create_iocs',
  arguments: z
    .object({
      sekoia_base_url: z.string().optional().describe('Sekoia base URL'),
      stix_objects_path: z.string().min(1).describe('Filepath of the STIX objects fetched from the collection'),
      filters: z
        .object({
          account_ids: z.array(z.string()).describe('The list of Account IDs to filter by'),
          group_ids: z.array(z.string()).optional().describe('The list of network group to filter by'),
          site_ids: z.array(z.string()).optional().describe('The list of Site IDs to filter by'),
        })
        .optional()
        .describe('Filter where to add iocs '),
    })
    .meta({ title: 'Arguments' }),
  results: z
    .object({
      indicators: z
        .array(
          z.looseObject({
            source: z.string().optional(),
            type: z.string().optional(),
            value: z.string().optional(),
            method: z.string().optional(),
            category: listOf,
            validUntil: z.string().nullish(),
            creationTime: z.string().nullish(),
            uuid: z.string().optional(),
            scope: z.string().optional(),
            scopeId: z.string().optional(),
            externalId: z.string().nullish(),
            name: z.string().nullish(),
            description: z.string().nullish(),
            batchId: z.string().nullish(),
            updatedAt: z.string().nullish(),
            uploadTime: z.string().nullish(),
          }),
        )
        .optional()
        .describe('All indicators pushed'),
    })
    .meta({ title: 'Indicators pushed' }),
  async run(ctx, args) {
    const iocs = iocsOf(objectsOf(await ctx.files.readJson(args.stix_objects_path)));
    if (iocs.length === 0) {
      ctx.log.info('no supported indicator in the STIX objects: nothing pushed');
      return {};
    }
    const answer = (await sentinelone.request(ctx, { method: 'POST', path: 'threat-intelligence/iocs', json: { filter: apiFilter(args.filters), data: iocs }, idempotent: true })).body as { data?: unknown } | undefined;
    if (!Array.isArray(answer?.data)) throw new PlyError('PLY_VENDOR_RESPONSE_INVALID', 'SentinelOne answered threat-intelligence/iocs without a data list');
    ctx.log.info('IOCs pushed to SentinelOne', { count: answer.data.length });
    return { indicators: answer.data as Array<Record<string, unknown>> };
  },
});
