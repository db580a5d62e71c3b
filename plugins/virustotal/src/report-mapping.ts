/**
 * API v3 objects mapped to the reference's v2 reports (https://docs.virustotal.com/reference/files,
 * /reference/url-object, /reference/analyses-object; v2: https://docs.virustotal.com/v2.0/reference).
 */

type Json = Record<string, unknown>;
/** A v2-shaped report with the outcome the scan took. */
export type Report = Json & { verdict: 'detected' | 'not detected' | 'unknown' };

export const asRecord = (value: unknown): Json => (typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : {});
const asText = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/** v2's date format, `2026-11-30 10:00:00` (UTC), from v3's epoch seconds. */
export function v2Date(epochSeconds: unknown): string | undefined {
  if (typeof epochSeconds !== 'number' || !Number.isFinite(epochSeconds)) return undefined;
  return new Date(epochSeconds * 1000).toISOString().slice(0, 19).replace('T', ' ');
}

/** v3 engine results (`category`, `engine_version`, `engine_update`...) as v2 `scans`. */
export function scansOf(results: unknown): Record<string, Json> {
  const scans: Record<string, Json> = {};
  for (const [engine, raw] of Object.entries(asRecord(results))) {
    const result = asRecord(raw);
    const category = asText(result['category']) ?? 'undetected';
    scans[engine] = {
      detected: category === 'malicious',
      result: asText(result['result']) ?? null,
      version: asText(result['engine_version']) ?? null,
      update: asText(result['engine_update']) ?? null,
      category,
      method: asText(result['method']) ?? null,
    };
  }
  return scans;
}

/** Positives (engines saying malicious) and total (engines that gave a verdict), from v3 stats. */
export function countsOf(stats: unknown): { positives: number; total: number; stats: Record<string, number> } {
  const numbers = Object.fromEntries(Object.entries(asRecord(stats)).filter((entry): entry is [string, number] => typeof entry[1] === 'number'));
  const positives = numbers['malicious'] ?? 0;
  const total = ['malicious', 'suspicious', 'undetected', 'harmless'].reduce((sum, key) => sum + (numbers[key] ?? 0), 0);
  return { positives, total, stats: numbers };
}

export function verdictOf(positives: number, threshold: number): 'detected' | 'not detected' {
  return positives >= threshold ? 'detected' : 'not detected';
}

/** A v3 file object (`GET files/{id}`) as the v2 file report. */
export function fileReport(data: unknown, resource: string, threshold: number): Report {
  const object = asRecord(data);
  const attributes = asRecord(object['attributes']);
  const { positives, total, stats } = countsOf(attributes['last_analysis_stats']);
  const sha256 = asText(attributes['sha256']) ?? asText(object['id']);
  const date = attributes['last_analysis_date'];
  return {
    response_code: 1,
    verbose_msg: 'Scan finished, information embedded',
    resource,
    ...(sha256 ? { scan_id: `${sha256}-${typeof date === 'number' ? date : 0}`, sha256, permalink: `https://www.virustotal.com/gui/file/${sha256}` } : {}),
    ...(v2Date(date) ? { scan_date: v2Date(date) } : {}),
    ...(asText(attributes['md5']) ? { md5: attributes['md5'] } : {}),
    ...(asText(attributes['sha1']) ? { sha1: attributes['sha1'] } : {}),
    positives,
    total,
    scans: scansOf(attributes['last_analysis_results']),
    last_analysis_stats: stats,
    verdict: verdictOf(positives, threshold),
  };
}

/** A completed v3 analysis (`GET analyses/{id}`) of a file, as the v2 file report. */
export function fileAnalysisReport(analysis: unknown, threshold: number): Report {
  const body = asRecord(analysis);
  const data = asRecord(body['data']);
  const attributes = asRecord(data['attributes']);
  const info = asRecord(asRecord(body['meta'])['file_info']);
  const { positives, total, stats } = countsOf(attributes['stats']);
  const sha256 = asText(info['sha256']);
  return {
    response_code: 1,
    verbose_msg: 'Scan finished, information embedded',
    resource: sha256 ?? asText(data['id']),
    scan_id: asText(data['id']),
    ...(v2Date(attributes['date']) ? { scan_date: v2Date(attributes['date']) } : {}),
    ...(asText(info['md5']) ? { md5: info['md5'] } : {}),
    ...(asText(info['sha1']) ? { sha1: info['sha1'] } : {}),
    ...(sha256 ? { sha256, permalink: `https://www.virustotal.com/gui/file/${sha256}` } : {}),
    positives,
    total,
    scans: scansOf(attributes['results']),
    last_analysis_stats: stats,
    verdict: verdictOf(positives, threshold),
  };
}

/** A v3 URL object (`GET urls/{id}`) as the v2 URL report. */
export function urlReport(data: unknown, url: string, threshold: number): Report {
  const object = asRecord(data);
  const attributes = asRecord(object['attributes']);
  const { positives, total, stats } = countsOf(attributes['last_analysis_stats']);
  const id = asText(object['id']);
  const date = attributes['last_analysis_date'];
  return {
    response_code: 1,
    verbose_msg: 'Scan finished, scan information embedded in this object',
    url: asText(attributes['url']) ?? url,
    ...(id ? { scan_id: `${id}-${typeof date === 'number' ? date : 0}`, permalink: `https://www.virustotal.com/gui/url/${id}` } : {}),
    ...(v2Date(date) ? { scan_date: v2Date(date) } : {}),
    positives,
    total,
    scans: scansOf(attributes['last_analysis_results']),
    last_analysis_stats: stats,
    verdict: verdictOf(positives, threshold),
  };
}

/** A completed v3 analysis of a URL, as the v2 URL report. */
export function urlAnalysisReport(analysis: unknown, url: string, threshold: number): Report {
  const body = asRecord(analysis);
  const data = asRecord(body['data']);
  const attributes = asRecord(data['attributes']);
  const info = asRecord(asRecord(body['meta'])['url_info']);
  const { positives, total, stats } = countsOf(attributes['stats']);
  const id = asText(info['id']);
  return {
    response_code: 1,
    verbose_msg: 'Scan finished, scan information embedded in this object',
    url: asText(info['url']) ?? url,
    scan_id: asText(data['id']),
    ...(id ? { permalink: `https://www.virustotal.com/gui/url/${id}` } : {}),
    ...(v2Date(attributes['date']) ? { scan_date: v2Date(attributes['date']) } : {}),
    positives,
    total,
    scans: scansOf(attributes['results']),
    last_analysis_stats: stats,
    verdict: verdictOf(positives, threshold),
  };
}
