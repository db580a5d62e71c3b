import { z } from 'zod';
import { virustotal } from './module.js';
import { resolutionsOf } from './relationships.js';
import { asRecord, countsOf } from './report-mapping.js';
import { sampleSchema as sample, scannedUrlSchema as scannedUrl, statsSchema } from './report.schema.js';


/** v2 `ip-address/report` becomes v3 `GET ip_addresses/{ip}` with its resolutions in the same request. */
export const scanIpAction = virustotal.restAction({
  uuid: 'fee286fa-415b-4f04-bf26-536e40b64859',
  slug: 'scan_ip',
  name: 'Scan IP',
  description: 'Scan ip with Virus Total',
  docker_parameters: 'virustotal_scan_ip',
  method: 'GET',
  path: 'ip_addresses/{ip}?relationships=resolutions',
  arguments: z.object({ ip: z.union([z.ipv4(), z.ipv6()]).meta({ in: 'path' }).describe('The ip to scan') }).meta({ title: 'Arguments' }),
  results: z
    .looseObject({
      response_code: z.int().optional().describe('Response Code'),
      verbose_msg: z.string().optional().describe('Textual description of the response code'),
      country: z.string().optional().describe('Country hosting this IP address'),
      asn: z.string().optional().describe('Autonomous System number hosting this IP address'),
      as_owner: z.string().optional().describe('Owner of the autonomous system (Ply addition)'),
      network: z.string().optional().describe('Network the address belongs to, in CIDR (Ply addition)'),
      undetected_downloaded_samples: z.array(sample).optional().describe('List of undetected samples downloaded from this IP address'),
      undetected_urls: z.array(scannedUrl).optional().describe('List of undetected URLs on this IP address'),
      detected_downloaded_samples: z.array(sample).optional().describe('List of detected samples downloaded from this IP address'),
      detected_urls: z.array(scannedUrl).optional().describe('List of detected URLs on this IP address'),
      resolutions: z.array(z.looseObject({ last_resolved: z.string().optional(), hostname: z.string().optional() })).optional().describe('List of domain names that resolved to this IP address'),
      reputation: z.number().optional().describe("VirusTotal's community score of the address (Ply addition)"),
      positives: z.int().optional().describe('Engines flagging the address malicious (Ply addition)'),
      last_analysis_stats: statsSchema.optional(),
    })
    .meta({ title: 'Results' }),
  acceptStatus: [404],
  map: (body, args) => {
    const data = (body as { data?: unknown }).data;
    if (data === undefined) return { response_code: 0, verbose_msg: 'IP address not found in dataset' };
    const attributes = asRecord(asRecord(data)['attributes']);
    const { positives, stats } = countsOf(attributes['last_analysis_stats']);
    const text = (key: string) => (typeof attributes[key] === 'string' ? { [key]: attributes[key] } : {});
    return {
      response_code: 1,
      verbose_msg: 'IP address in dataset',
      ...text('country'),
      ...(typeof attributes['asn'] === 'number' || typeof attributes['asn'] === 'string' ? { asn: String(attributes['asn']) } : {}),
      ...text('as_owner'),
      ...text('network'),
      resolutions: resolutionsOf(data, { ip: args.ip }),
      ...(typeof attributes['reputation'] === 'number' ? { reputation: attributes['reputation'] } : {}),
      positives,
      last_analysis_stats: stats,
    };
  },
});
