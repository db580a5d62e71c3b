import { ipValue } from './lookup-values.js';
import { pagedLookup } from './paged-lookup.js';

/** `GET simple/threatlist/{ip}`: The threat lists an address is on. */
export const getIpThreatListAction = pagedLookup({
  uuid: 'be59c0f9-194e-4405-8492-383155769ac9',
  slug: 'get_ip_threat_list',
  name: "Get IP Threat List",
  description: "Get threatlist information on IP with Onyphe",
  docker_parameters: 'onyphe_threatlist',
  endpoint: 'simple/threatlist',
  argument: 'ip',
  value: ipValue("The ip to scan"),
});
