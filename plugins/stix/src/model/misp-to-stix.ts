import { randomUUID } from 'node:crypto';
import type { StixBundle, StixCoreObject, StixObject } from './stix-object.js';
import { makeBundle } from './bundle.js';
import { makeDomainObject, stableIdentifier } from './domain-objects.js';
import { stixTimestamp } from './stix-timestamp.js';
import { mispBoolean, unwrapEvent, type MispAttribute, type MispObject } from './misp-event.js';
import { MISP_ATTRIBUTE_MAPPINGS, MISP_DOMAIN_OBJECT_TYPES, MISP_RULE_TYPES } from './misp-attribute-types.js';
import { observablesOfAttribute, patternOfAttribute } from './misp-attribute-mapper.js';
import { MISP_OBJECT_MAPPINGS, objectComparisons, objectObservables } from './misp-object-mapping.js';

/** Labels that carry what STIX has no property for, as misp-stix writes them. */
export function mispLabel(name: string, value: string): string {
  return `misp:${name}="${value}"`;
}

function timestampOf(value: string | number | undefined, fallback: string): string {
  if (value === undefined || value === '' || value === null) return fallback;
  try {
    return stixTimestamp(value);
  } catch {
    return fallback;
  }
}

interface Converted {
  objects: StixObject[];
  /** What the report lists in object_refs. */
  refs: string[];
}

/**
 * A MISP event as a STIX 2.1 bundle, after misp-stix's mapping: the event a `report` (its uuid
 * kept), its creator organisation an `identity`, each attribute an `indicator` when `to_ids` is
 * set and an `observed-data` with its SCOs otherwise (both keep the attribute uuid), with
 * `misp:type` / `misp:category` labels and the attribute's tags; vulnerabilities and campaigns
 * become their own SDOs; the supported MISP objects one indicator or observed-data each; any other
 * attribute or object an `x-misp-attribute` / `x-misp-object` custom object, so nothing is lost.
 */
export function mispEventToStix(input: unknown): StixBundle {
  const event = unwrapEvent(input);
  const eventTime = timestampOf(event.timestamp ?? event.date, stixTimestamp());
  const creator = event.Orgc?.name
    ? makeDomainObject<StixCoreObject>('identity', { name: event.Orgc.name, identity_class: 'organization' }, { id: event.Orgc.uuid ? `identity--${event.Orgc.uuid}` : stableIdentifier('identity', event.Orgc.name), at: eventTime })
    : undefined;
  const common = creator ? { created_by_ref: creator.id } : {};
  const objects: StixObject[] = creator ? [creator] : [];
  const refs: string[] = [];
  for (const attribute of event.Attribute ?? []) {
    const converted = convertAttribute(attribute, eventTime, common);
    objects.push(...converted.objects);
    refs.push(...converted.refs);
  }
  for (const object of event.Object ?? []) {
    const converted = convertObject(object, eventTime, common);
    objects.push(...converted.objects);
    refs.push(...converted.refs);
  }
  const report = makeDomainObject(
    'report',
    {
      ...common,
      name: event.info,
      published: timestampOf(event.publish_timestamp ?? event.date, eventTime),
      report_types: ['misc'],
      labels: [...(event.Tag ?? []).map((tag) => tag.name), ...(event.threat_level_id ? [mispLabel('threat_level_id', String(event.threat_level_id))] : [])],
      object_refs: refs.length > 0 ? refs : creator ? [creator.id] : [],
      ...(event.analysis !== undefined ? { x_misp_analysis: String(event.analysis) } : {}),
      ...(event.distribution !== undefined ? { x_misp_distribution: String(event.distribution) } : {}),
      ...(event.date !== undefined ? { x_misp_date: event.date } : {}),
      ...(event.published !== undefined ? { x_misp_published: mispBoolean(event.published) } : {}),
    },
    { id: `report--${event.uuid ?? randomUUID()}`, at: eventTime },
  );
  if ((report['labels'] as string[]).length === 0) delete report['labels'];
  // A report must list at least one object (§4.14); an event with nothing gets its creator only.
  return makeBundle(withoutDuplicates([...objects, report]));
}

/**
 * Equal observables share one deterministic identifier (§2.9), so the bundle lists each once; two
 * with the same identifier but more than it covers (a domain resolving to other addresses in two
 * attributes) are merged: reference lists joined, the first value of any other property kept.
 */
function withoutDuplicates(objects: StixObject[]): StixObject[] {
  const byId = new Map<string, StixObject>();
  for (const object of objects) {
    const first = byId.get(object.id);
    if (!first) {
      byId.set(object.id, object);
      continue;
    }
    const merged: StixObject = { ...object, ...first };
    for (const [key, value] of Object.entries(object)) {
      if (key.endsWith('_refs') && Array.isArray(value) && Array.isArray(first[key])) merged[key] = [...new Set([...(first[key] as unknown[]), ...value])];
    }
    byId.set(object.id, merged);
  }
  return [...byId.values()];
}

function attributeLabels(attribute: MispAttribute): string[] {
  return [mispLabel('type', attribute.type), ...(attribute.category ? [mispLabel('category', attribute.category)] : []), ...(attribute.Tag ?? []).map((tag) => tag.name)];
}

function convertAttribute(attribute: MispAttribute, eventTime: string, common: Record<string, unknown>): Converted {
  const uuid = attribute.uuid ?? randomUUID();
  const at = timestampOf(attribute.timestamp, eventTime);
  const value = String(attribute.value);
  const labels = attributeLabels(attribute);
  const description = attribute.comment ? { description: attribute.comment } : {};
  const killChain = attribute.category ? { kill_chain_phases: [{ kill_chain_name: 'misp-category', phase_name: attribute.category }] } : {};

  const sdoType = MISP_DOMAIN_OBJECT_TYPES[attribute.type];
  if (sdoType) {
    const properties = sdoType === 'vulnerability' ? { name: value, external_references: [{ source_name: 'cve', external_id: value }] } : { name: value };
    const object = makeDomainObject(sdoType, { ...common, ...properties, ...description, labels }, { id: `${sdoType}--${uuid}`, at });
    return { objects: [object], refs: [object.id] };
  }
  if (MISP_RULE_TYPES.has(attribute.type)) {
    const indicator = makeDomainObject('indicator', { ...common, ...description, pattern: value, pattern_type: attribute.type, valid_from: timestampOf(attribute.first_seen ?? undefined, at), ...killChain, labels }, { id: `indicator--${uuid}`, at });
    return { objects: [indicator], refs: [indicator.id] };
  }
  const mapping = MISP_ATTRIBUTE_MAPPINGS[attribute.type];
  if (!mapping) return customAttribute(attribute, uuid, at, common);

  let pattern: string;
  let observed: ReturnType<typeof observablesOfAttribute> | undefined;
  try {
    pattern = patternOfAttribute(attribute.type, value);
    observed = mapping.patternOnly ? undefined : observablesOfAttribute(attribute.type, value);
  } catch {
    // A value MISP accepted but this mapping cannot read (a port that is not a number): kept as is.
    return customAttribute(attribute, uuid, at, common);
  }
  if (mispBoolean(attribute.to_ids) || !observed) {
    const indicator = makeDomainObject(
      'indicator',
      {
        ...common,
        ...description,
        pattern,
        pattern_type: 'stix',
        pattern_version: '2.1',
        valid_from: timestampOf(attribute.first_seen ?? undefined, at),
        ...(attribute.last_seen ? { valid_until: timestampOf(attribute.last_seen, at) } : {}),
        ...killChain,
        labels,
        ...(mispBoolean(attribute.to_ids) ? {} : { x_misp_to_ids: false }),
      },
      { id: `indicator--${uuid}`, at },
    );
    return { objects: [indicator], refs: [indicator.id] };
  }
  const observedData = makeDomainObject(
    'observed-data',
    {
      ...common,
      first_observed: timestampOf(attribute.first_seen ?? undefined, at),
      last_observed: timestampOf(attribute.last_seen ?? undefined, at),
      number_observed: 1,
      object_refs: observed.objects.map((object) => object.id),
      labels,
      ...(attribute.comment ? { x_misp_comment: attribute.comment } : {}),
    },
    { id: `observed-data--${uuid}`, at },
  );
  return { objects: [observedData, ...observed.objects], refs: [observedData.id] };
}

function customAttribute(attribute: MispAttribute, uuid: string, at: string, common: Record<string, unknown>): Converted {
  const object = makeDomainObject(
    'x-misp-attribute',
    {
      ...common,
      labels: attributeLabels(attribute),
      x_misp_type: attribute.type,
      x_misp_value: String(attribute.value),
      ...(attribute.category ? { x_misp_category: attribute.category } : {}),
      ...(attribute.comment ? { x_misp_comment: attribute.comment } : {}),
      x_misp_to_ids: mispBoolean(attribute.to_ids),
    },
    { id: `x-misp-attribute--${uuid}`, at },
  );
  return { objects: [object], refs: [object.id] };
}

function convertObject(object: MispObject, eventTime: string, common: Record<string, unknown>): Converted {
  const uuid = object.uuid ?? randomUUID();
  const at = timestampOf(object.timestamp, eventTime);
  const labels = [mispLabel('name', object.name), ...(object['meta-category'] ? [mispLabel('meta-category', object['meta-category'])] : [])];
  const mapping = MISP_OBJECT_MAPPINGS[object.name];
  const supported = mapping && object.Attribute.every((attribute) => attribute.object_relation && mapping.relations[attribute.object_relation]);
  if (!mapping || !supported) {
    const custom = makeDomainObject(
      'x-misp-object',
      { ...common, labels, x_misp_name: object.name, x_misp_attributes: object.Attribute.map(({ Tag: _tags, ...rest }) => rest), ...(object.comment ? { x_misp_comment: object.comment } : {}) },
      { id: `x-misp-object--${uuid}`, at },
    );
    return { objects: [custom], refs: [custom.id] };
  }
  if (object.Attribute.some((attribute) => mispBoolean(attribute.to_ids))) {
    const indicator = makeDomainObject(
      'indicator',
      { ...common, ...(object.comment ? { description: object.comment } : {}), pattern: `[${objectComparisons(mapping, object.Attribute).join(' AND ')}]`, pattern_type: 'stix', pattern_version: '2.1', valid_from: at, labels },
      { id: `indicator--${uuid}`, at },
    );
    return { objects: [indicator], refs: [indicator.id] };
  }
  const observables = objectObservables(mapping, object.Attribute);
  const observedData = makeDomainObject(
    'observed-data',
    { ...common, first_observed: at, last_observed: at, number_observed: 1, object_refs: observables.map((o) => o.id), labels, ...(object.comment ? { x_misp_comment: object.comment } : {}) },
    { id: `observed-data--${uuid}`, at },
  );
  return { objects: [observedData, ...observables], refs: [observedData.id] };
}
