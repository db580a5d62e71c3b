import { PlyError } from '@ply/core';
import { z } from 'zod';

/**
 * Module configuration. Sekoia.io's manifest declares none (the platform injects `base_url`,
 * the `api_key` secret and, for the triggers, `liveapi_url`); Ply asks for them explicitly.
 * `api_key` stays optional as in the reference: Push Events to Intake needs only its
 * `intake_key`; every call to the API asks for the key through {@link apiKeyOf}.
 */
export const sekoiaConfigurationSchema = z
  .object({
    base_url: z.url().default('https://app.sekoia.io/').describe('Base URL of the Sekoia.io platform (e.g. https://app.sekoia.io/; a URL ending in /api is accepted too)'),
    api_key: z.string().min(1).meta({ secret: true }).optional().describe('Sekoia.io API key (every action but Push Events to Intake needs it)'),
    liveapi_url: z.url().optional().describe('LiveAPI WebSocket URL for the alert and case triggers (default: wss://<app host>/live/, inferred from base_url)'),
  })
  .meta({ title: 'Sekoia.io Configuration' });

export type SekoiaConfiguration = z.output<typeof sekoiaConfigurationSchema>;

/** The account's API key, or a clear configuration error for an account that has none. */
export function apiKeyOf(config: { api_key?: string | undefined }): string {
  if (config.api_key !== undefined) return config.api_key;
  throw new PlyError('PLY_CONFIGURATION_INVALID', 'the Sekoia.io account has no api_key: every action but Push Events to Intake calls the API with it', {
    details: { issues: [{ pointer: '/api_key', message: 'is required to call the Sekoia.io API' }] },
  });
}

/**
 * The API root of a platform URL: `https://app.sekoia.io/` and `https://app.sekoia.io/api` both
 * serve `https://app.sekoia.io/api/` (the reference joins `api/v1/...` to `base_url` and then
 * folds `/api/api` into `/api`).
 */
export function sekoiaApiRoot(baseUrl: string): string {
  const trimmed = baseUrl.replace(/\/+$/, '');
  return `${trimmed.endsWith('/api') ? trimmed : `${trimmed}/api`}/`;
}
