import { z } from 'zod';
import { queryValue, riskiq } from './module.js';

const filters = {
  exact: queryValue.optional().meta({ in: 'query' }).describe('true for an exact match only'),
  maxResults: queryValue.optional().meta({ in: 'query' }).describe('Maximum number of records to return'),
};

/** `{results: <count>, domains: [<WHOIS record>...]}`. */
const whoisRecords = z.looseObject({ results: z.int().nullish(), domains: z.array(z.looseObject({})).nullish() });

interface WhoisLookup {
  uuid: string;
  slug: string;
  name: string;
  description: string;
  docker: string;
  field: string;
  fieldDescription: string;
  title?: string;
}

function whoisAction(spec: WhoisLookup) {
  return riskiq.restAction({
    uuid: spec.uuid,
    slug: spec.slug,
    name: spec.name,
    description: spec.description,
    docker_parameters: spec.docker,
    method: 'GET',
    path: `v0/whois/${spec.field}`,
    arguments: z.object({ [spec.field]: z.string().min(1).meta({ in: 'query' }).describe(spec.fieldDescription), ...filters }).meta(spec.title ? { title: spec.title } : {}),
    results: whoisRecords,
  });
}

export const whoisDomainAction = riskiq.restAction({
  uuid: '3b1314cd-3bdd-4525-ae56-0ea52f4ffb6a',
  slug: 'whois',
  name: 'Whois',
  description: 'Get the current WHOIS for a domain',
  docker_parameters: 'current_whois_domain',
  method: 'GET',
  path: 'v0/whois/domain',
  arguments: z.object({
    domain: z.string().min(1).meta({ in: 'query' }).describe('Domain name'),
    ...filters,
    // The reference lists it as a header argument; the module's Basic credentials are what is sent.
    Authorization: z.string().optional().meta({ in: 'header', secret: true }).describe('Ignored: requests carry the account\'s HTTP Basic credentials'),
  }),
  results: whoisRecords,
});

export const reverseAddressAction = whoisAction({ uuid: '1fdcc990-5eaa-42ad-bdf0-545a4e17eefb', slug: 'reverse_address', name: 'Reverse Whois (address)', description: 'Get WHOIS records associated with an address', docker: 'whois_address', field: 'address', fieldDescription: 'Postal address' });
export const reverseEmailAction = whoisAction({ uuid: '11f8d9c0-b11c-48aa-a1cf-995ddb2f53ac', slug: 'reverse_email', name: 'Reverse Whois (email)', description: 'Get WHOIS records associated with an email address', docker: 'whois_email', field: 'email', fieldDescription: 'E-mail address', title: 'get_whois_records_associated_with_an_email_address_' });
export const reverseNameAction = whoisAction({ uuid: '030072b3-712d-4861-b626-4f6029705a73', slug: 'reverse_name', name: 'Reverse Whois (name)', description: 'Get WHOIS records associated with a name', docker: 'whois_name', field: 'name', fieldDescription: 'Contact name' });
export const reverseNameserverAction = whoisAction({ uuid: 'c8ebac98-7b2b-4885-b873-451615bee8cf', slug: 'reverse_nameserver', name: 'Reverse Whois (nameserver)', description: 'Get WHOIS records associated with a name server', docker: 'whois_nameserver', field: 'nameserver', fieldDescription: 'Name server host name' });
export const reverseOrganizationAction = whoisAction({ uuid: '192b85b6-4bed-493b-897e-41893a4d14bc', slug: 'reverse_organization', name: 'Reverse Whois (organization)', description: 'Get WHOIS records associated with an organization', docker: 'whois_org', field: 'org', fieldDescription: 'Organization name' });
export const reversePhoneAction = whoisAction({ uuid: '7fbffebc-98ef-44b8-b33a-d5c0457d14ab', slug: 'reverse_phone', name: 'Reverse Whois (phone)', description: 'Get WHOIS records associated with a phone number', docker: 'whois_phone', field: 'phone', fieldDescription: 'Phone number' });
