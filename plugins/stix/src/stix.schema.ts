import { z } from 'zod';

/** One STIX object: its type and identifier required, any other property kept. */
export const stixObjectSchema = z.looseObject({
  type: z.string().min(1).describe('The STIX type, e.g. indicator, ipv4-addr'),
  id: z.string().min(1).describe('The identifier, <type>--<uuid>'),
});

/** A STIX 2.1 bundle (§8). */
export const bundleSchema = z
  .looseObject({
    type: z.literal('bundle'),
    id: z.string().min(1).describe('bundle--<uuid>'),
    objects: z.array(stixObjectSchema).describe('The STIX objects'),
  })
  .describe('A STIX 2.1 bundle');

/** What the helpers read: a bundle, or the bare list of its objects. */
export const bundleInputSchema = z.union([bundleSchema, z.array(stixObjectSchema)]).describe('A STIX 2.1 bundle, or a list of STIX objects (or give bundle_path, a JSON file in the run data folder)');

/** Results of a helper that returns a bundle: inline, or written to a file when large. */
export function bundleResults(name: 'bundle' | 'observables', description: string) {
  return z
    .object({
      [name]: bundleSchema.optional().describe(description),
      [`${name}_path`]: z.string().optional().describe(`The same bundle as a JSON file in the run data folder, when it is large`),
    } as Record<string, z.ZodType>)
    .meta({ title: 'Results' });
}
