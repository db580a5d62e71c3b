import { z } from 'zod';

/** One engine's verdict, v2-shaped (`detected`, `result`, `version`, `update`) with v3's `category` and `method`. */
export const scanSchema = z.looseObject({
  detected: z.boolean().optional(),
  result: z.string().nullish(),
  version: z.string().nullish(),
  update: z.string().nullish(),
  category: z.string().optional(),
  method: z.string().nullish(),
});

/** v3's `last_analysis_stats` (Ply addition): engines per category. */
export const statsSchema = z.record(z.string(), z.number()).describe('Engines per verdict category (malicious, suspicious, undetected, harmless, ...), as API v3 counts them');

/** A v2 sample seen with a domain or an address. */
export const sampleSchema = z.looseObject({ date: z.string().optional(), positives: z.int().optional(), total: z.int().optional(), sha256: z.string().optional() });
/** A v2 URL seen on a domain or an address. */
export const scannedUrlSchema = z.looseObject({ scan_date: z.string().optional(), positives: z.int().optional(), total: z.int().optional(), url: z.string().optional() });

/** The outcome a scan action took, as the reference's outputs name it. */
export const verdictSchema = z.enum(['detected', 'not detected', 'unknown']).describe('Which output the scan took: detected (positives reach detect_treshold), not detected, unknown (VirusTotal does not know it)');

export const SCAN_OUTPUTS = (what: string) => ({
  detected: `The ${what} is detected by antivirus vendors`,
  'not detected': `The ${what} is not detected by antivirus vendors`,
  unknown: `The ${what} is unknown`,
});

const common = {
  response_code: z.int().optional().describe('Response Code'),
  verbose_msg: z.string().optional().describe('Textual description of the response code'),
  scan_id: z.string().optional().describe('Scan Identifier'),
  scan_date: z.string().optional().describe('Date of last scan'),
  permalink: z.string().optional().describe('Permalink to the scan report'),
  positives: z.int().optional().describe('Number of antivirus detecting this sample as malicious'),
  total: z.int().optional().describe('Number of antivirus that scanned the sample'),
  scans: z.record(z.string(), scanSchema).optional().describe('Scan results (one scan result per key)'),
  verdict: verdictSchema,
  last_analysis_stats: statsSchema.optional(),
};

/** Scan Hash and Scan File: the reference's v2 file report. */
export const fileReportSchema = z
  .looseObject({
    ...common,
    resource: z.string().optional().describe('Resource Identifier'),
    md5: z.string().optional().describe('MD5 hash of the sample'),
    sha1: z.string().optional().describe('SHA-1 hash of the sample'),
    sha256: z.string().optional().describe('SHA-256 hash of the sample'),
  })
  .meta({ title: 'Results' });

/** Scan URL: the reference's v2 URL report. */
export const urlReportSchema = z
  .looseObject({
    ...common,
    url: z.string().optional().describe('Scanned URL'),
  })
  .meta({ title: 'Results' });

/** The detection threshold, as the reference spells it (`detect_treshold`); `detect_threshold` is accepted too. */
export const thresholdArguments = {
  detect_treshold: z.int().optional().meta({ in: 'none' }).describe('The number of positives from VirusTotal that will be used as a treshold of detection'),
  detect_threshold: z.int().optional().meta({ in: 'none' }).describe('Same as detect_treshold (the spelling the reference read at run time)'),
};

export function thresholdOf(args: { detect_treshold?: number | undefined; detect_threshold?: number | undefined }): number {
  return args.detect_treshold ?? args.detect_threshold ?? 1;
}
