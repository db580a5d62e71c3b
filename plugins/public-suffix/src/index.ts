import { getPrivateDomainsAction } from './get-private-domains.action.js';
import { publicSuffix } from './module.js';

export default publicSuffix.plugin({ actions: [getPrivateDomainsAction] });
