import type { StixObject } from './stix-object.js';
import type { MispAttribute } from './misp-event.js';
import type { PartMapping } from './misp-attribute-types.js';
import { comparisonsOfParts, observablesOfParts, type PlacedValue } from './misp-attribute-mapper.js';

/**
 * The MISP objects exported attribute by attribute (misp-stix's "objects to STIX 2.1" mapping,
 * documentation/mapping/misp_objects_to_stix21.json): every attribute of the object becomes one
 * comparison of a single indicator, or one property of one root observable. An object using a
 * relation not listed here is kept whole as an `x-misp-object`.
 */
export interface ObjectMapping {
  root: string;
  relations: Record<string, { part: PartMapping; type: string }>;
  fixed?: Record<string, unknown>;
}

const at = (path: string[], type: string, extra: Partial<PartMapping> = {}) => ({ part: { path, ...extra }, type });

export const MISP_OBJECT_MAPPINGS: Readonly<Record<string, ObjectMapping>> = Object.freeze({
  file: {
    root: 'file',
    relations: {
      filename: at(['name'], 'filename'),
      md5: at(['hashes', 'MD5'], 'md5'),
      sha1: at(['hashes', 'SHA-1'], 'sha1'),
      sha256: at(['hashes', 'SHA-256'], 'sha256'),
      sha512: at(['hashes', 'SHA-512'], 'sha512'),
      ssdeep: at(['hashes', 'SSDEEP'], 'ssdeep'),
      tlsh: at(['hashes', 'TLSH'], 'tlsh'),
      'size-in-bytes': at(['size'], 'size-in-bytes', { integer: true }),
      'mime-type': at(['mime_type'], 'mime-type'),
    },
  },
  'domain-ip': {
    root: 'domain-name',
    relations: {
      domain: at(['value'], 'domain'),
      ip: at(['resolves_to_refs', '*', 'value'], 'ip-dst', { refType: 'ip' }),
    },
  },
  'ip-port': {
    root: 'network-traffic',
    fixed: { protocols: ['tcp'] },
    relations: {
      ip: at(['dst_ref', 'value'], 'ip-dst', { refType: 'ip', typed: true }),
      'src-port': at(['src_port'], 'port', { integer: true }),
      'dst-port': at(['dst_port'], 'port', { integer: true }),
    },
  },
  url: { root: 'url', relations: { url: at(['value'], 'url') } },
});

function placed(mapping: ObjectMapping, attributes: readonly MispAttribute[]): PlacedValue[] {
  return attributes.map((attribute) => [mapping.relations[attribute.object_relation!]!.part, String(attribute.value)]);
}

/** The comparisons of a MISP object's indicator, one per attribute. */
export function objectComparisons(mapping: ObjectMapping, attributes: readonly MispAttribute[]): string[] {
  return comparisonsOfParts(mapping.root, placed(mapping, attributes), 'MISP object attribute');
}

/** The observables of a MISP object: its root SCO and the objects the root refers to. */
export function objectObservables(mapping: ObjectMapping, attributes: readonly MispAttribute[]): StixObject[] {
  return observablesOfParts(mapping.root, placed(mapping, attributes), 'MISP object attribute', mapping.fixed).objects;
}
