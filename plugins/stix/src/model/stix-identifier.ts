import * as crypto from 'node:crypto';
import { createHash, randomUUID } from 'node:crypto';

/** The namespace of SCO identifiers (STIX 2.1 §2.9). */
export const SCO_NAMESPACE = '00abedb4-aa42-466c-9c01-fed23315a9b7';

const namespaceBytes = new Map<string, Buffer>();

/** `crypto.hash` (Node 20.12+) is a one-shot digest, several times cheaper than a Hash object for short inputs. */
const oneShot = (crypto as { hash?: (algorithm: string, data: Buffer, encoding: 'buffer') => Buffer }).hash;
const sha1 = oneShot ? (data: Buffer) => oneShot('sha1', data, 'buffer') : (data: Buffer) => createHash('sha1').update(data).digest();

/** A name-based UUID (RFC 9562 §5.5): SHA-1 over namespace bytes and name, version 5, RFC variant. */
export function uuidV5(namespace: string, name: string): string {
  let bytes = namespaceBytes.get(namespace);
  if (!bytes) namespaceBytes.set(namespace, (bytes = Buffer.from(namespace.replace(/-/g, ''), 'hex')));
  const hash = sha1(Buffer.concat([bytes, Buffer.from(name, 'utf8')]));
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** A new random identifier `<type>--<uuid v4>`, for SDOs, SROs and bundles. */
export function randomIdentifier(type: string): string {
  return `${type}--${randomUUID()}`;
}

/**
 * The JSON Canonicalization Scheme (RFC 8785) of a JSON value: object keys sorted by UTF-16 code
 * units, no whitespace, numbers and strings as ECMAScript serialises them (which RFC 8785 adopts).
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, item]) => item !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
}

/** ID-contributing properties of each SCO type (STIX 2.1 §6, "ID Contributing Properties"). */
export const ID_CONTRIBUTING_PROPERTIES: Readonly<Record<string, readonly string[]>> = Object.freeze({
  artifact: ['hashes', 'payload_bin'],
  'autonomous-system': ['number'],
  directory: ['path'],
  'domain-name': ['value'],
  'email-addr': ['value'],
  'email-message': ['from_ref', 'subject', 'body'],
  file: ['hashes', 'name', 'extensions', 'parent_directory_ref'],
  'ipv4-addr': ['value'],
  'ipv6-addr': ['value'],
  'mac-addr': ['value'],
  mutex: ['name'],
  'network-traffic': ['start', 'end', 'src_ref', 'dst_ref', 'src_port', 'dst_port', 'protocols', 'extensions'],
  software: ['name', 'cpe', 'swid', 'vendor', 'version'],
  url: ['value'],
  'user-account': ['account_type', 'user_id', 'account_login'],
  'windows-registry-key': ['key', 'values'],
  'x509-certificate': ['hashes', 'serial_number'],
});

/** §2.9: of a `hashes` dictionary only one hash contributes, the first present of these. */
const HASH_PREFERENCE = ['MD5', 'SHA-1', 'SHA-256', 'SHA-512'];

function contributingHashes(hashes: Record<string, unknown>): Record<string, unknown> {
  for (const name of HASH_PREFERENCE) if (typeof hashes[name] === 'string') return { [name]: hashes[name] };
  const first = Object.keys(hashes).sort()[0];
  return first === undefined ? {} : { [first]: hashes[first] };
}

/**
 * The identifier of a cyber observable (§2.9): UUIDv5 in {@link SCO_NAMESPACE} over the canonical
 * JSON of its ID-contributing properties; a type without any (process) or an object with none of
 * them set gets a random UUIDv4, as the specification says.
 */
export function observableIdentifier(type: string, properties: Record<string, unknown>): string {
  const contributing = ID_CONTRIBUTING_PROPERTIES[type];
  if (!contributing) return randomIdentifier(type);
  // The common case (an address, a domain, a URL): one string property, canonical JSON written directly.
  if (contributing.length === 1 && typeof properties[contributing[0]!] === 'string') return `${type}--${uuidV5(SCO_NAMESPACE, `{${JSON.stringify(contributing[0])}:${JSON.stringify(properties[contributing[0]!])}}`)}`;
  const selected: Record<string, unknown> = {};
  for (const name of contributing) {
    const value = properties[name];
    if (value === undefined || value === null) continue;
    selected[name] = name === 'hashes' && typeof value === 'object' ? contributingHashes(value as Record<string, unknown>) : value;
  }
  if (Object.keys(selected).length === 0) return randomIdentifier(type);
  return `${type}--${uuidV5(SCO_NAMESPACE, canonicalJson(selected))}`;
}
