import { STIX_SPEC_VERSION, type StixCoreObject, type StixIndicator, type StixObject, type StixRelationship } from './stix-object.js';
import { randomIdentifier, uuidV5 } from './stix-identifier.js';
import { stixTimestamp } from './stix-timestamp.js';
import { patternOf } from './pattern-builder.js';

/**
 * The namespace of the identifiers this library derives for SDOs named by a stable key (an
 * identity by its name, a vulnerability by its CVE id, a malware family by its name), so that two
 * runs over the same input give the same objects. SCOs use the specification's namespace instead.
 */
export const PLY_STIX_NAMESPACE = 'c4d8d9f6-7d3e-5b1e-9b57-2f1f0d0b6a11';

/** A domain object of `type` with created/modified now (or `at`) and the given properties. */
export function makeDomainObject<T extends StixCoreObject = StixCoreObject>(type: string, properties: Record<string, unknown>, options: { id?: string; at?: Date | string | number } = {}): T {
  const now = stixTimestamp(options.at);
  return { type, spec_version: STIX_SPEC_VERSION, id: options.id ?? randomIdentifier(type), created: now, modified: now, ...properties } as T;
}

/** An identifier derived from a stable key, the same on every run (see {@link PLY_STIX_NAMESPACE}). */
export function stableIdentifier(type: string, key: string): string {
  return `${type}--${uuidV5(PLY_STIX_NAMESPACE, `${type}:${key}`)}`;
}

/** An identity (§4.5), the same identifier for the same name. */
export function makeIdentity(name: string, identityClass = 'organization', at?: Date | string | number): StixCoreObject {
  return makeDomainObject('identity', { name, identity_class: identityClass }, { id: stableIdentifier('identity', name), ...(at === undefined ? {} : { at }) });
}

/** A relationship (§5.1) from `source` to `target`. */
export function makeRelationship(sourceRef: string, relationshipType: string, targetRef: string, extra: Record<string, unknown> = {}): StixRelationship {
  return makeDomainObject<StixRelationship>('relationship', { relationship_type: relationshipType, source_ref: sourceRef, target_ref: targetRef, ...extra });
}

/** Options of {@link indicatorOf}. */
export interface IndicatorOptions {
  name?: string;
  description?: string;
  indicator_types?: string[];
  labels?: string[];
  confidence?: number;
  valid_from?: string;
  valid_until?: string;
  kill_chain_phases?: Array<{ kill_chain_name: string; phase_name: string }>;
  created_by_ref?: string;
  /** Fixed identifier (default: random). */
  id?: string;
}

/** The indicator (§4.7) whose STIX pattern matches `observable`; undefined when its type has no pattern here. */
export function indicatorOf(observable: StixObject, options: IndicatorOptions = {}): StixIndicator | undefined {
  const pattern = patternOf(observable);
  if (pattern === undefined) return undefined;
  const { id, ...rest } = options;
  const validFrom = rest.valid_from ?? stixTimestamp();
  const properties: Record<string, unknown> = {
    name: rest.name ?? observableName(observable),
    pattern,
    pattern_type: 'stix',
    pattern_version: STIX_SPEC_VERSION,
    ...rest,
    valid_from: validFrom,
  };
  for (const key of Object.keys(properties)) if (properties[key] === undefined) delete properties[key];
  return makeDomainObject<StixIndicator>('indicator', properties, id === undefined ? {} : { id });
}

/** A short display name for an observable: its value, name, number or first hash. */
export function observableName(observable: StixObject): string {
  for (const key of ['value', 'name', 'key', 'path', 'account_login']) if (typeof observable[key] === 'string') return observable[key] as string;
  if (typeof observable['number'] === 'number') return `AS${observable['number']}`;
  const hashes = observable['hashes'] as Record<string, string> | undefined;
  if (hashes) {
    const first = Object.values(hashes)[0];
    if (first !== undefined) return first;
  }
  return observable.id;
}
