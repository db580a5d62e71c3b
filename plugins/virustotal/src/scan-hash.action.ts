import { z } from 'zod';
import { virustotal } from './module.js';
import { fileReport } from './report-mapping.js';
import { SCAN_OUTPUTS, fileReportSchema, thresholdArguments, thresholdOf } from './report.schema.js';

/** v2 `file/report?resource=` becomes v3 `GET files/{hash}`; a 404 is VirusTotal not knowing the hash. */
export const scanHashAction = virustotal.restAction({
  uuid: 'beb9ba43-2eca-43b5-b9ea-c092a1a19ed1',
  slug: 'scan_hash',
  name: 'Scan Hash',
  description: 'Scan hash with Virus Total',
  docker_parameters: 'virustotal_scan_hash',
  method: 'GET',
  path: 'files/{hash}',
  arguments: z
    .object({
      hash: z.string().regex(/^([0-9a-fA-F]{32}|[0-9a-fA-F]{40}|[0-9a-fA-F]{64})$/, 'an MD5, SHA-1 or SHA-256 in hexadecimal').meta({ in: 'path' }).describe('The hash to check'),
      ...thresholdArguments,
    })
    .meta({ title: 'Arguments' }),
  results: fileReportSchema,
  outputs: SCAN_OUTPUTS('hash'),
  selectOutputs: (results) => results.verdict,
  acceptStatus: [404],
  map: (body, args) => {
    const data = (body as { data?: unknown }).data;
    if (data === undefined) return { response_code: 0, verbose_msg: 'The requested resource is not among the finished, queued or pending scans', resource: args.hash, verdict: 'unknown' };
    return fileReport(data, args.hash, thresholdOf(args));
  },
});
