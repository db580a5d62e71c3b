import { countHostsAction } from './count-hosts.action.js';
import { getDnsDomainAction } from './get-dns-domain.action.js';
import { getHostAction } from './get-host.action.js';
import { lookupDnsAction, lookupIpsAction } from './lookup.actions.js';
import { shodan } from './module.js';
import { searchHostAction } from './search-host.action.js';

export default shodan.plugin({ actions: [getHostAction, countHostsAction, searchHostAction, getDnsDomainAction, lookupIpsAction, lookupDnsAction] });
