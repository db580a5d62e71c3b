import { defineErrorCatalogue, type CodesOf } from '@ply/core/errors';

/** The runtime's error codes: store, playbooks, supervisor, HTTP API and webhooks. */
export const RUNTIME_ERRORS = defineErrorCatalogue('@ply/runtime', {
  PLY_PLAYBOOK_INVALID: { user: true, status: 422, title: 'Playbook is invalid' },
  PLY_PLAYBOOK_NOT_FOUND: { user: true, status: 404, title: 'Playbook not found' },
  PLY_PLAYBOOK_DISABLED: { user: true, status: 409, title: 'Playbook is disabled' },
  PLY_PLAYBOOK_RATE_LIMITED: { user: false, status: 429, title: 'Playbook run rate limit reached' },
  PLY_FOREACH_ITEMS_INVALID: { user: true, status: 422, title: 'Foreach items are not a list' },
  PLY_ACCOUNT_NOT_FOUND: { user: true, status: 404, title: 'Account not found' },
  PLY_ACCOUNT_EXISTS: { user: true, status: 409, title: 'An account with this name already exists for the module' },
  PLY_EXECUTION_NOT_FOUND: { user: true, status: 404, title: 'Execution not found' },
  PLY_TRIGGER_NOT_FOUND: { user: true, status: 404, title: 'No supervised trigger (schedule or module) with this playbook id' },
  PLY_CONNECTOR_NOT_FOUND: { user: true, status: 404, title: 'Connector instance not found' },
  PLY_SECRET_KEY_INVALID: { user: true, status: 500, title: 'Secret key is missing, malformed or does not decrypt the stored secrets' },
  PLY_STORE_ERROR: { user: false, status: 503, title: 'Store (database) error' },
  PLY_HOME_LOCKED: { user: true, status: 409, title: 'Another ply serve is running on this $PLY_HOME' },
  PLY_UNAUTHENTICATED: { user: true, status: 401, title: 'Missing or invalid credentials (API token, webhook token or signature)' },
  PLY_FORBIDDEN: { user: true, status: 403, title: 'The API token lacks the role this request needs' },
  PLY_ROUTE_NOT_FOUND: { user: true, status: 404, title: 'No such HTTP route' },
  PLY_PAYLOAD_TOO_LARGE: { user: true, status: 413, title: 'Request body is too large' },
  PLY_QUEUE_ERROR: { user: false, status: 503, title: 'The run queue (Redis) cannot be reached or refused the run' },
  PLY_LEASE_LOST: { user: false, status: 503, title: 'Another process took over the lease of this trigger or connector' },
  PLY_CLUSTER_CONFIG_INVALID: { user: true, status: 400, title: 'The cluster settings (role, PLY_DATABASE_URL, PLY_REDIS_URL) do not fit together' },
});

declare module '@ply/core/errors' {
  interface PlyErrorCodes extends CodesOf<typeof RUNTIME_ERRORS> {}
}
