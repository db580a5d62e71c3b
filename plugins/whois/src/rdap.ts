import { isIPv4 } from 'node:net';
import { PlyError, type ActionContext } from '@ply/core';
import type { WhoisConfiguration } from './configuration.js';
import { referenceDate } from './whois-text.js';
import type { WhoisRecord } from './whois-record.js';

type Json = Record<string, unknown>;
const record = (value: unknown): Json => (typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : {});
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

/** The `services` of a bootstrap file (RFC 9224 §3): `[[entries...], [base URLs...]]`. */
function services(body: unknown): Array<{ entries: string[]; urls: string[] }> {
  return list(record(body)['services']).map((service) => ({ entries: list(list(service)[0]).map(String), urls: list(list(service)[1]).map(String) }));
}

function ipToBigInt(ip: string): bigint {
  if (isIPv4(ip)) return ip.split('.').reduce((value, part) => (value << 8n) | BigInt(Number(part)), 0n);
  const [head = '', tail = ''] = ip.split('::');
  const groups = (part: string) => (part ? part.split(':') : []);
  const missing = 8 - groups(head).length - groups(tail).length;
  const all = [...groups(head), ...(ip.includes('::') ? Array<string>(missing).fill('0') : []), ...groups(tail)];
  return all.reduce((value, group) => (value << 16n) | BigInt(parseInt(group || '0', 16)), 0n);
}

/** True when `ip` is inside `cidr` (an entry of ipv4.json / ipv6.json). */
function inPrefix(ip: string, cidr: string): boolean {
  const [network, length] = cidr.split('/');
  if (!network || length === undefined || isIPv4(ip) !== isIPv4(network)) return false;
  const bits = isIPv4(ip) ? 32n : 128n;
  const shift = bits - BigInt(Number(length));
  return ipToBigInt(ip) >> shift === ipToBigInt(network) >> shift;
}

/** The RDAP base URL of the registry of `name` (a domain) or `ip`, from IANA's bootstrap; undefined when it offers none. */
export async function rdapBase(ctx: ActionContext<WhoisConfiguration>, target: { domain: string } | { ip: string }): Promise<string | undefined> {
  const file = 'domain' in target ? 'dns.json' : isIPv4(target.ip) ? 'ipv4.json' : 'ipv6.json';
  const url = new URL(file, ctx.config.rdap_bootstrap_url.endsWith('/') ? ctx.config.rdap_bootstrap_url : `${ctx.config.rdap_bootstrap_url}/`);
  const body = (await ctx.http.request(url, { responseType: 'json' })).body;
  const matches = (entry: string) => ('domain' in target ? target.domain.toLowerCase().endsWith(`.${entry.toLowerCase()}`) : inPrefix(target.ip, entry));
  // The longest match wins (RFC 9224 §4 and §5).
  const found = services(body)
    .flatMap((service) => service.entries.filter(matches).map((entry) => ({ entry, urls: service.urls })))
    .sort((a, b) => b.entry.length - a.entry.length)[0];
  return found?.urls.find((candidate) => candidate.startsWith('https://')) ?? found?.urls[0];
}

/** The vCard (RFC 7095 jCard) property of an entity: `fn`, `email`... */
function vcard(entity: unknown, property: string): string | undefined {
  const card = list(record(entity)['vcardArray'])[1];
  const field = list(card).find((entry) => list(entry)[0] === property);
  const value = list(field)[3];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function entityWithRole(entities: unknown, role: string): unknown {
  return list(entities).find((entity) => list(record(entity)['roles']).includes(role));
}

/**
 * `GET {base}domain/{name}` or `{base}ip/{ip}` (RFC 9082), `application/rdap+json`; the object
 * (RFC 9083) read into the reference's fields. Undefined when the registry has no such object (404).
 */
export async function rdapLookup(ctx: ActionContext<WhoisConfiguration>, base: string, target: { domain: string } | { ip: string }): Promise<WhoisRecord | undefined> {
  const url = new URL('domain' in target ? `domain/${encodeURIComponent(target.domain)}` : `ip/${target.ip}`, base.endsWith('/') ? base : `${base}/`);
  const response = await ctx.http.request<string>(url, { headers: { accept: 'application/rdap+json' }, responseType: 'text', throwOnHttpError: false });
  if (response.status === 404) return undefined;
  if (response.status < 200 || response.status >= 300) throw new PlyError('PLY_VENDOR_HTTP_ERROR', `RDAP server ${url.origin} answered HTTP ${response.status}`, { details: { status: response.status, url: `${url.origin}${url.pathname}`, attempts: response.attempts } });
  let object: Json;
  try {
    object = record(JSON.parse(response.body ?? ''));
  } catch {
    throw new PlyError('PLY_VENDOR_RESPONSE_INVALID', `RDAP server ${url.origin} answered with a body that is not JSON`, { details: { url: `${url.origin}${url.pathname}` } });
  }
  const event = (action: string) => referenceDate(list(object['events']).map(record).find((entry) => entry['eventAction'] === action)?.['eventDate'] as string | undefined);
  const registrar = entityWithRole(object['entities'], 'registrar');
  const abuse = entityWithRole(record(registrar)['entities'], 'abuse') ?? entityWithRole(object['entities'], 'abuse');
  const registrant = entityWithRole(object['entities'], 'registrant');
  const status = list(object['status']).map(String);
  const nameServers = list(object['nameservers']).map((server) => String(record(server)['ldhName'] ?? '').toLowerCase()).filter(Boolean);
  const secure = record(object['secureDNS']);
  const created = event('registration');
  const updated = event('last changed');
  const expires = event('expiration');
  const registrarName = vcard(registrar, 'fn');
  const abuseEmail = vcard(abuse, 'email');
  const registrantName = vcard(registrant, 'fn') ?? vcard(registrant, 'org') ?? (typeof object['name'] === 'string' ? object['name'] : undefined);
  const registrantEmail = vcard(registrant, 'email');
  return {
    Domain: String(object['ldhName'] ?? object['handle'] ?? ('domain' in target ? target.domain : target.ip)),
    ...(status.length ? { DomainStatus: status } : {}),
    ...('delegationSigned' in secure ? { DNSSec: secure['delegationSigned'] === true ? 'signedDelegation' : 'unsigned' } : {}),
    Raw: JSON.stringify(object, null, 2),
    ...(nameServers.length ? { NameServers: nameServers } : {}),
    ...(created ? { CreationDate: created } : {}),
    ...(updated ? { UpdatedDate: updated } : {}),
    ...(expires ? { ExpirationDate: expires } : {}),
    ...(registrarName || abuseEmail ? { Registrar: { ...(registrarName ? { Name: registrarName } : {}), ...(abuseEmail ? { AbuseEmail: abuseEmail } : {}) } } : {}),
    ...(registrantName || registrantEmail ? { Registrant: { ...(registrantName ? { Name: registrantName } : {}), ...(registrantEmail ? { Email: registrantEmail } : {}) } } : {}),
    Source: 'rdap',
    Servers: [url.origin],
  };
}
