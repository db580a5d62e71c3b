import { riskiq } from './module.js';
import { hexPassiveDnsAction, ipPassiveDnsAction, namePassiveDnsAction } from './pdns.actions.js';
import { sslCertificateBySha1Action, sslCertificatesByHostAction, sslCertificatesByNameAction, sslCertificatesBySerialNumberAction, sslHostsAction } from './ssl.actions.js';
import { reverseAddressAction, reverseEmailAction, reverseNameAction, reverseNameserverAction, reverseOrganizationAction, reversePhoneAction, whoisDomainAction } from './whois.actions.js';

export default riskiq.plugin({
  actions: [
    ipPassiveDnsAction,
    namePassiveDnsAction,
    hexPassiveDnsAction,
    sslHostsAction,
    sslCertificatesByHostAction,
    sslCertificatesByNameAction,
    sslCertificatesBySerialNumberAction,
    sslCertificateBySha1Action,
    whoisDomainAction,
    reverseAddressAction,
    reverseEmailAction,
    reverseNameAction,
    reverseNameserverAction,
    reverseOrganizationAction,
    reversePhoneAction,
  ],
});
