import { PlyError, type ActionContext } from '@ply/core';
import { z } from 'zod';
import type { VirusTotalConfiguration } from './configuration.js';
import { waitForAnalysis } from './analysis-wait.js';
import { virustotal } from './module.js';
import { asRecord, urlAnalysisReport, urlReport } from './report-mapping.js';
import { SCAN_OUTPUTS, thresholdArguments, thresholdOf, urlReportSchema } from './report.schema.js';
import { urlIdentifier, vtRequest } from './vt-client.js';

/**
 * v2 `url/report?scan=1` (the report, or a scan when there is none, then polls) becomes v3
 * `GET urls/{id}`; when VirusTotal has no analysis of the URL, `POST urls` (form `url=`) and
 * polls `GET analyses/{id}` until it is completed. Hand-written: it submits then polls.
 */
export const scanUrlAction = virustotal.action({
  uuid: 'b43a7897-b92c-4fe1-8a5c-be9e023c4f1c',
  slug: 'scan_url',
  name: 'Scan URL',
  description: 'Scan url with Virus Total',
  docker_parameters: 'virustotal_scan_url',
  arguments: z.object({ url: z.url().describe('The url to scan'), ...thresholdArguments }).meta({ title: 'Arguments' }),
  results: urlReportSchema,
  outputs: SCAN_OUTPUTS('url'),
  selectOutputs: (results) => results.verdict,
  // The analysis wait (analysis_timeout) and the calls around it, paced at the account's rate.
  timeoutMs: (_args, config) => (config.analysis_timeout + 120) * 1000,
  async run(ctx, args) {
    const threshold = thresholdOf(args);
    const known = await vtRequest(ctx, { path: `urls/${urlIdentifier(args.url)}`, notFoundIsAnswer: true });
    const data = asRecord(known?.['data']);
    if (Object.keys(asRecord(asRecord(data['attributes'])['last_analysis_results'])).length > 0) return urlReport(data, args.url, threshold);
    const submitted = await submit(ctx, args.url);
    return urlAnalysisReport(await waitForAnalysis(ctx, submitted), args.url, threshold);
  },
});

async function submit(ctx: ActionContext<VirusTotalConfiguration>, url: string): Promise<string> {
  const answer = await vtRequest(ctx, { method: 'POST', path: 'urls', body: new URLSearchParams({ url }).toString(), contentType: 'application/x-www-form-urlencoded' });
  const id = asRecord(answer?.['data'])['id'];
  if (typeof id !== 'string' || id === '') throw new PlyError('PLY_VENDOR_RESPONSE_INVALID', 'VirusTotal accepted the URL without saying which analysis it started');
  ctx.log.info('URL submitted for analysis', { analysis: id });
  return id;
}
