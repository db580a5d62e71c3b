import type { AnalysisDetails } from './analysis.schema.js';

/**
 * The link to an analysis in GLIMPS Malware Expert, as the GLIMPS client builds it: the token view
 * (`/expert/en/analysis-redirect/<token>`), else the advanced view (`/expert/en/analysis/advanced/<sid>`),
 * else nothing. Both paths are absolute on the GLIMPS Detect server.
 */
export function expertViewUrl(baseUrl: string, analysis: AnalysisDetails): string {
  if (analysis.token) return new URL(`/expert/en/analysis-redirect/${encodeURIComponent(analysis.token)}`, baseUrl).href;
  if (analysis.sid) return new URL(`/expert/en/analysis/advanced/${encodeURIComponent(analysis.sid)}`, baseUrl).href;
  return '';
}
