import { BlockList, isIP } from 'node:net';
import type { ConnectionPolicy, LookupFunction } from '../contracts/http.js';

/** The host lists of a {@link hostPolicy}: host names (`example.com`, `*.example.com`), IP addresses, CIDR ranges. */
export interface HostPolicyRules {
  /** When not empty, only these may be reached. An IP or CIDR entry also opens a private range. */
  allow: readonly string[];
  /** Never reached, whatever `allow` says. */
  deny: readonly string[];
  /** The resolver (default node:dns `lookup`); tests resolve names of their own to 127.0.0.1. */
  lookup?: LookupFunction;
  /** The setting the lists come from, named in refusals (default the environment variables). */
  source?: { allow: string; deny: string };
}

/**
 * Addresses that are not the public Internet, denied unless an IP or CIDR entry of `allow` names
 * them: unspecified, "this network", private (RFC 1918), shared (RFC 6598), loopback, link-local
 * (cloud metadata at 169.254.169.254 included), IETF protocol assignments, benchmarking,
 * multicast, reserved and broadcast; for IPv6 unspecified, loopback, unique-local, link-local,
 * site-local and multicast. An IPv4-mapped IPv6 address is judged as its IPv4 address.
 */
const SPECIAL_RANGES: ReadonlyArray<[string, number, 'ipv4' | 'ipv6']> = [
  ['0.0.0.0', 8, 'ipv4'],
  ['10.0.0.0', 8, 'ipv4'],
  ['100.64.0.0', 10, 'ipv4'],
  ['127.0.0.0', 8, 'ipv4'],
  ['169.254.0.0', 16, 'ipv4'],
  ['172.16.0.0', 12, 'ipv4'],
  ['192.0.0.0', 24, 'ipv4'],
  ['192.168.0.0', 16, 'ipv4'],
  ['198.18.0.0', 15, 'ipv4'],
  ['224.0.0.0', 4, 'ipv4'],
  ['240.0.0.0', 4, 'ipv4'],
  ['::', 128, 'ipv6'],
  ['::1', 128, 'ipv6'],
  ['fc00::', 7, 'ipv6'],
  ['fe80::', 10, 'ipv6'],
  ['fec0::', 10, 'ipv6'],
  ['ff00::', 8, 'ipv6'],
];

const special = new BlockList();
for (const [network, prefix, family] of SPECIAL_RANGES) special.addSubnet(network, prefix, family);

/** `::ffff:127.0.0.1` → `127.0.0.1`; any other address as it is. */
function unmapped(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return mapped ? mapped[1]! : address;
}

function family(address: string): 'ipv4' | 'ipv6' {
  return isIP(address) === 6 ? 'ipv6' : 'ipv4';
}

/** True for an address that is not on the public Internet (see {@link SPECIAL_RANGES}). */
export function isSpecialAddress(address: string): boolean {
  const plain = unmapped(address);
  return special.check(plain, family(plain));
}

interface CompiledList {
  addresses: BlockList;
  hasAddresses: boolean;
  names: string[];
  suffixes: string[];
}

function compile(entries: readonly string[], setting: string): CompiledList {
  const list: CompiledList = { addresses: new BlockList(), hasAddresses: false, names: [], suffixes: [] };
  for (const raw of entries) {
    const entry = raw.trim().toLowerCase().replace(/^\[|\]$/g, '');
    if (entry === '') continue;
    const cidr = /^(.+)\/(\d{1,3})$/.exec(entry);
    if (cidr && isIP(cidr[1]!)) {
      const prefix = Number(cidr[2]);
      if (prefix > (isIP(cidr[1]!) === 6 ? 128 : 32)) throw new RangeError(`${setting}: "${raw}" has a prefix longer than its address`);
      list.addresses.addSubnet(unmapped(cidr[1]!), prefix, family(cidr[1]!));
      list.hasAddresses = true;
    } else if (isIP(entry)) {
      list.addresses.addAddress(unmapped(entry), family(unmapped(entry)));
      list.hasAddresses = true;
    } else if (/^\*\.[a-z0-9.-]+$/.test(entry)) {
      list.suffixes.push(entry.slice(1));
    } else if (/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*\.?$/.test(entry)) {
      list.names.push(entry.replace(/\.$/, ''));
    } else {
      throw new RangeError(`${setting}: "${raw}" is not a host name, *.domain, IP address or CIDR range`);
    }
  }
  return list;
}

function matchesAddress(list: CompiledList, address: string): boolean {
  if (!list.hasAddresses) return false;
  const plain = unmapped(address);
  return list.addresses.check(plain, family(plain));
}

function matchesName(list: CompiledList, host: string): boolean {
  const name = host.toLowerCase().replace(/\.$/, '');
  return list.names.includes(name) || list.suffixes.some((suffix) => name.endsWith(suffix));
}

/**
 * The admin's host restriction as a {@link ConnectionPolicy}. In this order: a `deny` match (name
 * or address) refuses; an address in a private, loopback or link-local range is refused unless an
 * IP or CIDR entry of `allow` covers it (a name entry does not: its DNS could point anywhere);
 * with a non-empty `allow`, anything neither its names nor its addresses cover is refused.
 * Throws RangeError for an entry that is none of the accepted forms.
 */
export function hostPolicy(rules: HostPolicyRules): ConnectionPolicy {
  const source = rules.source ?? { allow: 'PLY_HTTP_ALLOW_HOSTS', deny: 'PLY_HTTP_DENY_HOSTS' };
  const allow = compile(rules.allow, source.allow);
  const deny = compile(rules.deny, source.deny);
  const allowsAll = allow.names.length === 0 && allow.suffixes.length === 0 && !allow.hasAddresses;
  return {
    ...(rules.lookup ? { lookup: rules.lookup } : {}),
    refusal(host, address) {
      if (matchesName(deny, host) || matchesAddress(deny, address)) return `${host} (${address}) is denied by ${source.deny}`;
      const addressAllowed = matchesAddress(allow, address);
      if (isSpecialAddress(address) && !addressAllowed) return `${address} is a private, loopback, link-local or reserved address (allow it with an IP or CIDR entry of ${source.allow})`;
      if (!allowsAll && !addressAllowed && !matchesName(allow, host)) return `${host} (${address}) is not in ${source.allow}`;
      return undefined;
    },
  };
}
