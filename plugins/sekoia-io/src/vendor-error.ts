import { PlyError, type HttpResponse } from '@ply/core';

/** The vendor's own words from an error body (`message`, `detail`, `error`), when it has some. */
function vendorMessageOf(body: unknown): string | undefined {
  if (typeof body === 'string') return body.trim().slice(0, 300) || undefined;
  if (typeof body !== 'object' || body === null) return undefined;
  for (const key of ['message', 'detail', 'error'] as const) {
    const value = (body as Record<string, unknown>)[key];
    if (typeof value === 'string' && value.length > 0) return value.slice(0, 300);
  }
  return undefined;
}

/**
 * `PLY_VENDOR_HTTP_ERROR` for a response read with `throwOnHttpError: false`, in the shape the
 * core HTTP client gives (status, method, url, attempts, vendor message in `details`).
 */
export function vendorError(method: string, safeUrl: string, response: HttpResponse<unknown>): PlyError {
  const vendorMessage = vendorMessageOf(response.body);
  const attempts = response.attempts === 1 ? '1 attempt' : `${response.attempts} attempts`;
  return new PlyError('PLY_VENDOR_HTTP_ERROR', `${method} ${safeUrl} answered HTTP ${response.status}${vendorMessage ? `: ${vendorMessage}` : ''} (${attempts})`, {
    details: { status: response.status, method, url: safeUrl, attempts: response.attempts, vendorMessage },
  });
}
