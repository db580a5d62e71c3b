import { ipValue } from './lookup-values.js';
import { pagedLookup } from './paged-lookup.js';

/**
 * `GET simple/resolver/forward/{ip}`: Names resolving to an address (passive forward DNS).
 * The reference asks `simple/forward/`, which API v2 does not document.
 */
export const lookupForwardDnsAction = pagedLookup({
  uuid: 'e9945027-ef91-4002-b509-2262bb812b41',
  slug: 'lookup_forward_dns',
  name: "Lookup Forward DNS",
  description: "Get forward DNS lookup information on IP with Onyphe",
  docker_parameters: 'onyphe_forward',
  endpoint: 'simple/resolver/forward',
  argument: 'ip',
  value: ipValue("The ip to scan"),
});
