import { z } from 'zod';

/** Module configuration: the platform gives `base_url` and the `api_key` secret. */
export const sekoiaConfigurationSchema = z
  .object({
    base_url: z.url().default('https://app.sekoia.io/').describe('Base URL of the Sekoia.io platform (e.g. https://app.sekoia.io/)'),
    api_key: z.string().min(1).meta({ secret: true }).describe('Sekoia.io API key'),
    liveapi_url: z
      .url()
      .optional()
      .describe('LiveAPI WebSocket URL for the alert triggers (default: inferred from base_url, e.g. wss://live.sekoia.io/)'),
  })
  .meta({ title: 'Sekoia.io Configuration' });

export type SekoiaConfiguration = z.output<typeof sekoiaConfigurationSchema>;
