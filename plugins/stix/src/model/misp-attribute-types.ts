/**
 * How each supported MISP attribute type maps to STIX 2.1, after the mapping documented by MISP's
 * misp-stix project (documentation/mapping/misp_attributes_to_stix21.json): the SCO type at the
 * root, and for each `|`-separated part of the MISP value the object path that holds it. The same
 * description gives the indicator's pattern, the observables, and the way back from either.
 */
export interface AttributeMapping {
  /** The SCO type the pattern and the observables start from. */
  root: string;
  /** One path per part of the value (`domain|ip` has two). A `_ref`/`_refs` step creates a referenced object. */
  parts: PartMapping[];
  /** Properties the root observable always has (`is_multipart: false` for an e-mail message). */
  fixed?: Record<string, unknown>;
  /** Only an indicator exists for this type (misp-stix exports no observable). */
  patternOnly?: boolean;
}

export interface PartMapping {
  path: Array<string | '*'>;
  /** Type of the object a `_ref` step points to; `ip` picks ipv4-addr or ipv6-addr from the value. */
  refType?: string;
  /** The value is an integer in STIX (ports, AS numbers, sizes). */
  integer?: boolean;
  /** The pattern also says the referenced object's type (`network-traffic:dst_ref.type = 'ipv4-addr'`). */
  typed?: boolean;
}

const value = (refType?: string): PartMapping => ({ path: ['value'], ...(refType ? { refType } : {}) });
const hash = (name: string): AttributeMapping => ({ root: 'file', parts: [{ path: ['hashes', name] }] });
const fileAndHash = (name: string): AttributeMapping => ({ root: 'file', parts: [{ path: ['name'] }, { path: ['hashes', name] }] });
const ip = (side: 'src' | 'dst', port = false): AttributeMapping => ({
  root: 'network-traffic',
  fixed: { protocols: ['tcp'] },
  parts: [{ path: [`${side}_ref`, 'value'], refType: 'ip', typed: true }, ...(port ? [{ path: [`${side}_port`], integer: true }] : [])],
});

/** The MISP hash attribute types and their STIX hash names (§10.5 hashing-algorithm-ov, open). */
export const MISP_HASH_NAMES: Readonly<Record<string, string>> = Object.freeze({
  md5: 'MD5',
  sha1: 'SHA-1',
  sha224: 'SHA-224',
  sha256: 'SHA-256',
  sha384: 'SHA-384',
  sha512: 'SHA-512',
  'sha3-256': 'SHA3-256',
  'sha3-512': 'SHA3-512',
  ssdeep: 'SSDEEP',
  tlsh: 'TLSH',
  imphash: 'IMPHASH',
  authentihash: 'AUTHENTIHASH',
});

/** Supported MISP attribute types, in the order the way back tries them. */
export const MISP_ATTRIBUTE_MAPPINGS: Readonly<Record<string, AttributeMapping>> = Object.freeze({
  'ip-src': ip('src'),
  'ip-dst': ip('dst'),
  'ip-src|port': ip('src', true),
  'ip-dst|port': ip('dst', true),
  domain: { root: 'domain-name', parts: [value()] },
  hostname: { root: 'domain-name', parts: [value()] },
  'domain|ip': { root: 'domain-name', parts: [value(), { path: ['resolves_to_refs', '*', 'value'], refType: 'ip' }] },
  url: { root: 'url', parts: [value()] },
  link: { root: 'url', parts: [value()] },
  uri: { root: 'url', parts: [value()] },
  email: { root: 'email-addr', parts: [value()] },
  'email-src': { root: 'email-message', fixed: { is_multipart: false }, parts: [{ path: ['from_ref', 'value'], refType: 'email-addr' }] },
  'email-dst': { root: 'email-message', fixed: { is_multipart: false }, parts: [{ path: ['to_refs', '*', 'value'], refType: 'email-addr' }] },
  'email-subject': { root: 'email-message', fixed: { is_multipart: false }, parts: [{ path: ['subject'] }] },
  'email-message-id': { root: 'email-message', fixed: { is_multipart: false }, parts: [{ path: ['message_id'] }] },
  filename: { root: 'file', parts: [{ path: ['name'] }] },
  ...Object.fromEntries(Object.entries(MISP_HASH_NAMES).map(([type, name]) => [type, hash(name)])),
  ...Object.fromEntries(Object.entries(MISP_HASH_NAMES).map(([type, name]) => [`filename|${type}`, fileAndHash(name)])),
  'size-in-bytes': { root: 'file', parts: [{ path: ['size'], integer: true }], patternOnly: true },
  AS: { root: 'autonomous-system', parts: [{ path: ['number'], integer: true }] },
  'mac-address': { root: 'mac-addr', parts: [value()] },
  mutex: { root: 'mutex', parts: [{ path: ['name'] }] },
  regkey: { root: 'windows-registry-key', parts: [{ path: ['key'] }] },
  'x509-fingerprint-md5': { root: 'x509-certificate', parts: [{ path: ['hashes', 'MD5'] }] },
  'x509-fingerprint-sha1': { root: 'x509-certificate', parts: [{ path: ['hashes', 'SHA-1'] }] },
  'x509-fingerprint-sha256': { root: 'x509-certificate', parts: [{ path: ['hashes', 'SHA-256'] }] },
  'github-username': { root: 'user-account', fixed: { account_type: 'github' }, parts: [{ path: ['account_login'] }] },
  port: { root: 'network-traffic', parts: [{ path: ['dst_port'], integer: true }], patternOnly: true },
  'user-agent': { root: 'network-traffic', parts: [{ path: ['extensions', 'http-request-ext', 'request_header', 'User-Agent'] }], patternOnly: true },
  'http-method': { root: 'network-traffic', parts: [{ path: ['extensions', 'http-request-ext', 'request_method'] }], patternOnly: true },
});

/** MISP types exported as an indicator whose pattern is the rule itself, `pattern_type` naming its language (§10.9). */
export const MISP_RULE_TYPES: ReadonlySet<string> = new Set(['yara', 'sigma', 'snort', 'suricata']);

/** MISP types exported as a domain object of their own. */
export const MISP_DOMAIN_OBJECT_TYPES: Readonly<Record<string, string>> = Object.freeze({ vulnerability: 'vulnerability', 'campaign-name': 'campaign' });
