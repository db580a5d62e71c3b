import { onionValue } from './lookup-values.js';
import { pagedLookup } from './paged-lookup.js';

/** `GET simple/onionscan/{onion}`: What Onyphe found on an onion service. */
export const getOnionScanAction = pagedLookup({
  uuid: '7244b813-0803-4335-8c5a-3e9a1b71747e',
  slug: 'get_onion_scan',
  name: "Get Onion Scan",
  description: "Get information on the given onion domain with Onyphe",
  docker_parameters: 'onyphe_onionscan',
  endpoint: 'simple/onionscan',
  argument: 'onion',
  value: onionValue("The onion domain to scan"),
  lowerCase: true,
});
