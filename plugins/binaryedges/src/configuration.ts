import { z } from 'zod';

/** BinaryEdge's API v2 root, as the reference module's configuration gives it for an example. */
export const BINARYEDGE_API_ROOT = 'https://api.binaryedge.io/v2/';

/** The reference module's account: the API key (a secret) and the API root (defaulted here). */
export const binaryEdgeConfigurationSchema = z
  .object({
    api_key: z.string().min(1).meta({ secret: true }).describe("Binary Edge's API key"),
    base_url: z.url().default(BINARYEDGE_API_ROOT).describe(`Binary Edge's base URL (default ${BINARYEDGE_API_ROOT})`),
  })
  .meta({ title: "Binary Edge's Configuration" });

export type BinaryEdgeConfiguration = z.output<typeof binaryEdgeConfigurationSchema>;
