import { ipValue } from './lookup-values.js';
import { pagedLookup } from './paged-lookup.js';

/**
 * `GET summary/ip/{ip}`: everything Onyphe knows about an address, all categories together. The
 * reference asks `simple/ip/`, which API v2 does not document; its summary API is that lookup.
 */
export const lookupIpAction = pagedLookup({
  uuid: '556d3b7f-0a8a-4dce-b44a-e996f73108c4',
  slug: 'lookup_ip',
  name: "Lookup IP",
  description: "Get information on IP with Onyphe",
  docker_parameters: 'onyphe_ip',
  endpoint: 'summary/ip',
  argument: 'ip',
  value: ipValue("The ip to scan"),
});
