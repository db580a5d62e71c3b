import { randomUUID } from 'node:crypto';
import { isIP } from 'node:net';
import type { StixObject } from './stix-object.js';
import { indexById, objectsOf } from './bundle.js';
import { comparisonsIn, parsePattern, type ComparisonNode } from './pattern-parser.js';
import { MISP_ATTRIBUTE_MAPPINGS, MISP_RULE_TYPES } from './misp-attribute-types.js';
import { comparisonPath, mappingPath, valueFromComparisons, valueFromObservables, valuesAt } from './misp-attribute-mapper.js';
import { MISP_OBJECT_MAPPINGS } from './misp-object-mapping.js';
import type { MispAttribute, MispEvent, MispObject, MispTag } from './misp-event.js';

const LABEL = /^misp:([a-z_-]+)="(.*)"$/;

/** The `misp:name="value"` labels of an object, and its other labels (the tags). */
function readLabels(object: StixObject): { misp: Record<string, string>; tags: MispTag[] } {
  const misp: Record<string, string> = {};
  const tags: MispTag[] = [];
  for (const label of (object['labels'] as unknown[] | undefined) ?? []) {
    if (typeof label !== 'string') continue;
    const match = LABEL.exec(label);
    if (match) misp[match[1]!] = match[2]!;
    else tags.push({ name: label });
  }
  return { misp, tags };
}

function epoch(timestamp: unknown): string | undefined {
  return typeof timestamp === 'string' && !Number.isNaN(Date.parse(timestamp)) ? String(Math.floor(Date.parse(timestamp) / 1000)) : undefined;
}

function uuidOf(id: string): string {
  return id.slice(id.indexOf('--') + 2);
}

/** The attribute types tried, in order, for a pattern or observable with no `misp:type` label. */
const INFERENCE_ORDER = ['ip-dst', 'ip-src', 'ip-dst|port', 'ip-src|port', 'domain', 'domain|ip', 'url', 'email', 'email-src', 'email-dst', 'email-subject', 'email-message-id', 'filename', ...Object.keys(MISP_ATTRIBUTE_MAPPINGS).filter((type) => /^(md5|sha|ssdeep|tlsh|imphash|authentihash|filename\|)/.test(type)), 'AS', 'mac-address', 'mutex', 'regkey', 'x509-fingerprint-md5', 'x509-fingerprint-sha1', 'x509-fingerprint-sha256', 'github-username', 'port', 'size-in-bytes', 'user-agent', 'http-method'];

function inferFromComparisons(comparisons: readonly ComparisonNode[]): { type: string; value: string } | undefined {
  // An address on its own (not inside network traffic) is what MISP calls a destination IP.
  const [only] = comparisons;
  if (comparisons.length === 1 && (only!.objectType === 'ipv4-addr' || only!.objectType === 'ipv6-addr') && only!.path.join('.') === 'value' && only!.operator === '=' && typeof only!.value === 'string') {
    return { type: 'ip-dst', value: only!.value };
  }
  for (const type of INFERENCE_ORDER) {
    const value = valueFromComparisons(MISP_ATTRIBUTE_MAPPINGS[type]!, comparisons);
    if (value !== undefined) return { type, value };
  }
  return undefined;
}

/** What an indicator's pattern says, as MISP attributes: by its `misp:type` label, else inferred. */
function attributesOfPattern(pattern: string, labelledType: string | undefined): Array<{ type: string; value: string }> {
  const expression = parsePattern(pattern);
  const comparisons = comparisonsIn(expression);
  if (labelledType && MISP_ATTRIBUTE_MAPPINGS[labelledType]) {
    const value = valueFromComparisons(MISP_ATTRIBUTE_MAPPINGS[labelledType], comparisons);
    if (value !== undefined) return [{ type: labelledType, value }];
  }
  const whole = inferFromComparisons(comparisons);
  if (whole) return [whole];
  // An OR of single comparisons (a file by any of its hashes) gives one attribute per comparison.
  return comparisons.flatMap((node) => {
    const one = inferFromComparisons([node]);
    return one ? [one] : [];
  });
}

function attributesOfObservables(root: StixObject, byId: ReadonlyMap<string, StixObject>, labelledType: string | undefined): Array<{ type: string; value: string }> {
  if (labelledType && MISP_ATTRIBUTE_MAPPINGS[labelledType]) {
    const value = valueFromObservables(MISP_ATTRIBUTE_MAPPINGS[labelledType], root, byId);
    if (value !== undefined) return [{ type: labelledType, value }];
  }
  if (root.type === 'file' && typeof root['hashes'] === 'object') {
    const hashes = Object.entries(root['hashes'] as Record<string, string>);
    const types = hashes.map(([name, value]) => ({ type: Object.keys(MISP_ATTRIBUTE_MAPPINGS).find((t) => MISP_ATTRIBUTE_MAPPINGS[t]!.root === 'file' && mappingPath(MISP_ATTRIBUTE_MAPPINGS[t]!.parts[0]!) === `.hashes.${name}`), value }));
    const known = types.filter((entry): entry is { type: string; value: string } => entry.type !== undefined);
    if (typeof root['name'] === 'string') known.push({ type: 'filename', value: root['name'] });
    if (known.length > 0) return known;
  }
  if (root.type === 'ipv4-addr' || root.type === 'ipv6-addr') return typeof root['value'] === 'string' ? [{ type: 'ip-dst', value: root['value'] }] : [];
  for (const type of INFERENCE_ORDER) {
    const mapping = MISP_ATTRIBUTE_MAPPINGS[type]!;
    if (mapping.patternOnly) continue;
    const value = valueFromObservables(mapping, root, byId);
    if (value !== undefined) return [{ type, value }];
  }
  return [];
}

/** The category MISP gives a type by default (its "Network activity", "Payload delivery", ... lists). */
function defaultCategory(type: string): string {
  if (/^(md5|sha|ssdeep|tlsh|imphash|authentihash|filename|size-in-bytes|mutex|regkey)/.test(type)) return type === 'mutex' || type === 'regkey' ? 'Artifacts dropped' : 'Payload delivery';
  if (type === 'vulnerability') return 'External analysis';
  if (type === 'campaign-name') return 'Attribution';
  if (type.startsWith('email')) return 'Payload delivery';
  return 'Network activity';
}

/**
 * A STIX 2.1 bundle as a MISP event (misp-stix's "STIX 2.1 to MISP" mapping): the first report
 * gives the event (uuid, info, tags, creator), indicators and observed-data become attributes
 * (`to_ids` for indicators) typed by their `misp:type` label or inferred from the pattern or the
 * observables, vulnerabilities and campaigns their attribute types, rule indicators (YARA, Sigma,
 * Snort, Suricata) their rule types, `x-misp-*` custom objects what they were, and observables no
 * observed-data refers to plain attributes. Objects with nothing MISP can hold are skipped.
 */
export function stixToMispEvent(input: unknown, options: { info?: string } = {}): MispEvent {
  const objects = objectsOf(input);
  const byId = indexById(objects);
  const report = objects.find((object) => object.type === 'report' || object.type === 'grouping');
  const creatorRef = (report?.['created_by_ref'] ?? objects.find((object) => typeof object['created_by_ref'] === 'string')?.['created_by_ref']) as string | undefined;
  const creator = creatorRef ? byId.get(creatorRef) : undefined;
  const attributes: MispAttribute[] = [];
  const mispObjects: MispObject[] = [];
  const consumed = new Set<string>();

  const push = (source: StixObject, found: Array<{ type: string; value: string }>, toIds: boolean, extra: Partial<MispAttribute> = {}) => {
    const { misp, tags } = readLabels(source);
    found.forEach(({ type, value }, index) => {
      const attribute: MispAttribute = {
        uuid: index === 0 ? uuidOf(source.id) : randomUUID(),
        type,
        category: misp['category'] ?? defaultCategory(type),
        value,
        to_ids: toIds,
        ...(epoch(source['modified']) ? { timestamp: epoch(source['modified'])! } : {}),
        ...extra,
      };
      const comment = source['description'] ?? source['x_misp_comment'];
      if (typeof comment === 'string') attribute.comment = comment;
      if (tags.length > 0) attribute.Tag = tags;
      attributes.push(attribute);
    });
  };

  for (const object of objects) {
    const { misp } = readLabels(object);
    if (object.type === 'indicator' && typeof object['pattern'] === 'string') {
      const patternType = String(object['pattern_type'] ?? 'stix');
      const seen = { first_seen: object['valid_from'] as string, ...(object['valid_until'] ? { last_seen: object['valid_until'] as string } : {}) };
      const toIds = object['x_misp_to_ids'] !== false;
      if (MISP_RULE_TYPES.has(patternType)) push(object, [{ type: patternType, value: object['pattern'] }], toIds);
      else if (patternType === 'stix' && misp['name'] && MISP_OBJECT_MAPPINGS[misp['name']]) mispObjects.push(objectFromPattern(object, misp, byId));
      else if (patternType === 'stix') push(object, attributesOfPattern(object['pattern'], misp['type']), toIds, seen);
    } else if (object.type === 'observed-data' && Array.isArray(object['object_refs'])) {
      const refs = (object['object_refs'] as string[]).filter((ref) => byId.has(ref));
      refs.forEach((ref) => consumed.add(ref));
      for (const ref of refs) for (const inner of referencedIds(byId.get(ref)!)) consumed.add(inner);
      if (misp['name'] && MISP_OBJECT_MAPPINGS[misp['name']]) {
        mispObjects.push(objectFromObservables(object, misp, refs, byId));
        continue;
      }
      const roots = refs.map((ref) => byId.get(ref)!).filter((candidate) => !refs.some((other) => other !== candidate.id && referencedIds(byId.get(other)!).includes(candidate.id)));
      const found = roots.flatMap((root) => attributesOfObservables(root, byId, misp['type']));
      push(object, found, false, { first_seen: object['first_observed'] as string, last_seen: object['last_observed'] as string });
    } else if (object.type === 'vulnerability') {
      const cve = ((object['external_references'] as Array<Record<string, unknown>> | undefined) ?? []).find((ref) => ref['source_name'] === 'cve')?.['external_id'];
      push(object, [{ type: 'vulnerability', value: String(cve ?? object['name']) }], false);
    } else if (object.type === 'campaign' && typeof object['name'] === 'string') {
      push(object, [{ type: 'campaign-name', value: object['name'] }], false);
    } else if (object.type === 'x-misp-attribute' && typeof object['x_misp_type'] === 'string') {
      push(object, [{ type: object['x_misp_type'], value: String(object['x_misp_value']) }], object['x_misp_to_ids'] === true, object['x_misp_category'] ? { category: object['x_misp_category'] as string } : {});
    } else if (object.type === 'x-misp-object' && Array.isArray(object['x_misp_attributes'])) {
      mispObjects.push({ uuid: uuidOf(object.id), name: String(object['x_misp_name']), ...(misp['meta-category'] ? { 'meta-category': misp['meta-category'] } : {}), ...(typeof object['x_misp_comment'] === 'string' ? { comment: object['x_misp_comment'] } : {}), Attribute: object['x_misp_attributes'] as MispAttribute[] });
    }
  }
  // Observables no observed-data refers to (a bundle of observables) become plain attributes.
  for (const object of objects) {
    if (consumed.has(object.id) || object['created'] !== undefined || object.type === 'bundle' || typeof object['spec_version'] !== 'string') continue;
    if (objects.some((other) => other.id !== object.id && !consumed.has(other.id) && other['created'] === undefined && referencedIds(other).includes(object.id))) continue;
    const found = attributesOfObservables(object, byId, undefined);
    found.forEach(({ type, value }, index) => attributes.push({ uuid: index === 0 && isUuidV4(uuidOf(object.id)) ? uuidOf(object.id) : randomUUID(), type, category: defaultCategory(type), value, to_ids: false }));
  }

  const { misp: reportLabels, tags } = report ? readLabels(report) : { misp: {}, tags: [] };
  const event: MispEvent = {
    uuid: report ? uuidOf(report.id) : randomUUID(),
    info: options.info ?? (typeof report?.['name'] === 'string' ? report['name'] : 'STIX bundle'),
    date: (report?.['x_misp_date'] as string | undefined) ?? String(report?.['published'] ?? new Date().toISOString()).slice(0, 10),
    threat_level_id: reportLabels['threat_level_id'] ?? '4',
    analysis: (report?.['x_misp_analysis'] as string | undefined) ?? '0',
    distribution: (report?.['x_misp_distribution'] as string | undefined) ?? '0',
    published: report?.['x_misp_published'] === true,
    ...(report && epoch(report['modified']) ? { timestamp: epoch(report['modified'])! } : {}),
    ...(creator && typeof creator['name'] === 'string' ? { Orgc: { uuid: uuidOf(creator.id), name: creator['name'] } } : {}),
    ...(tags.length > 0 ? { Tag: tags } : {}),
    Attribute: attributes,
    Object: mispObjects,
  };
  return event;
}

function isUuidV4(uuid: string): boolean {
  return uuid[14] === '4';
}

function referencedIds(object: StixObject): string[] {
  const ids: string[] = [];
  for (const [key, value] of Object.entries(object)) {
    if (key.endsWith('_ref') && typeof value === 'string') ids.push(value);
    if (key.endsWith('_refs') && Array.isArray(value)) ids.push(...value.filter((item): item is string => typeof item === 'string'));
  }
  return ids;
}

function objectShell(source: StixObject, misp: Record<string, string>): Omit<MispObject, 'Attribute'> & { name: string } {
  return {
    uuid: uuidOf(source.id),
    name: misp['name']!,
    ...(misp['meta-category'] ? { 'meta-category': misp['meta-category'] } : {}),
    ...(typeof (source['description'] ?? source['x_misp_comment']) === 'string' ? { comment: (source['description'] ?? source['x_misp_comment']) as string } : {}),
  };
}

function objectFromPattern(indicator: StixObject, misp: Record<string, string>, _byId: ReadonlyMap<string, StixObject>): MispObject {
  const mapping = MISP_OBJECT_MAPPINGS[misp['name']!]!;
  const comparisons = comparisonsIn(parsePattern(indicator['pattern'] as string)).filter((node) => !(node.path.at(-1) === 'type' && node.path.length > 1));
  const Attribute: MispAttribute[] = [];
  for (const node of comparisons) {
    const relation = Object.entries(mapping.relations).find(([, { part }]) => mappingPath(part) === comparisonPath(node));
    if (relation && (typeof node.value === 'string' || typeof node.value === 'number')) {
      Attribute.push({ uuid: randomUUID(), object_relation: relation[0], type: relation[1].type, value: String(node.value), to_ids: true, category: defaultCategory(relation[1].type) });
    }
  }
  return { ...objectShell(indicator, misp), Attribute };
}

function objectFromObservables(observed: StixObject, misp: Record<string, string>, refs: string[], byId: ReadonlyMap<string, StixObject>): MispObject {
  const mapping = MISP_OBJECT_MAPPINGS[misp['name']!]!;
  const root = refs.map((ref) => byId.get(ref)!).find((object) => object.type === mapping.root);
  const Attribute: MispAttribute[] = [];
  if (root) {
    for (const [relation, { part, type }] of Object.entries(mapping.relations)) {
      for (const value of valuesAt(root, part.path, byId)) {
        const attributeType = type === 'ip-dst' && isIP(String(value)) === 0 ? 'domain' : type;
        Attribute.push({ uuid: randomUUID(), object_relation: relation, type: attributeType, value: String(value), to_ids: false, category: defaultCategory(attributeType) });
      }
    }
  }
  return { ...objectShell(observed, misp), Attribute };
}
