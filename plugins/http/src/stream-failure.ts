import { PlyError, isPlyError } from '@ply/core';

/** A body that failed while read, as the kernel reports request failures: a timeout, or a network error. */
export function streamFailure(error: unknown, what: string): PlyError {
  if (isPlyError(error)) return error;
  const code = (error as { code?: unknown }).code;
  if (code === 'PLY_TRANSPORT_TIMEOUT') return new PlyError('PLY_HTTP_TIMEOUT', `${what}: the body did not arrive in time`, { cause: error });
  if ((error as { name?: unknown }).name === 'AbortError') return new PlyError('PLY_ACTION_CANCELLED', `${what}: cancelled while reading the body`, { cause: error });
  return new PlyError('PLY_NETWORK_ERROR', `${what}: the connection failed while reading the body${typeof code === 'string' ? ` (${code})` : ''}`, { cause: error, details: { code } });
}
