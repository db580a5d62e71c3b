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
  PLY_FILE_REFERENCE_INVALID: { user: true, title: 'File reference is invalid' },
  PLY_ACTION_TIMEOUT: { user: false, title: 'Action timed out' },
  PLY_ACTION_CANCELLED: { user: false, title: 'Action was cancelled' },
  PLY_ACTION_CRASHED: { user: false, title: 'Action raised an error' },
  PLY_RESULTS_INVALID: { user: false, title: 'Action results do not match the results schema' },
  PLY_VENDOR_HTTP_ERROR: { user: false, title: 'Vendor API answered with an error' },
  PLY_NETWORK_ERROR: { user: false, title: 'Network error talking to the vendor API' },
  PLY_HTTP_TIMEOUT: { user: false, title: 'Vendor API did not answer in time' },
  PLY_INTERNAL: { user: false, title: 'Internal error' },
} as const satisfies Record<string, { user: boolean; title: string }>;

export type PlyErrorCode = keyof typeof ERROR_CATALOGUE;

export function isUserErrorCode(code: PlyErrorCode): boolean {
  return ERROR_CATALOGUE[code].user;
}
