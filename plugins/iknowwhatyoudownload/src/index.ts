import { checkIpExistenceAction } from './check-ip-existence.action.js';
import { getIpHistoryAction } from './get-ip-history.action.js';
import { listIpsFromCidrAction } from './list-ips-from-cidr.action.js';
import { ikwyd } from './module.js';

export default ikwyd.plugin({ actions: [checkIpExistenceAction, getIpHistoryAction, listIpsFromCidrAction] });
