/**
 * The one catalogue of Ply error codes. A code is never reused for another meaning.
 * `user` marks errors the caller can fix (bad input); the others are operational.
 */
export const ERROR_CATALOGUE = {
  PLY_INVALID_INPUT: { user: true, title: 'Invalid input' },
  PLY_MANIFEST_INVALID: { user: true, title: 'Invalid module manifest' },
  PLY_MANIFEST_DRIFT: { user: true, title: 'Committed manifest files differ from the plugin definition' },
  PLY_SCHEMA_INVALID: { user: true, title: 'JSON Schema does not compile' },
  PLY_ENGINE_MISMATCH: { user: true, title: 'Module requires another Ply version' },
  PLY_MODULE_NOT_FOUND: { user: true, title: 'Module not found' },
  PLY_ACTION_NOT_FOUND: { user: true, title: 'Action not found' },
  PLY_ACTION_AMBIGUOUS: { user: true, title: 'Action reference is ambiguous' },
  PLY_NO_IMPLEMENTATION: { user: true, title: 'Module item has no implementation (metadata only)' },
  PLY_PLUGIN_LOAD_FAILED: { user: false, title: 'Plugin code could not be loaded' },
  PLY_ARGUMENTS_INVALID: { user: true, title: 'Arguments do not match the action schema' },
  PLY_CONFIGURATION_INVALID: { user: true, title: 'Module configuration is invalid' },
  PLY_TEMPLATE_SYNTAX: { user: true, title: 'Template syntax error' },
  PLY_TEMPLATE_FORBIDDEN: { user: true, title: 'Template uses a forbidden construct' },
  PLY_TEMPLATE_ERROR: { user: true, title: 'Template could not be rendered' },
  PLY_TEMPLATE_LIMIT: { user: true, title: 'Template rendering went past a bound (steps, output size, value size or depth)' },
  PLY_FILE_REFERENCE_INVALID: { user: true, title: 'File reference is invalid' },
  PLY_ACTION_TIMEOUT: { user: false, title: 'Action timed out' },
  PLY_ACTION_CANCELLED: { user: false, title: 'Action was cancelled' },
  PLY_ACTION_CRASHED: { user: false, title: 'Action raised an error' },
  PLY_RESULTS_INVALID: { user: false, title: 'Action results do not match the results schema' },
  PLY_VENDOR_HTTP_ERROR: { user: false, title: 'Vendor API answered with an error' },
  PLY_NETWORK_ERROR: { user: false, title: 'Network error talking to the vendor API' },
  PLY_HTTP_TIMEOUT: { user: false, title: 'Vendor API did not answer in time' },
  PLY_VENDOR_JOB_FAILED: { user: false, title: 'A job run by the vendor (e.g. an event search) ended in failure' },
  PLY_VENDOR_JOB_TIMEOUT: { user: false, title: 'A job run by the vendor did not finish within its wait limit' },
  PLY_PLAYBOOK_INVALID: { user: true, title: 'Playbook is invalid' },
  PLY_PLAYBOOK_NOT_FOUND: { user: true, title: 'Playbook not found' },
  PLY_PLAYBOOK_DISABLED: { user: true, title: 'Playbook is disabled' },
  PLY_PLAYBOOK_RATE_LIMITED: { user: false, title: 'Playbook run rate limit reached' },
  PLY_FOREACH_ITEMS_INVALID: { user: true, title: 'Foreach items are not a list' },
  PLY_ACCOUNT_NOT_FOUND: { user: true, title: 'Account not found' },
  PLY_ACCOUNT_EXISTS: { user: true, title: 'An account with this name already exists for the module' },
  PLY_EXECUTION_NOT_FOUND: { user: true, title: 'Execution not found' },
  PLY_TRIGGER_NOT_FOUND: { user: true, title: 'No supervised trigger (schedule or module) with this playbook id' },
  PLY_CONNECTOR_NOT_FOUND: { user: true, title: 'Connector instance not found' },
  PLY_SECRET_KEY_INVALID: { user: true, title: 'Secret key is missing, malformed or does not decrypt the stored secrets' },
  PLY_STORE_ERROR: { user: false, title: 'Store (database) error' },
  PLY_HOME_LOCKED: { user: true, title: 'Another ply serve is running on this $PLY_HOME' },
  PLY_PACKAGE_REJECTED: { user: true, title: 'Package tarball refused (unsafe entry, size limit or invalid module)' },
  PLY_INTEGRITY_MISMATCH: { user: false, title: 'Downloaded package does not match its integrity hash' },
  PLY_SIGNATURE_INVALID: { user: false, title: 'Package signature is missing, invalid or by an untrusted key' },
  PLY_REGISTRY_ERROR: { user: false, title: 'Registry unreachable or answered with an error' },
  PLY_UPGRADE_BREAKING: { user: true, title: 'Upgrade changes action arguments in a way that breaks callers' },
  PLY_UNAUTHENTICATED: { user: true, title: 'Missing or invalid credentials (API token, webhook token or signature)' },
  PLY_FORBIDDEN: { user: true, title: 'The API token lacks the role this request needs' },
  PLY_ROUTE_NOT_FOUND: { user: true, title: 'No such HTTP route' },
  PLY_PAYLOAD_TOO_LARGE: { user: true, title: 'Request body is too large' },
  PLY_INTERNAL: { user: false, title: 'Internal error' },
} as const satisfies Record<string, { user: boolean; title: string }>;

export type PlyErrorCode = keyof typeof ERROR_CATALOGUE;

export function isUserErrorCode(code: PlyErrorCode): boolean {
  return ERROR_CATALOGUE[code].user;
}
