import { isPlyError, PlyError, type ActionContext } from '@ply/core';
import type { TriageConfiguration } from './configuration.js';
import { triage } from './module.js';
import { c2Observable, urlObservable } from './triage-observables.js';
import type { SampleIocs } from './triage-raw-results.js';

type Json = Record<string, unknown>;
type Context = ActionContext<TriageConfiguration>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const strings = (value: unknown): string[] => (typeof value === 'string' ? [value] : list(value).filter((entry): entry is string => typeof entry === 'string'));

/** One of a sample's reports, or undefined when Triage has none for it (404: deleted, or never made). */
async function report(ctx: Context, sampleId: string, path: string, what: string, timeoutMs: number | undefined): Promise<Json | undefined> {
  try {
    const { body } = await triage.request(ctx, { path: `samples/${encodeURIComponent(sampleId)}/${path}`, notFound: `the ${what} of sample ${sampleId}`, ...(timeoutMs ? { timeoutMs } : {}) });
    if (!isObject(body)) throw new PlyError('PLY_VENDOR_RESPONSE_INVALID', `Triage answered the ${what} of sample ${sampleId} with something that is not a report`);
    return body;
  } catch (error) {
    if (isPlyError(error) && error.details['status'] === 404) {
      ctx.log.warn('Triage has no such report; the sample is read without it', { sampleId, report: what });
      return undefined;
    }
    throw error;
  }
}

/** True when a PE of the static report has a trusted Authenticode signature (never for a URL sample), as the reference checks. */
export function hasTrustedSignature(staticReport: Json): boolean {
  if (isObject(staticReport['sample']) && staticReport['sample']['kind'] === 'url') return false;
  for (const file of list(staticReport['files'])) {
    const signers = isObject(file) && isObject(file['metadata']) && isObject(file['metadata']['pe']) && isObject(file['metadata']['pe']['code_sign']) ? list(file['metadata']['pe']['code_sign']['signers']) : [];
    for (const signer of signers) {
      const trusted = isObject(signer) && isObject(signer['validity']) ? signer['validity']['trusted'] : undefined;
      if (Array.isArray(trusted) ? trusted.some(Boolean) : Boolean(trusted)) return true;
    }
  }
  return false;
}

function standardDeviation(values: readonly number[]): number {
  const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
  // The sample standard deviation, as Python's statistics.stdev the reference uses.
  return Math.sqrt(values.reduce((sum, value) => sum + (value - mean) ** 2, 0) / (values.length - 1));
}

/**
 * True when the analysis is not to be trusted, as the reference judges it: a Windows sample (its
 * analysis tagged, not `linux`) with fewer than two behavioural runs, or whose behavioural scores
 * differ by more than a standard deviation of 2.5.
 */
export function isSuspiciousAnalysis(overview: Json): boolean {
  const tags = isObject(overview['analysis']) ? strings(overview['analysis']['tags']) : [];
  if (tags.length === 0 || tags.includes('linux')) return false;
  const scores = list(overview['tasks'])
    .filter((task): task is Json => isObject(task) && task['kind'] === 'behavioral' && typeof task['score'] === 'number')
    .map((task) => task['score'] as number);
  return scores.length < 2 || standardDeviation(scores) > 2.5;
}

/** The C2s (config `c2`, `attr.url4cnc`) and dropper URLs of the overview's extracted configs, for `malware` only; hashes of its targets tagged `family:<malware>`. */
export function iocsOfOverview(overview: Json, malware: string, sampleId: string): SampleIocs {
  const iocs: SampleIocs = { sample_c2s: [], sample_urls: [], sample_hashes: [] };
  for (const extract of list(overview['extracted'])) {
    if (!isObject(extract)) continue;
    const config = isObject(extract['config']) ? extract['config'] : {};
    if (config['family'] === malware) {
      const c2s = [...strings(config['c2']), ...(isObject(config['attr']) ? strings(config['attr']['url4cnc']) : [])];
      iocs.sample_c2s.push(...c2s.filter((c2) => c2Observable(c2, malware, sampleId) !== undefined));
    }
    const dropper = isObject(extract['dropper']) ? extract['dropper'] : {};
    const urls = list(dropper['urls']).flatMap((entry) => (isObject(entry) ? strings(entry['url']) : []));
    iocs.sample_urls.push(...urls.filter((url) => urlObservable(url, malware, sampleId) !== undefined || c2Observable(url, malware, sampleId) !== undefined));
  }
  for (const target of list(overview['targets'])) {
    if (!isObject(target) || !strings(target['tags']).includes(`family:${malware}`)) continue;
    for (const key of ['md5', 'sha1', 'sha256', 'sha512']) iocs.sample_hashes.push(...strings(target[key]));
  }
  return iocs;
}

/** What the trigger writes for one sample: its IOCs, or empty lists when a report is missing or an exclusion applies (as the reference). */
export async function sampleIocs(ctx: Context, malware: string, sampleId: string, exclusions: { exclude_signed: boolean; exclude_suspicious_analysis: boolean }, timeoutMs?: number): Promise<SampleIocs> {
  const none: SampleIocs = { sample_c2s: [], sample_urls: [], sample_hashes: [] };
  const overview = await report(ctx, sampleId, 'overview.json', 'overview report', timeoutMs);
  if (!overview) return none;
  if (exclusions.exclude_signed) {
    const staticReport = await report(ctx, sampleId, 'reports/static', 'static report', timeoutMs);
    if (staticReport && hasTrustedSignature(staticReport)) {
      ctx.log.info('sample left out: a PE has a trusted signature', { sampleId });
      return none;
    }
  }
  if (exclusions.exclude_suspicious_analysis && isSuspiciousAnalysis(overview)) {
    ctx.log.info('sample left out: too few behavioural analyses, or scores too far apart', { sampleId });
    return none;
  }
  return iocsOfOverview(overview, malware, sampleId);
}
