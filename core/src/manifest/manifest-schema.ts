import * as z from 'zod';

/** A JSON Schema embedded in a manifest: any JSON object (`{}` means "no schema"). */
const embeddedSchema = z.record(z.string(), z.unknown());

/**
 * `manifest.json` as Ply reads it. Unknown keys are kept (Sekoia manifests carry extras such
 * as `supports_validation`, or stray `title`/`type` at the top level).
 */
export const manifestFileSchema = z.looseObject({
  uuid: z.string().min(1, 'must be a non-empty string'),
  slug: z.string().min(1, 'must be a non-empty string'),
  name: z.string().min(1, 'must be a non-empty string'),
  description: z.string(),
  version: z.string().min(1, 'must be a non-empty string'),
  categories: z.array(z.string()).optional(),
  configuration: embeddedSchema.optional(),
  engines: z.object({ ply: z.string().min(1) }).optional(),
  group: z.string().optional(),
});

/** `action_*.json`, `trigger_*.json`, `connector_*.json` (the keys every kind shares). */
export const itemFileSchema = z.looseObject({
  uuid: z.string().min(1, 'must be a non-empty string'),
  name: z.string().min(1, 'must be a non-empty string'),
  description: z.string(),
  docker_parameters: z.string().min(1, 'must be a non-empty string'),
  arguments: embeddedSchema,
  results: embeddedSchema.optional(),
  slug: z.string().min(1).optional(),
  group: z.string().optional(),
});

export type ManifestFile = z.infer<typeof manifestFileSchema>;
export type ItemFile = z.infer<typeof itemFileSchema>;
