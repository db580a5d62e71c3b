import { z } from 'zod';

/** The reference's configuration: the instance URL and a user allowed to use the REST API (Basic auth). */
export const serviceNowConfigurationSchema = z
  .object({
    base_url: z.url().describe('ServiceNow base URL: the instance (https://acme.service-now.com) or its REST root (https://acme.service-now.com/api/now/)'),
    username: z.string().min(1).describe('Username'),
    password: z.string().min(1).meta({ secret: true }).describe('Password'),
  })
  .meta({ title: 'ServiceNow' });

export type ServiceNowConfiguration = z.output<typeof serviceNowConfigurationSchema>;

/**
 * The REST root (`.../api/now/`) of a configured base URL. The reference joins `table/<name>` to
 * the base URL as given, so its users configure the REST root; the instance URL alone works too.
 */
export function restRootOf(baseUrl: string): string {
  const trimmed = baseUrl.replace(/\/+$/, '');
  return /\/api\/now$/.test(trimmed) ? `${trimmed}/` : `${trimmed}/api/now/`;
}
