import { PlyError, type ActionContext } from '@ply/core';
import type { VirusTotalConfiguration } from './configuration.js';
import { asRecord } from './report-mapping.js';
import { pause, vtRequest } from './vt-client.js';

/**
 * Polls `GET analyses/{id}` until its status is `completed` (https://docs.virustotal.com/reference/analysis):
 * a look every `analysis_poll_interval` seconds, for at most `analysis_timeout` seconds (the
 * account's rate paces the looks too). Gives up with PLY_VENDOR_JOB_TIMEOUT naming the analysis.
 */
export async function waitForAnalysis(ctx: ActionContext<VirusTotalConfiguration>, analysisId: string): Promise<Record<string, unknown>> {
  const deadline = Date.now() + ctx.config.analysis_timeout * 1000;
  let status: string;
  for (let looks = 1; ; looks += 1) {
    const body = (await vtRequest(ctx, { path: `analyses/${encodeURIComponent(analysisId)}`, what: `analysis ${analysisId}` })) ?? {};
    const attributes = asRecord(asRecord(body['data'])['attributes']);
    status = typeof attributes['status'] === 'string' ? attributes['status'] : 'unknown';
    if (status === 'completed') {
      ctx.log.info('analysis completed', { analysis: analysisId, looks });
      return body;
    }
    if (Date.now() + ctx.config.analysis_poll_interval * 1000 > deadline) break;
    ctx.log.debug('analysis in progress', { analysis: analysisId, status });
    await pause(ctx.config.analysis_poll_interval, ctx.signal);
  }
  throw new PlyError('PLY_VENDOR_JOB_TIMEOUT', `VirusTotal analysis ${analysisId} was not completed after ${ctx.config.analysis_timeout} s (last status: ${status})`, {
    details: { analysis: analysisId, status, timeoutSeconds: ctx.config.analysis_timeout },
  });
}
