import { z } from 'zod';
import { riskiq } from './module.js';

/** A Spring page of results, as the SSL lookups answer. */
const page = (item: z.ZodType) =>
  z.looseObject({
    content: z.array(item).nullish(),
    first: z.boolean().nullish(),
    last: z.boolean().nullish(),
    number: z.int().nullish(),
    numberOfElements: z.int().nullish(),
    size: z.int().nullish(),
    sort: z.unknown().optional(),
    totalElements: z.int().nullish(),
    totalPages: z.int().nullish(),
  });

const certificateSummary = z.looseObject({
  firstSeen: z.string().nullish(),
  lastSeen: z.string().nullish(),
  count: z.int().nullish(),
  id: z.string().nullish(),
  address: z.string().nullish(),
  asn: z.string().nullish(),
  bgpPrefix: z.string().nullish(),
  port: z.int().nullish(),
  sha1: z.string().nullish(),
  cert: z.array(z.looseObject({})).nullish(),
});

export const sslHostsAction = riskiq.restAction({
  uuid: 'fe8b1732-dcc0-4b0a-8f4a-24a5f751d5ab',
  slug: 'ssl_hosts',
  name: 'SSL Hosts',
  description: 'Get hosts by certificate',
  docker_parameters: 'ssl_host_cert',
  method: 'GET',
  path: 'v1/ssl/host',
  arguments: z.object({ certSha1: z.string().min(1).meta({ in: 'query' }).describe('SHA-1 of the certificate') }).meta({ title: 'get_hosts_by_certificate_' }),
  results: page(z.looseObject({})),
});

export const sslCertificatesByHostAction = riskiq.restAction({
  uuid: 'd8e3c0d5-f0d1-46bb-9bbe-068485e38050',
  slug: 'ssl_certificates_by_host',
  name: 'SSL Certificates by Host',
  description: 'Get SSL certificates by host name',
  docker_parameters: 'ssl_cert_host',
  method: 'GET',
  path: 'v1/ssl/cert/host',
  arguments: z.object({ host: z.string().min(1).meta({ in: 'query' }).describe('Host name or IP address') }),
  results: page(certificateSummary),
});

export const sslCertificatesByNameAction = riskiq.restAction({
  uuid: 'e722c79c-7a87-426b-8f83-7f491fb72677',
  slug: 'ssl_certificates_by_name',
  name: 'SSL Certificates by Name',
  description: 'Get SSL certificates by name',
  docker_parameters: 'ssl_cert_name',
  method: 'GET',
  path: 'v1/ssl/cert/name',
  arguments: z.object({ name: z.string().min(1).meta({ in: 'query' }).describe('A name in the certificate (subject or alternative name)') }),
  results: page(z.looseObject({})),
});

export const sslCertificatesBySerialNumberAction = riskiq.restAction({
  uuid: '7c6e0ce8-39d2-45ac-8312-aa2a7d1ba77b',
  slug: 'ssl_certificates_by_serial_number',
  name: 'SSL Certificates by Serial Number',
  description: 'Get SSL certificates by serial number',
  docker_parameters: 'ssl_cert_serial_number',
  method: 'GET',
  path: 'v1/ssl/cert/serial',
  arguments: z.object({ serial: z.string().min(1).meta({ in: 'query' }).describe('Serial number of the certificate') }),
  results: page(z.looseObject({})),
});

const nameList = z.array(z.looseObject({})).nullish();

export const sslCertificateBySha1Action = riskiq.restAction({
  uuid: 'c7b5e8b5-ea92-4ad2-a1a9-f12f6d49c43f',
  slug: 'ssl_certificats_by_sha1',
  name: 'SSL Certificats by SHA-1',
  description: 'Get SSL certificate by SHA1 hash',
  docker_parameters: 'ssl_cert_sha1',
  method: 'GET',
  path: 'v1/ssl/cert/sha1',
  arguments: z.object({ sha1: z.string().min(1).meta({ in: 'query' }).describe('SHA-1 of the certificate') }),
  results: z.looseObject({
    count: z.int().nullish(),
    firstSeen: z.string().nullish(),
    id: z.string().nullish(),
    issuer: nameList,
    issuerAlternativeNames: nameList,
    issuerID: z.string().nullish(),
    lastSeen: z.string().nullish(),
    notAfter: z.string().nullish(),
    notBefore: z.string().nullish(),
    publicKeyAlgorithm: z.string().nullish(),
    serialNumber: z.string().nullish(),
    sha1: z.string().nullish(),
    signatureAlgorithm: z.string().nullish(),
    signatureAlgorithmOid: z.string().nullish(),
    subject: nameList,
    subjectAlternativeNames: nameList,
    subjectID: z.string().nullish(),
    version: z.int().nullish(),
  }),
  notFound: (args) => `certificate ${args.sha1}`,
});
