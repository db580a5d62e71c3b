import { ipValue } from './lookup-values.js';
import { pagedLookup } from './paged-lookup.js';

/** `GET simple/pastries/{ip}`: Pastes (pastebin) that mention an address. */
export const getPastriesAction = pagedLookup({
  uuid: '351ac8e2-05d7-4a2f-b0a0-75085b7a3da1',
  slug: 'get_pastries',
  name: "Get Pastries",
  description: "Get pastries information collected by Onyphe on pastebin.com",
  docker_parameters: 'onyphe_pastries',
  endpoint: 'simple/pastries',
  argument: 'ip',
  value: ipValue("The ip to scan"),
});
