import { PlyError } from '@ply/core';

/** The Peer API's error body: `{ "error": "INVALID_CIDR", "message": "value of cidr is invalid" }`. */
interface PeerApiError {
  error: string;
  message?: string;
}

function isPeerApiError(body: unknown): body is PeerApiError {
  return typeof body === 'object' && body !== null && typeof (body as { error?: unknown }).error === 'string';
}

/** The vendor's words in an error body, for the module's refusal messages. */
export function peerApiMessage(body: unknown): string | undefined {
  if (!isPeerApiError(body)) return undefined;
  return body.message ? `${body.message} (${body.error})` : body.error;
}

/**
 * The Peer API can refuse a request with HTTP 200 and an error body (an invalid CIDR, as the
 * reference module's tests show): that is a refusal, not a result. Other bodies pass as they are.
 */
export function unlessRefused(body: unknown): unknown {
  if (!isPeerApiError(body)) return body;
  const credentials = /KEY/i.test(body.error);
  const message = credentials ? `IKnowWhatYouDownload refused the credentials of the account: ${peerApiMessage(body)}` : `IKnowWhatYouDownload refused the request: ${peerApiMessage(body)}`;
  throw new PlyError('PLY_VENDOR_HTTP_ERROR', message, { details: { status: 200, vendorError: body.error, vendorMessage: body.message } });
}
