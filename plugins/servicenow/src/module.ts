import { defineModule } from '@ply/core';
import { restRootOf, serviceNowConfigurationSchema } from './configuration.js';

/** ServiceNow's error bodies: `{"error": {"message", "detail"}, "status": "failure"}`. */
function serviceNowMessage(body: unknown): string | undefined {
  const error = (body as { error?: { message?: unknown; detail?: unknown } } | null)?.error;
  if (!error || typeof error.message !== 'string') return undefined;
  return typeof error.detail === 'string' && error.detail !== '' ? `${error.message} (${error.detail})` : error.message;
}

/** The ServiceNow module (the reference's uuid and slug); REST calls under `api/now/` with HTTP Basic. */
export const serviceNow = defineModule({
  uuid: '2b2f877e-6eaa-4d6c-a18e-f3383e52a429',
  slug: 'servicenow',
  name: 'ServiceNow',
  description: 'ServiceNow is an IT company allowing creating workflow to empower employees productivity and to improve customers experience',
  categories: ['Collaboration Tools'],
  configuration: serviceNowConfigurationSchema,
  engines: { ply: '>=0.1.0 <1.0.0' },
  http: {
    baseUrl: (config) => restRootOf(config.base_url),
    auth: { type: 'basic', username: (config) => config.username, password: (config) => config.password },
    errorMessage: serviceNowMessage,
  },
  // One row of the user table: what any REST user may read, and what a wrong password refuses.
  check: { path: 'table/sys_user?sysparm_limit=1&sysparm_fields=sys_id' },
});
