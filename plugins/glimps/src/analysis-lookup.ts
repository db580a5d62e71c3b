import { PlyError, type ActionContext } from '@ply/core';
import type { AnalysisDetails, AnalysisResponse } from './analysis.schema.js';
import type { GlimpsConfiguration } from './configuration.js';
import { deprecatedRetrieveAnalysisAction, deprecatedSearchAnalysisAction } from './deprecated-results.action.js';
import { expertViewUrl } from './expert-view.js';

function checked(answer: unknown, what: string): AnalysisDetails {
  if (typeof answer !== 'object' || answer === null || Array.isArray(answer)) throw new PlyError('PLY_VENDOR_RESPONSE_INVALID', `GLIMPS answered ${what} with something that is not an analysis`);
  return answer as AnalysisDetails;
}

/** The analysis of `uuid` (`GET api/lite/v2/results/{uuid}`), with its expert view. */
export async function analysisByUuid(ctx: ActionContext<GlimpsConfiguration>, uuid: string): Promise<AnalysisResponse> {
  const analysis = checked(await deprecatedRetrieveAnalysisAction.run(ctx, { uuid }), `analysis ${uuid}`);
  return { analysis, view_url: expertViewUrl(ctx.config.base_url, analysis) };
}

/** The last analysis of the file whose SHA-256 is `sha256` (`GET api/lite/v2/search/{sha256}`), with its expert view. */
export async function analysisBySha256(ctx: ActionContext<GlimpsConfiguration>, sha256: string): Promise<AnalysisResponse> {
  const analysis = checked(await deprecatedSearchAnalysisAction.run(ctx, { sha256 }), `the search of ${sha256}`);
  return { analysis, view_url: expertViewUrl(ctx.config.base_url, analysis) };
}
