import { ipValue } from './lookup-values.js';
import { pagedLookup } from './paged-lookup.js';

/** `GET simple/synscan/{ip}`: Open TCP ports found on an address. */
export const getIpSynScanAction = pagedLookup({
  uuid: '7fab8ebb-97a8-4111-81e6-9355529198a0',
  slug: 'get_ip_syn_scan',
  name: "Get IP Syn Scan",
  description: "Get synscan information on IP with Onyphe: \"Open TCP ports found on the Internet. Each open port is also enriched with detected operating system\"",
  docker_parameters: 'onyphe_synscan',
  endpoint: 'simple/synscan',
  argument: 'ip',
  value: ipValue("The ip to scan"),
});
