import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { isPlyError } from '@ply/core/errors';
import type { RegistryContext } from './registry-context.js';
import { isRegistryCode } from './registry-errors.js';

/**
 * The one place errors become answers: `{ "error": message, "code": code }` with the code's
 * status (npm prints `error`). Anything that is not one of the registry's codes is unexpected: the
 * client gets a generic 500 with the request id, the log gets the details.
 */
export function answerError(thrown: unknown, c: RegistryContext): Response {
  const { log, requestId } = c.env;
  if (isPlyError(thrown) && isRegistryCode(thrown.code)) {
    if (thrown.status >= 500) log.error('request failed', { code: thrown.code, error: thrown.message });
    return c.json({ error: thrown.message, code: thrown.code }, thrown.status as ContentfulStatusCode);
  }
  const error = thrown instanceof Error ? thrown : new Error(String(thrown));
  log.error('unexpected error', { error: error.message, ...(isPlyError(error) ? { code: error.code } : {}), stack: error.stack });
  return c.json({ error: `internal error: the registry log has the details under request id ${requestId}`, code: 'PLY_REGISTRY_INTERNAL', requestId }, 500);
}
