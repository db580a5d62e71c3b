import { defineErrorCatalogue, type CodesOf } from './error-catalogue.js';

/**
 * The kernel's error codes: manifests, the catalog, the executor, templating and vendor calls.
 * User errors are 4xx; operational errors 5xx (a vendor failure during a run is a 502, not a 500).
 */
export const CORE_ERRORS = defineErrorCatalogue('@ply/core', {
  PLY_INVALID_INPUT: { user: true, status: 400, title: 'Invalid input' },
  PLY_MANIFEST_INVALID: { user: true, status: 422, title: 'Invalid module manifest' },
  PLY_SCHEMA_INVALID: { user: true, status: 422, title: 'JSON Schema does not compile' },
  PLY_ENGINE_MISMATCH: { user: true, status: 409, title: 'Module requires another Ply version' },
  PLY_MODULE_NOT_FOUND: { user: true, status: 404, title: 'Module not found' },
  PLY_MODULE_UNAVAILABLE: { user: false, status: 503, title: 'Module is not available on this process (its recorded artifact could not be fetched or verified)' },
  PLY_ACTION_NOT_FOUND: { user: true, status: 404, title: 'Action not found' },
  PLY_ACTION_AMBIGUOUS: { user: true, status: 409, title: 'Action reference is ambiguous' },
  PLY_NO_IMPLEMENTATION: { user: true, status: 409, title: 'Module item has no implementation (metadata only)' },
  PLY_PLUGIN_LOAD_FAILED: { user: false, status: 500, title: 'Plugin code could not be loaded' },
  PLY_ARGUMENTS_INVALID: { user: true, status: 422, title: 'Arguments do not match the action schema' },
  PLY_CONFIGURATION_INVALID: { user: true, status: 422, title: 'Module configuration is invalid' },
  PLY_TEMPLATE_SYNTAX: { user: true, status: 422, title: 'Template syntax error' },
  PLY_TEMPLATE_FORBIDDEN: { user: true, status: 422, title: 'Template uses a forbidden construct' },
  PLY_TEMPLATE_ERROR: { user: true, status: 422, title: 'Template could not be rendered' },
  PLY_TEMPLATE_LIMIT: { user: true, status: 422, title: 'Template exceeded a rendering limit (steps, output size or depth)' },
  PLY_FILE_REFERENCE_INVALID: { user: true, status: 422, title: 'File reference is invalid' },
  PLY_ACTION_TIMEOUT: { user: false, status: 504, title: 'Action timed out' },
  PLY_ACTION_CANCELLED: { user: false, status: 503, title: 'Action was cancelled' },
  PLY_ACTION_CRASHED: { user: false, status: 502, title: 'Action raised an error' },
  PLY_RESULTS_INVALID: { user: false, status: 502, title: 'Action results do not match the results schema' },
  PLY_VENDOR_HTTP_ERROR: { user: false, status: 502, title: 'Vendor API answered with an error' },
  PLY_NETWORK_ERROR: { user: false, status: 502, title: 'Network error talking to the vendor API' },
  PLY_HTTP_TIMEOUT: { user: false, status: 504, title: 'Vendor API did not answer in time' },
  PLY_HTTP_HOST_DENIED: { user: true, status: 403, title: 'The HTTP host policy refuses to connect to this address' },
  PLY_VENDOR_RESPONSE_INVALID: { user: false, status: 502, title: 'Vendor API answered with something that is not what its documentation says' },
  PLY_VENDOR_JOB_FAILED: { user: false, status: 502, title: 'A job run by the vendor (e.g. an event search) ended in failure' },
  PLY_VENDOR_JOB_TIMEOUT: { user: false, status: 504, title: 'A job run by the vendor did not finish within its wait limit' },
  PLY_INTERNAL: { user: false, status: 500, title: 'Internal error' },
});

declare module './ply-error.js' {
  interface PlyErrorCodes extends CodesOf<typeof CORE_ERRORS> {}
}
