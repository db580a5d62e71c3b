import { md5Value } from './lookup-values.js';
import { pagedLookup } from './paged-lookup.js';

/**
 * `GET simple/datascan/datamd5/{md5}`: Datascans whose data has this MD5 (`datamd5`).
 * The reference asks `simple/md5/`, which API v2 does not document.
 */
export const lookupMd5Action = pagedLookup({
  uuid: '89b58713-0837-435c-a27f-8d45e0f41893',
  slug: 'lookup_md5',
  name: "Lookup MD5",
  description: "Get Onyphe datascans with the given md5 in the datamd5 field",
  docker_parameters: 'onyphe_md5',
  endpoint: 'simple/datascan/datamd5',
  argument: 'md5',
  value: md5Value("The md5 to scan"),
  lowerCase: true,
});
