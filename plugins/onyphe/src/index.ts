import { geolocalizeIpAction } from './geolocalize-ip.action.js';
import { getDomainNameCtlsAction } from './get-domain-name-ctls.action.js';
import { getIpDatascanAction } from './get-ip-datascan.action.js';
import { getIpInetnumAction } from './get-ip-inetnum.action.js';
import { getIpSnifferAction } from './get-ip-sniffer.action.js';
import { getIpSynScanAction } from './get-ip-syn-scan.action.js';
import { getIpThreatListAction } from './get-ip-threat-list.action.js';
import { getOnionScanAction } from './get-onion-scan.action.js';
import { getPastriesAction } from './get-pastries.action.js';
import { lookupForwardDnsAction } from './lookup-forward-dns.action.js';
import { lookupIpAction } from './lookup-ip.action.js';
import { lookupMd5Action } from './lookup-md5.action.js';
import { lookupReverseDnsAction } from './lookup-reverse-dns.action.js';
import { onyphe } from './module.js';

export default onyphe.plugin({
  actions: [
    lookupIpAction,
    geolocalizeIpAction,
    getIpInetnumAction,
    getIpThreatListAction,
    getIpSynScanAction,
    getIpSnifferAction,
    getIpDatascanAction,
    getPastriesAction,
    lookupForwardDnsAction,
    lookupReverseDnsAction,
    lookupMd5Action,
    getOnionScanAction,
    getDomainNameCtlsAction,
  ],
});
