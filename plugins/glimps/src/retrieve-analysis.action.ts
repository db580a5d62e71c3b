import { z } from 'zod';
import { analysisByUuid } from './analysis-lookup.js';
import { analysisResponseSchema } from './analysis.schema.js';
import { glimps } from './module.js';

/** An analysis uuid, as the GLIMPS client checks it before asking. */
export const analysisUuid = (description: string) =>
  z
    .string()
    .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/)
    .describe(description);

/** Retrieve analysis: an analysis by its uuid, with the link to its expert view. */
export const retrieveAnalysisAction = glimps.action({
  uuid: 'b8c8a939-fa7e-5e4f-a73e-a5ed97ab8613',
  slug: 'retrieve_analysis',
  name: 'Retrieve analysis',
  description: 'Retrieve the analysis matching the given uuid',
  docker_parameters: 'RetrieveAnalysis',
  arguments: z.object({ uuid: analysisUuid('UUID of the analysis') }).meta({ title: 'GetAnalysisByUUIDArgument' }),
  results: analysisResponseSchema,
  run: (ctx, args) => analysisByUuid(ctx, args.uuid),
});
