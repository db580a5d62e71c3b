import { PlyError } from '../../errors/ply-error.js';
import { extractVendorMessage } from '../../http/vendor-message.js';

/** One refused request, as a REST action reports it. */
export interface RefusedRequest {
  module: string;
  method: string;
  /** Without query string or user-info. */
  url: string;
  status: number;
  attempts: number;
  /** The raw body text (never put in the message whole). */
  text: string;
  /** What a 404 means here (`host 1.2.3.4`). */
  notFound: string;
  /** The module's own reading of its error bodies. */
  errorMessage?: ((body: unknown, status: number) => string | undefined) | undefined;
}

function vendorMessageOf(refused: RefusedRequest): string | undefined {
  if (refused.errorMessage) {
    let body: unknown = refused.text;
    try {
      body = JSON.parse(refused.text);
    } catch {
      // not JSON: the module reads the text
    }
    const message = refused.errorMessage(body, refused.status);
    if (message) return message.slice(0, 1000);
  }
  return extractVendorMessage(refused.text);
}

/**
 * The error of a refused request, in words a SOC engineer acts on: the credentials were refused
 * (401/403, never quoting them), what was not found (404), the vendor kept limiting (429 after the
 * retries), or the vendor's status and message. Always `PLY_VENDOR_HTTP_ERROR` with the status.
 */
export function vendorFailure(refused: RefusedRequest): PlyError {
  const vendorMessage = vendorMessageOf(refused);
  const said = vendorMessage ? `: ${vendorMessage}` : '';
  const attempts = refused.attempts === 1 ? '1 attempt' : `${refused.attempts} attempts`;
  let message: string;
  if (refused.status === 401 || refused.status === 403) message = `${refused.module} refused the credentials of the account (HTTP ${refused.status}${said})`;
  else if (refused.status === 404) message = `${refused.notFound} was not found at ${refused.module} (HTTP 404${said})`;
  else if (refused.status === 429) message = `${refused.module} kept limiting the rate (HTTP 429 after ${attempts})${said}`;
  else message = `${refused.method} ${refused.url} answered HTTP ${refused.status}${said} (${attempts})`;
  return new PlyError('PLY_VENDOR_HTTP_ERROR', message, { details: { status: refused.status, method: refused.method, url: refused.url, attempts: refused.attempts, vendorMessage } });
}
