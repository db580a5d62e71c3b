import { PlyError } from '@ply/core';
import { makeBundle } from '@ply/plugin-stix/model';
import { z } from 'zod';
import { triage } from './module.js';
import { triageObservables } from './triage-observables.js';
import { malwareResultsSchema, type MalwareResults } from './triage-raw-results.js';

/** The raw results, checked: a list of `{malware, samples}`; a clear error naming the argument and the entry otherwise. */
function parseRawResults(input: unknown, argument: string): MalwareResults[] {
  const parsed = z.array(malwareResultsSchema).safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const where = issue.path.length > 0 ? `/${issue.path.join('/')}` : '';
  throw new PlyError('PLY_INVALID_INPUT', `${argument}${where}: ${issue.message} (a list of {"malware": ..., "samples": {<sample id>: {sample_c2s, sample_urls, sample_hashes}}}, as the Triage config trigger writes)`, { details: { argument } });
}

export const triageToObservablesAction = triage.action({
  uuid: '2ab0c09a-5f11-4730-8ee1-183a480ff323',
  slug: 'triage_to_observables',
  docker_parameters: 'triage_to_observables',
  name: 'Triage to observables',
  description: 'Triage raw results to observables',
  arguments: z
    .object({
      triage_raw_results: z.array(z.unknown()).optional().describe('List of objects that contain Triage raw results'),
      triage_raw_results_path: z.string().optional().describe('Path of objects that contain Triage raw results'),
    })
    .meta({ title: 'Triage raw results' }),
  results: z
    .object({
      observables: z
        .union([z.looseObject({ type: z.literal('bundle'), id: z.string(), objects: z.array(z.looseObject({})) }), z.array(z.unknown())])
        .optional()
        .describe('Bundle with the list of observables'),
      observables_path: z.string().optional().describe('Path of the file holding the bundle with the observables'),
    })
    .meta({ title: 'Results (observables)' }),
  // A local conversion through the STIX toolkit's model: no call to Triage.
  async run(ctx, args) {
    if ((args.triage_raw_results === undefined) === (args.triage_raw_results_path === undefined)) {
      throw new PlyError('PLY_INVALID_INPUT', 'give exactly one of triage_raw_results and triage_raw_results_path', { details: { argument: 'triage_raw_results' } });
    }
    const argument = args.triage_raw_results === undefined ? 'triage_raw_results_path' : 'triage_raw_results';
    const results = parseRawResults(args.triage_raw_results ?? (await ctx.files.readJson(args.triage_raw_results_path!)), argument);
    const bundle = makeBundle(triageObservables(results));
    ctx.log.info('Triage results converted', { families: results.length, observables: bundle.objects.length });
    return args.triage_raw_results_path === undefined ? { observables: { ...bundle } } : { observables_path: await ctx.files.writeJson('observables.json', bundle) };
  },
});
