import { z } from 'zod';
import { indicatorOf, isCyberObservable, makeDomainObject, makeIdentity, makeRelationship, stableIdentifier, type StixObject } from './model.js';
import { stix } from './module.js';
import { bundleInputSchema, bundleResults } from './stix.schema.js';
import { inputObjects, outputBundle } from './stix-input.js';
import { validForDays, validityOf } from './indicator-options.schema.js';

const THREAT_TYPES = ['malware', 'threat-actor', 'intrusion-set', 'campaign', 'tool', 'attack-pattern', 'infrastructure'] as const;

export const observablesToContextualisedIndicatorsAction = stix.action({
  uuid: '8910e60f-fec7-4ec2-8e73-6421e2bd2bf0',
  slug: 'observables_to_contextualised_indicators',
  docker_parameters: 'stix_observables_to_contextualised_indicators',
  name: 'Observables to contextualised indicators',
  description: 'Indicators for the observables of a bundle, with their context: name, description, indicator types, labels, confidence, kill chain phases, validity, source, and the threat they indicate (a malware, threat actor, intrusion set, campaign, tool...) linked by indicates relationships',
  arguments: z
    .object({
      bundle: bundleInputSchema,
      name: z.string().min(1).optional().describe('Name of every indicator (default: the observable value)'),
      description: z.string().optional(),
      indicator_types: z.array(z.string().min(1)).optional().describe('indicator-type-ov values: malicious-activity, anomalous-activity, attribution, benign, compromised, unknown'),
      labels: z.array(z.string().min(1)).optional(),
      confidence: z.number().int().min(0).max(100).optional().describe('Confidence, 0 to 100'),
      kill_chain_phases: z.array(z.object({ kill_chain_name: z.string().min(1), phase_name: z.string().min(1) })).optional(),
      valid_for_days: validForDays,
      source_name: z.string().min(1).optional().describe('The source, as an identity set as created_by_ref'),
      threat: z
        .object({ type: z.enum(THREAT_TYPES), name: z.string().min(1), description: z.string().optional() })
        .optional()
        .describe('What the indicators indicate: created once (same identifier for the same type and name) and linked by indicates relationships'),
      keep_observables: z.boolean().default(true).describe('Keep the observables, linked to their indicators by based-on relationships'),
    })
    .meta({ title: 'Arguments' }),
  results: bundleResults('bundle', 'The contextualised indicators, the threat, the source and the relationships'),
  run(_ctx, args) {
    const source = args.source_name ? makeIdentity(args.source_name) : undefined;
    const creator = source ? { created_by_ref: source.id } : {};
    const threat = args.threat
      ? makeDomainObject(
          args.threat.type,
          { ...creator, name: args.threat.name, ...(args.threat.description ? { description: args.threat.description } : {}), ...(args.threat.type === 'malware' ? { is_family: true } : {}) },
          { id: stableIdentifier(args.threat.type, args.threat.name) },
        )
      : undefined;
    const out: StixObject[] = [...(source ? [source] : []), ...(threat ? [threat] : [])];
    const context = {
      ...validityOf(args.valid_for_days),
      ...creator,
      ...(args.name ? { name: args.name } : {}),
      ...(args.description ? { description: args.description } : {}),
      ...(args.indicator_types ? { indicator_types: args.indicator_types } : {}),
      ...(args.labels ? { labels: args.labels } : {}),
      ...(args.confidence !== undefined ? { confidence: args.confidence } : {}),
      ...(args.kill_chain_phases ? { kill_chain_phases: args.kill_chain_phases } : {}),
    };
    for (const object of inputObjects(args.bundle)) {
      if (!isCyberObservable(object)) {
        out.push(object);
        continue;
      }
      if (args.keep_observables) out.push(object);
      const indicator = indicatorOf(object, context);
      if (!indicator) continue;
      out.push(indicator);
      if (threat) out.push(makeRelationship(indicator.id, 'indicates', threat.id, creator));
      if (args.keep_observables) out.push(makeRelationship(indicator.id, 'based-on', object.id, creator));
    }
    return { bundle: outputBundle(out) };
  },
});
