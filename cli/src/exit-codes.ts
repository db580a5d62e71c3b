import type { PlyErrorCode } from '@ply/core';

/** Exit codes of `ply`, one per class of error; the only place codes map to exit statuses. */
export const EXIT = {
  ok: 0,
  internal: 1,
  usage: 2,
  notFound: 3,
  badModule: 4,
  badInput: 5,
  vendor: 6,
  timeout: 7,
  pluginFailure: 8,
  drift: 9,
} as const;

const BY_CODE = {
  PLY_INVALID_INPUT: EXIT.usage,
  PLY_MODULE_NOT_FOUND: EXIT.notFound,
  PLY_ACTION_NOT_FOUND: EXIT.notFound,
  PLY_ACTION_AMBIGUOUS: EXIT.notFound,
  PLY_NO_IMPLEMENTATION: EXIT.notFound,
  PLY_MANIFEST_INVALID: EXIT.badModule,
  PLY_MANIFEST_DRIFT: EXIT.drift,
  PLY_SCHEMA_INVALID: EXIT.badModule,
  PLY_ENGINE_MISMATCH: EXIT.badModule,
  PLY_PLUGIN_LOAD_FAILED: EXIT.badModule,
  PLY_ARGUMENTS_INVALID: EXIT.badInput,
  PLY_CONFIGURATION_INVALID: EXIT.badInput,
  PLY_TEMPLATE_SYNTAX: EXIT.badInput,
  PLY_TEMPLATE_FORBIDDEN: EXIT.badInput,
  PLY_TEMPLATE_ERROR: EXIT.badInput,
  PLY_FILE_REFERENCE_INVALID: EXIT.badInput,
  PLY_VENDOR_HTTP_ERROR: EXIT.vendor,
  PLY_NETWORK_ERROR: EXIT.vendor,
  PLY_HTTP_TIMEOUT: EXIT.vendor,
  PLY_ACTION_TIMEOUT: EXIT.timeout,
  PLY_ACTION_CANCELLED: EXIT.timeout,
  PLY_ACTION_CRASHED: EXIT.pluginFailure,
  PLY_RESULTS_INVALID: EXIT.pluginFailure,
  PLY_INTERNAL: EXIT.internal,
} as const satisfies Record<PlyErrorCode, number>;

export function exitCodeOf(code: PlyErrorCode): number {
  return BY_CODE[code];
}
