import type { PlyError } from '@ply/core';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

/**
 * The HTTP status of an error: the status its code's catalogue gives (each package's catalogue
 * says it beside the code). The API and the web console both answer errors through this function.
 */
export function httpStatusOf(error: PlyError): ContentfulStatusCode {
  return error.status as ContentfulStatusCode;
}
