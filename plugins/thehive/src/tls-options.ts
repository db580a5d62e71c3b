import type { HttpRequestOptions } from '@ply/core';

/** The kernel HTTP client's TLS options of one request. */
export type TlsOptions = NonNullable<HttpRequestOptions['tls']>;
