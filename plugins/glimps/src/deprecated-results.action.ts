import { z } from 'zod';
import { analysisDetailsSchema } from './analysis.schema.js';
import { glimps } from './module.js';

/** `GET api/lite/v2/results/{uuid}`: the analysis as GLIMPS answers it (the reference's deprecated item). */
export const deprecatedRetrieveAnalysisAction = glimps.restAction({
  uuid: '31d90d77-a480-408b-9ce3-d565ff161231',
  slug: 'retrieve_the_analysis',
  name: '[Deprecated] Get the results of an analysis',
  description: 'Deprecated: use Retrieve analysis. The analysis as GLIMPS Detect answers it.',
  docker_parameters: 'get-results/{uuid}',
  method: 'GET',
  path: 'api/lite/v2/results/{uuid}',
  arguments: z.object({ uuid: z.string().min(1).meta({ in: 'path' }).describe('Unique analysis identifier') }).meta({ title: 'Get the results of an analysis' }),
  results: analysisDetailsSchema,
  notFound: (args) => `analysis ${args.uuid}`,
});

/** `GET api/lite/v2/search/{sha256}`: the last analysis of a file (the reference's deprecated item). */
export const deprecatedSearchAnalysisAction = glimps.restAction({
  uuid: '28608954-4683-49fe-a494-333d3254720b',
  slug: 'search_a_previous_analysis',
  name: '[Deprecated] Search previous analysis',
  description: 'Deprecated: use Search analysis. The last analysis of a file, as GLIMPS Detect answers it.',
  docker_parameters: 'get-search/{sha256}',
  method: 'GET',
  path: 'api/lite/v2/search/{sha256}',
  arguments: z.object({ sha256: z.string().min(1).meta({ in: 'path' }).describe('string hex encoded input file SHA256') }).meta({ title: 'Search a previous analysis of a file' }),
  results: analysisDetailsSchema,
  notFound: (args) => `analysis of the file ${args.sha256}`,
});
