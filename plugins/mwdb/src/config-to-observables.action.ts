import { PlyError } from '@ply/core';
import { makeBundle } from '@ply/plugin-stix/model';
import { z } from 'zod';
import { configObservables, type MwdbConfig } from './config-observables.js';
import { mwdb } from './module.js';

/** A bundle, as written; the reference declares the result an array though it returns a bundle, so both are allowed. */
const observablesSchema = z.union([
  z.looseObject({ type: z.literal('bundle'), id: z.string(), objects: z.array(z.looseObject({ type: z.string(), id: z.string() })) }),
  z.array(z.unknown()),
]);

/** The configuration given, checked to be one: an object with its `cfg` object. */
function configOf(input: unknown, argument: string): MwdbConfig {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) throw new PlyError('PLY_INVALID_INPUT', `${argument} is not a JSON object (an MWDB configuration)`, { details: { argument } });
  const cfg = (input as { cfg?: unknown }).cfg;
  if (typeof cfg !== 'object' || cfg === null || Array.isArray(cfg)) throw new PlyError('PLY_INVALID_INPUT', `${argument} has no "cfg" object: expected an MWDB configuration ({"family": ..., "cfg": {...}})`, { details: { argument } });
  return input as MwdbConfig;
}

export const configToObservablesAction = mwdb.action({
  uuid: '245b3f58-0a4f-49c1-8b48-73c3b43673b6',
  slug: 'config_to_observables',
  docker_parameters: 'config_to_observables',
  name: 'Config To Observables',
  description: 'Convert a MWDB config to a bundle of observables',
  arguments: z
    .object({
      config_path: z.string().optional().describe('File path to the JSON config to read.'),
      config: z.looseObject({}).optional().describe('The JSON content of the config.'),
    })
    .meta({ title: 'Arguments' }),
  results: z
    .object({
      observables: observablesSchema.optional().describe('Bundle with the list of observables'),
      observables_path: z.string().optional().describe('Path of the file holding the bundle with the observables'),
    })
    .meta({ title: 'Results' }),
  // A local conversion through the STIX toolkit's model: no call to MWDB.
  async run(ctx, args) {
    if ((args.config === undefined) === (args.config_path === undefined)) throw new PlyError('PLY_INVALID_INPUT', 'give exactly one of config and config_path', { details: { argument: 'config' } });
    const argument = args.config === undefined ? 'config_path' : 'config';
    const config = configOf(args.config ?? (await ctx.files.readJson(args.config_path!)), argument);
    const { observables, family, known } = configObservables(config);
    if (!known) ctx.log.warn('the family of this configuration has no extraction rules: only the hashes of its samples are kept', { family: family ?? null });
    const bundle = makeBundle(observables);
    return args.config_path === undefined ? { observables: { ...bundle } } : { observables_path: await ctx.files.writeJson('observables.json', bundle) };
  },
});
