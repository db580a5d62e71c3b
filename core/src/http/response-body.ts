import type { HttpRequestOptions } from '../contracts/http.js';
import type { TransportResponse } from './node-transport.js';

/** How a response body is read. */
export type ResponseType = NonNullable<HttpRequestOptions['responseType']>;

/** Thrown when a body that must be JSON does not parse. */
export class InvalidJsonBodyError extends Error {
  override readonly name = 'InvalidJsonBodyError';
}

/** Whether a `content-type` value announces JSON (`application/json`, `application/problem+json`, ...). */
export function isJsonContentType(contentType: string | null): boolean {
  return contentType !== null && contentType.toLowerCase().includes('json');
}

/**
 * Reads the body of `response`:
 * - `auto`: JSON when the content-type says so, text otherwise; an empty body gives `undefined`;
 * - `json`: parsed JSON, `undefined` when empty;
 * - `text`: the text as is;
 * - `bytes`: the bytes as they came (decompressed), a `Uint8Array`;
 * - `none`: discarded, `undefined`;
 * - `stream`: the decompressed body as a Node `Readable`, for the caller to consume or destroy.
 *
 * @throws InvalidJsonBodyError when a body read as JSON does not parse.
 */
export function readResponseBody(response: TransportResponse, responseType: ResponseType): Promise<unknown> {
  // A text or JSON body (nearly every call) through one promise: an async function would add two.
  if (responseType === 'text') return response.text();
  if (responseType === 'json' || responseType === 'auto') return response.text().then((text) => parsedBody(text, responseType, response));
  return otherBody(response, responseType);
}

function parsedBody(text: string, responseType: 'json' | 'auto', response: TransportResponse): unknown {
  if (text.trim() === '') return undefined;
  if (responseType === 'auto' && !isJsonContentType(response.header('content-type') ?? null)) return text;
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new InvalidJsonBodyError('Response body is not valid JSON', { cause: error });
  }
}

async function otherBody(response: TransportResponse, responseType: 'stream' | 'none' | 'bytes'): Promise<unknown> {
  if (responseType === 'stream') return response.stream();
  if (responseType === 'none') {
    response.discard();
    return undefined;
  }
  return new Uint8Array(await response.bytes());
}
