import { isIP } from 'node:net';
import { STIX_SPEC_VERSION, type StixObject } from './stix-object.js';
import { observableIdentifier } from './stix-identifier.js';

/** A cyber observable built by this library: `id` deterministic from its ID-contributing properties. */
export function makeObservable(type: string, properties: Record<string, unknown>): StixObject {
  return { type, spec_version: STIX_SPEC_VERSION, id: observableIdentifier(type, properties), ...properties };
}

/** The STIX names of the hash algorithms this library reads and writes (§10.5 hashing-algorithm-ov). */
export type HashAlgorithm = 'MD5' | 'SHA-1' | 'SHA-256' | 'SHA-512';

const HASH_LENGTHS: ReadonlyArray<[number, HashAlgorithm]> = [
  [32, 'MD5'],
  [40, 'SHA-1'],
  [64, 'SHA-256'],
  [128, 'SHA-512'],
];

/** The algorithm of a hexadecimal digest, by its length; undefined when it is not one. */
export function hashAlgorithmOf(value: string): HashAlgorithm | undefined {
  if (!/^[0-9a-fA-F]+$/.test(value)) return undefined;
  return HASH_LENGTHS.find(([length]) => length === value.length)?.[1];
}

/** A `file` observable carrying one or more hashes. */
export function fileWithHashes(hashes: Record<string, string>, extra: Record<string, unknown> = {}): StixObject {
  return makeObservable('file', { hashes, ...extra });
}

/** The observable for a plain value of a known kind; `undefined` when the value is not one. */
export function observableOfValue(kind: ObservableKind, value: string): StixObject | undefined {
  switch (kind) {
    case 'ipv4-addr':
    case 'ipv6-addr':
    case 'domain-name':
    case 'url':
    case 'email-addr':
    case 'mac-addr':
      return makeObservable(kind, { value });
    case 'file': {
      const algorithm = hashAlgorithmOf(value);
      return algorithm ? fileWithHashes({ [algorithm]: value.toLowerCase() }) : undefined;
    }
    case 'autonomous-system': {
      const number = Number(value.replace(/^AS/i, ''));
      return Number.isInteger(number) && number >= 0 ? makeObservable('autonomous-system', { number }) : undefined;
    }
    case 'mutex':
      return makeObservable('mutex', { name: value });
    default:
      return undefined;
  }
}

/** The observable kinds a plain string value can be turned into. */
export const OBSERVABLE_KINDS = ['ipv4-addr', 'ipv6-addr', 'domain-name', 'url', 'email-addr', 'mac-addr', 'file', 'autonomous-system', 'mutex'] as const;
export type ObservableKind = (typeof OBSERVABLE_KINDS)[number];

const DOMAIN = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$/i;
const EMAIL = /^[a-z0-9.!#$%&'*+/=?^_`{|}~-]+@(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;
const URL_SCHEME = /^[a-z][a-z0-9+.-]*:\/\/\S+$/i;
const MAC = /^(?:[0-9a-f]{2}[:-]){5}[0-9a-f]{2}$/i;

/** Undoes the usual defanging: `hxxp://`, `[.]`, `(.)`, `{.}`, `[dot]`, `[@]`, `[at]`, `[:]`. */
export function refang(text: string): string {
  return text
    .replace(/\bhxxp(s?)(\[?:\]?)\/\//gi, 'http$1://')
    .replace(/\bfxp(\[?:\]?)\/\//gi, 'ftp://')
    .replace(/\[:\]\/\//g, '://')
    .replace(/\s?[[({]\s?(?:\.|dot)\s?[\])}]\s?/gi, '.')
    .replace(/\s?[[({]\s?(?:@|at)\s?[\])}]\s?/gi, '@')
    .replace(/\[:\]/g, ':');
}

/** The kind of a single (refanged) value, or undefined: IPs, URLs, e-mail addresses, MACs, hashes, domains. */
export function kindOfValue(raw: string): ObservableKind | undefined {
  const value = refang(raw.trim());
  if (value.length === 0) return undefined;
  const ip = isIP(value.replace(/^\[|\]$/g, ''));
  if (ip === 4) return 'ipv4-addr';
  if (ip === 6) return 'ipv6-addr';
  if (URL_SCHEME.test(value)) return 'url';
  if (EMAIL.test(value)) return 'email-addr';
  if (MAC.test(value)) return 'mac-addr';
  if (hashAlgorithmOf(value)) return 'file';
  if (DOMAIN.test(value)) return 'domain-name';
  return undefined;
}

/** The observable of one value whose kind is recognised (refanged), else undefined. */
export function observableOf(raw: string): StixObject | undefined {
  const kind = kindOfValue(raw);
  if (!kind) return undefined;
  const value = refang(raw.trim());
  return observableOfValue(kind, kind === 'ipv6-addr' ? value.replace(/^\[|\]$/g, '') : value);
}
