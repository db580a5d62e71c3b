import { z } from 'zod';
import { analysisBySha256 } from './analysis-lookup.js';
import { analysisResponseSchema } from './analysis.schema.js';
import { glimps } from './module.js';

/** Search analysis: the last analysis of a file by its SHA-256, with the link to its expert view. */
export const searchAnalysisAction = glimps.action({
  uuid: '25b710b9-a849-46dd-ae47-447c1a350c7b',
  slug: 'search_analysis',
  name: 'Search analysis',
  description: 'Search an analysis for a given sha256 input file',
  docker_parameters: 'SearchPreviousAnalysis',
  arguments: z
    .object({
      sha256: z
        .string()
        .regex(/^[0-9a-f]{64}$/)
        .describe('SHA256 of file to search'),
    })
    .meta({ title: 'SearchAnalysisBySha256Argument' }),
  results: analysisResponseSchema,
  run: (ctx, args) => analysisBySha256(ctx, args.sha256),
});
