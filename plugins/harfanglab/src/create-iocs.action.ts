import { PlyError, isPlyError } from '@ply/core';
import { z } from 'zod';
import { harfanglab } from './module.js';
// The IOC reading of STIX patterns both EDR plugins share (over the `stix` plugin's model).
import { equalityComparisons, hashName, isStixIndicator } from '@ply/plugin-sentinelone/stix-indicators';

/** STIX observable paths and the HarfangLab IOC rule type they become (the reference's `SUPPORTED_TYPES_MAP`). */
function iocTypeOf(objectType: string, path: string): string | undefined {
  if (path === 'value') return ({ 'ipv4-addr': 'ip_both', 'ipv6-addr': 'ip_both', 'domain-name': 'domain_name', url: 'url' } as Record<string, string>)[objectType];
  if (objectType === 'file') return ['MD5', 'SHA1', 'SHA256'].includes(hashName(path) ?? '') ? 'hash' : undefined;
  return undefined;
}

interface Rule {
  source_id: string;
  type: string;
  value: string;
  block_on_agent: boolean;
  quarantine_on_agent: boolean;
  endpoint_detection: boolean;
  enabled: true;
  description?: string;
}

function objectsOf(content: unknown): unknown[] {
  if (Array.isArray(content)) return content;
  if (typeof content === 'object' && content !== null && Array.isArray((content as { objects?: unknown }).objects)) return (content as { objects: unknown[] }).objects;
  throw new PlyError('PLY_ARGUMENTS_INVALID', 'stix_objects_path does not hold a STIX bundle or a list of STIX objects');
}

/** The rules to create, and those of revoked or expired indicators to remove (as the reference sorts them). */
export function sortIndicators(objects: unknown[], args: { source_id: string; block_on_agent: boolean; quarantine_on_agent: boolean; detect_on_agent: boolean; sekoia_base_url: string }, now = Date.now()) {
  const sorted = { valid: [] as Rule[], revoked: [] as Rule[], expired: [] as Rule[] };
  const seen = new Set<string>();
  for (const object of objects) {
    if (!isStixIndicator(object)) continue;
    for (const comparison of equalityComparisons(object.pattern)) {
      const type = iocTypeOf(comparison.objectType, comparison.path);
      if (!type) continue;
      const rule: Rule = { source_id: args.source_id, type, value: comparison.value, block_on_agent: args.block_on_agent, quarantine_on_agent: args.quarantine_on_agent, endpoint_detection: args.detect_on_agent, enabled: true };
      if (object['revoked'] === true) {
        sorted.revoked.push(rule);
        continue;
      }
      if (seen.has(`${type}:${rule.value}`)) continue;
      // A direct link back to Sekoia.io's intelligence object, for indicators that came from it.
      if ('x_ic_observable_types' in object && typeof object['id'] === 'string') rule.description = new URL(`intelligence/objects/${object['id']}`, args.sekoia_base_url.endsWith('/') ? args.sekoia_base_url : `${args.sekoia_base_url}/`).href;
      if (typeof object['valid_until'] === 'string' && Date.parse(object['valid_until']) < now) {
        sorted.expired.push(rule);
        continue;
      }
      seen.add(`${type}:${rule.value}`);
      sorted.valid.push(rule);
    }
  }
  return sorted;
}

const ruleListSchema = z.looseObject({ results: z.array(z.looseObject({ id: z.union([z.string(), z.int()]) })) });

/**
 * IOC rules from a STIX bundle of the run: rules of revoked and expired indicators are searched
 * (`GET …/IOCRule/?search=&source_id=`) and deleted, then the valid ones created one by one (a rule
 * HarfangLab says already exists is skipped), as the reference does; 60 s per request.
 */
export const createIocsAction = harfanglab.action({
  uuid: '50fc3f07-ab5b-4dd6-a7ab-de86b31ebd44',
  slug: 'create_iocs_from_stix_bundle',
  name: 'Create IOCs',
  description: 'Create IOCs',
  docker_parameters: 'harfanglab_create_iocs',
  arguments: z
    .object({
      stix_objects_path: z.string().min(1).describe('Filepath of the STIX objects fetched from the collection'),
      sekoia_base_url: z.string().default('https://app.sekoia.io').describe('[Optional] Sekoia base url, used to generate direct links to IOCs'),
      source_id: z.string().min(1).describe('Source ID'),
      block_on_agent: z.boolean().describe('Block on agent'),
      quarantine_on_agent: z.boolean().describe('Quarantine on agent'),
      detect_on_agent: z.boolean().describe('Endpoint detection'),
    })
    .meta({ title: 'Arguments' }),
  results: z.looseObject({ created: z.int().optional().describe('Rules created (Ply addition)'), removed: z.int().optional().describe('Rules removed (Ply addition)') }),
  async run(ctx, args) {
    const sorted = sortIndicators(objectsOf(await ctx.files.readJson(args.stix_objects_path)), args);
    let removed = 0;
    for (const rule of [...sorted.revoked, ...sorted.expired]) {
      const found = ruleListSchema.safeParse((await harfanglab.request(ctx, { path: 'api/data/threat_intelligence/IOCRule/', query: { search: rule.value, source_id: rule.source_id }, timeoutMs: 60_000 })).body);
      if (!found.success) throw new PlyError('PLY_VENDOR_RESPONSE_INVALID', 'HarfangLab answered the IOC rule search without results');
      for (const existing of found.data.results) {
        await harfanglab.request(ctx, { method: 'DELETE', path: `api/data/threat_intelligence/IOCRule/${encodeURIComponent(String(existing.id))}/`, timeoutMs: 60_000, acceptStatus: [404] });
        removed += 1;
      }
    }
    let created = 0;
    for (const rule of sorted.valid) {
      try {
        await harfanglab.request(ctx, { method: 'POST', path: 'api/data/threat_intelligence/IOCRule/', json: rule, timeoutMs: 60_000 });
        created += 1;
      } catch (error) {
        // The same type, value and source already has a rule: nothing to add.
        if (isPlyError(error) && error.details['status'] === 400 && /already exists/i.test(String(error.details['vendorMessage'] ?? error.message))) continue;
        throw error;
      }
    }
    ctx.log.info('HarfangLab IOC rules updated', { created, removed });
    return { created, removed };
  },
});
