import { z } from 'zod';
import { virustotal } from './module.js';
import { relatedIds, resolutionsOf } from './relationships.js';
import { asRecord, countsOf } from './report-mapping.js';
import { sampleSchema as sample, scannedUrlSchema as scannedUrl, statsSchema } from './report.schema.js';


/**
 * v2 `domain/report` becomes v3 `GET domains/{domain}` with its public relationships (subdomains,
 * siblings, resolutions) in the same request; a 404 is the v2 answer "not in the dataset".
 */
export const scanDomainAction = virustotal.restAction({
  uuid: '68a93925-d0c3-40e5-98a3-836d4b2e8f5e',
  slug: 'scan_domain',
  name: 'Scan Domain',
  description: 'Scan domain with Virus Total',
  docker_parameters: 'virustotal_scan_domain',
  method: 'GET',
  path: 'domains/{domain}?relationships=subdomains,siblings,resolutions',
  arguments: z.object({ domain: z.string().min(1).meta({ in: 'path' }).describe('The domain to scan') }).meta({ title: 'Arguments' }),
  results: z
    .looseObject({
      response_code: z.int().optional().describe('Response Code'),
      verbose_msg: z.string().optional().describe('Textual description of the response code'),
      undetected_referrer_samples: z.array(sample).optional().describe('List of undetected samples referring to this domain'),
      undetected_downloaded_samples: z.array(sample).optional().describe('List of undetected samples downloaded from this domain'),
      undetected_urls: z.array(scannedUrl).optional().describe('List of undetected URLs on this domain'),
      detected_referrer_samples: z.array(sample).optional().describe('List of detected samples referring to this domain'),
      detected_downloaded_samples: z.array(sample).optional().describe('List of detected samples downloaded from this domain'),
      detected_urls: z.array(scannedUrl).optional().describe('List of detected URLs on this domain'),
      resolutions: z.array(z.looseObject({ last_resolved: z.string().optional(), ip_address: z.string().optional() })).optional().describe('List of IP addresses this domain resolved to'),
      subdomains: z.array(z.string()).optional().describe('List of subdomains'),
      domain_siblings: z.array(z.string()).optional().describe('List of domain siblings'),
      categories: z.array(z.string()).optional().describe('List of categories'),
      reputation: z.number().optional().describe("VirusTotal's community score of the domain (Ply addition)"),
      positives: z.int().optional().describe('Engines flagging the domain malicious (Ply addition)'),
      last_analysis_stats: statsSchema.optional(),
    })
    .meta({ title: 'Results' }),
  acceptStatus: [404],
  map: (body, args) => {
    const data = (body as { data?: unknown }).data;
    if (data === undefined) return { response_code: 0, verbose_msg: 'Domain not found in dataset' };
    const attributes = asRecord(asRecord(data)['attributes']);
    const { positives, stats } = countsOf(attributes['last_analysis_stats']);
    return {
      response_code: 1,
      verbose_msg: 'Domain found in dataset',
      resolutions: resolutionsOf(data, { domain: args.domain }),
      subdomains: relatedIds(data, 'subdomains'),
      domain_siblings: relatedIds(data, 'siblings'),
      categories: [...new Set(Object.values(asRecord(attributes['categories'])).filter((value): value is string => typeof value === 'string'))],
      ...(typeof attributes['reputation'] === 'number' ? { reputation: attributes['reputation'] } : {}),
      positives,
      last_analysis_stats: stats,
    };
  },
});
