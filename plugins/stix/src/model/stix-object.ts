/**
 * The STIX 2.1 shapes this library reads and writes (OASIS STIX 2.1, §3-§6). Objects stay plain
 * JSON: a consumer may add any property, and unknown types pass through untouched.
 */

/** `spec_version` of every object this library writes. */
export const STIX_SPEC_VERSION = '2.1';

/** Any STIX object: common properties typed, the rest open. */
export interface StixObject {
  type: string;
  id: string;
  spec_version?: string;
  [property: string]: unknown;
}

/** A STIX Domain Object or Relationship Object: created and modified are required (§3.2). */
export interface StixCoreObject extends StixObject {
  created: string;
  modified: string;
  created_by_ref?: string;
  labels?: string[];
  external_references?: ExternalReference[];
}

/** §2.5 */
export interface ExternalReference {
  source_name: string;
  description?: string;
  url?: string;
  external_id?: string;
  hashes?: Record<string, string>;
}

/** §2.8 */
export interface KillChainPhase {
  kill_chain_name: string;
  phase_name: string;
}

/** §4.7 */
export interface StixIndicator extends StixCoreObject {
  type: 'indicator';
  pattern: string;
  pattern_type: string;
  pattern_version?: string;
  valid_from: string;
  valid_until?: string;
  name?: string;
  description?: string;
  indicator_types?: string[];
  kill_chain_phases?: KillChainPhase[];
  confidence?: number;
}

/** §5.1 */
export interface StixRelationship extends StixCoreObject {
  type: 'relationship';
  relationship_type: string;
  source_ref: string;
  target_ref: string;
  description?: string;
}

/** §8 */
export interface StixBundle {
  type: 'bundle';
  id: string;
  objects: StixObject[];
}

/** The SCO types of §6: objects without created/modified, identified deterministically. */
export const CYBER_OBSERVABLE_TYPES: ReadonlySet<string> = new Set([
  'artifact',
  'autonomous-system',
  'directory',
  'domain-name',
  'email-addr',
  'email-message',
  'file',
  'ipv4-addr',
  'ipv6-addr',
  'mac-addr',
  'mutex',
  'network-traffic',
  'process',
  'software',
  'url',
  'user-account',
  'windows-registry-key',
  'x509-certificate',
]);

/** Relationship objects (§5): they only link other objects. */
export const RELATIONSHIP_TYPES: ReadonlySet<string> = new Set(['relationship', 'sighting']);

/** True for a SCO, by type (custom `x-` observables with no created property count too). */
export function isCyberObservable(object: StixObject): boolean {
  return CYBER_OBSERVABLE_TYPES.has(object.type) || (object.type.startsWith('x-') && object['created'] === undefined);
}

const IDENTIFIER = /^([a-z][a-z0-9-]*[a-z0-9]|[a-z])--[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** True when `id` has the form `<type>--<RFC 4122 uuid>` (§2.9), and the type matches when given. */
export function isStixIdentifier(id: unknown, type?: string): id is string {
  if (typeof id !== 'string' || !IDENTIFIER.test(id)) return false;
  return type === undefined || id.startsWith(`${type}--`);
}

/** The type part of an identifier. */
export function typeOfIdentifier(id: string): string {
  return id.slice(0, id.indexOf('--'));
}
