import { ipValue } from './lookup-values.js';
import { pagedLookup } from './paged-lookup.js';

/** `GET simple/sniffer/{ip}`: What Onyphe's honeypots saw an address do. */
export const getIpSnifferAction = pagedLookup({
  uuid: '6f5bf02a-a721-4623-b06a-917da1aa7d37',
  slug: 'get_ip_sniffer',
  name: "Get IP Sniffer",
  description: "Get sniffer information on IP with Onyphe: \"[Onyphe has] a number of distributed honeypots on the Internet. [They] are listening to Internet background noise and performing passive operating system identification\"",
  docker_parameters: 'onyphe_sniffer',
  endpoint: 'simple/sniffer',
  argument: 'ip',
  value: ipValue("The ip to scan"),
});
