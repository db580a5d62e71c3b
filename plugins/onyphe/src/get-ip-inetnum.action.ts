import { ipValue } from './lookup-values.js';
import { pagedLookup } from './paged-lookup.js';

/** `GET simple/inetnum/{ip}`: The network an address belongs to, as the RIRs describe it. */
export const getIpInetnumAction = pagedLookup({
  uuid: '26de2915-4bb4-4c9e-be5d-464c292e0663',
  slug: 'get_ip_inetnum',
  name: "Get IP Inetnum",
  description: "Get inetnum information on IP with Onyphe: \"IP (v4 and v6) networks description as given by RIRs (Regional Internet Registries), except for the United States which does not disclose that information publicly.\"",
  docker_parameters: 'onyphe_inetnum',
  endpoint: 'simple/inetnum',
  argument: 'ip',
  value: ipValue("The ip to scan"),
});
