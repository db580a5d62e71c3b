import { ipValue } from './lookup-values.js';
import { pagedLookup } from './paged-lookup.js';

/**
 * `GET simple/resolver/reverse/{ip}`: Names an address resolves to (passive reverse DNS).
 * The reference asks `simple/reverse/`, which API v2 does not document.
 */
export const lookupReverseDnsAction = pagedLookup({
  uuid: '6fa3d496-c4e5-4833-9aa6-3ba0b18eb23a',
  slug: 'lookup_reverse_dns',
  name: "Lookup Reverse DNS",
  description: "Get reverse DNS lookup information on IP with Onyphe",
  docker_parameters: 'onyphe_reverse',
  endpoint: 'simple/resolver/reverse',
  argument: 'ip',
  value: ipValue("The ip to scan"),
});
