import { domainValue } from './lookup-values.js';
import { pagedLookup } from './paged-lookup.js';

/** `GET simple/ctl/{domain}`: X509 certificates of a domain in Certificate Transparency Logs. */
export const getDomainNameCtlsAction = pagedLookup({
  uuid: '5821487e-64a3-46b5-ac86-150d0e10ba82',
  slug: 'get_domain_name_ctls',
  name: "Get Domain Name CTLs",
  description: "Get domain name X509 certificate information from Certificate Transparency Logs (CTLs) with Onyphe",
  docker_parameters: 'onyphe_ctl',
  endpoint: 'simple/ctl',
  argument: 'domain',
  value: domainValue("The domain to scan"),
  lowerCase: true,
});
