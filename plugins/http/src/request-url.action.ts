import type { Readable } from 'node:stream';
import { PlyError, Redactor, type HttpRequestOptions, type HttpResponse } from '@ply/core';
import { z } from 'zod';
import { digestAuthorization, digestChallenge } from './digest-auth.js';
import { http } from './module.js';
import { headersOf, httpUrl, queryOf, withRawQuery } from './request-arguments.js';
import { MAX_BODY_BYTES, decodeBody, encodingOf, readBounded } from './response-reader.js';
import { streamFailure } from './stream-failure.js';

const METHODS = ['get', 'post', 'put', 'patch', 'head', 'delete'] as const;

/** The reference's retries (tenacity, 5 attempts, exponential wait up to 10 s); the kernel repeats only what is safe to. */
const RETRY = { retries: 4, maxDelayMs: 10_000 };

/** Response headers as one object, repeated headers joined with ", " (as requests gives them). */
function headerRecord(headers: Headers): Record<string, string> {
  const out: Record<string, string> = {};
  headers.forEach((value, name) => {
    out[name] = value;
  });
  return out;
}

/** Every string inside `value` with the secrets' forms replaced; keys kept (a token endpoint's `access_token` is the data asked for). */
function withoutSecrets<T>(value: T, redactor: Redactor): T {
  if (typeof value === 'string') return redactor.redactString(value) as T;
  if (Array.isArray(value)) return value.map((item: unknown) => withoutSecrets(item, redactor)) as T;
  if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, withoutSecrets(item, redactor)])) as T;
  return value;
}

function safeUrl(url: string): string {
  const target = new URL(url);
  return `${target.origin}${target.pathname}`;
}

export const requestUrlAction = http.action({
  uuid: '40bcf3c0-aa8b-4111-9b4e-f3caffccb4e5',
  slug: 'request_url',
  docker_parameters: 'request',
  name: 'Request URL',
  description: 'Requests a resource at a specified URL and returns the response as Raw or JSON',
  arguments: z
    .object({
      url: z.url({ protocol: /^https?$/ }).describe('Target URL of the HTTP request'),
      headers: z.record(z.string(), z.unknown()).optional().describe('Headers to use when sending the requests. e.g. {"Content-Type": "application/json"}'),
      auth_type: z.enum(['None', 'Basic', 'Digest', 'Bearer']).default('None').describe('Type of authorization, if applicable'),
      auth_token: z.string().optional().meta({ secret: true }).describe('Token for Bearer authentication'),
      auth_username: z.string().optional().describe('Username for Basic and Digest authentications'),
      auth_password: z.string().optional().meta({ secret: true }).describe('Password for Basic and Digest authentications'),
      method: z.enum(METHODS).describe('Method of the HTTP request'),
      data: z.string().optional().describe('The body to attach to the request'),
      json: z.unknown().optional().describe('The JSON to attach as body of the request'),
      params: z.union([z.record(z.string(), z.unknown()), z.string()]).optional().describe('Query string parameters to append to the URL'),
      fail_on_http_error: z.boolean().default(true).describe('Fail when the HTTP query returns in error. Default to true.'),
      verify_ssl: z.boolean().default(true).describe('Wether the SSL certificate must be verified. Default to true.'),
    })
    .meta({ title: 'Arguments' }),
  results: z
    .object({
      reason: z.string().optional().describe("Textual reason of responded HTTP Status, e.g. 'Not Found' or 'OK'."),
      status_code: z.number().int().describe('Integer code of responded HTTP Status'),
      url: z.string().describe('Final URL of the triggered resource'),
      headers: z.record(z.string(), z.string()).optional().describe('Headers used by the server in the response'),
      encoding: z.string().nullable().optional().describe('Encoding of the response'),
      elapsed: z.number().optional().describe('The amount of seconds elapsed between sending the request and the arrival of the response'),
      text: z.string().optional().describe('Content of the response in unicode'),
      json: z.unknown().optional().describe('JSON-encoded value of the response'),
    })
    .meta({ title: 'Results' }),
  async run(ctx, args) {
    const method = args.method.toUpperCase() as NonNullable<HttpRequestOptions['method']>;
    if (args.data !== undefined && args.json !== undefined) throw new PlyError('PLY_INVALID_INPUT', 'give data or json, not both');
    if ((args.data !== undefined || args.json !== undefined) && (method === 'GET' || method === 'HEAD')) throw new PlyError('PLY_INVALID_INPUT', `a ${method} request cannot have a body (data or json)`);
    const headers = headersOf(args.headers);
    if (args.auth_type === 'Bearer') {
      if (!args.auth_token) throw new PlyError('PLY_INVALID_INPUT', 'Token should not be empty for Bearer auth type');
      headers['authorization'] = `Bearer ${args.auth_token}`;
    } else if (args.auth_type === 'Basic' || args.auth_type === 'Digest') {
      if (!args.auth_username || !args.auth_password) throw new PlyError('PLY_INVALID_INPUT', `Username/Password should not be empty for ${args.auth_type} auth type`);
      if (args.auth_type === 'Basic') headers['authorization'] = `Basic ${Buffer.from(`${args.auth_username}:${args.auth_password}`).toString('base64')}`;
    }
    const { query, raw } = queryOf(args.params);
    const url = withRawQuery(httpUrl(args.url), raw);
    const body = args.json !== undefined ? undefined : args.data;
    const options: HttpRequestOptions = {
      method,
      headers,
      ...(query ? { query } : {}),
      ...(args.json !== undefined ? { json: args.json } : {}),
      ...(body !== undefined ? { body } : {}),
      retry: RETRY,
      throwOnHttpError: false,
      responseType: 'stream',
      ...(args.verify_ssl ? {} : { tls: { verify: false } }),
    };
    if (!args.verify_ssl) ctx.log.warn('TLS certificate verification is off for this request', { url: safeUrl(args.url) });
    ctx.log.info('Request URL module started', { method, url: safeUrl(args.url) });

    const started = performance.now();
    let response: HttpResponse<Readable> = await ctx.http.request<Readable>(url, options);
    if (response.status === 401 && args.auth_type === 'Digest') {
      const challenge = digestChallenge(response.headers.get('www-authenticate') ?? undefined);
      response.body.destroy();
      if (!challenge) throw new PlyError('PLY_VENDOR_HTTP_ERROR', `${method} ${safeUrl(args.url)} answered HTTP 401 without a Digest challenge this client supports (MD5, SHA-256, SHA-512-256)`, { details: { status: 401 } });
      const target = new URL(response.url);
      const json = args.json !== undefined ? JSON.stringify(args.json) : undefined;
      const authorization = digestAuthorization(challenge, { method, uri: `${target.pathname}${target.search}`, username: args.auth_username!, password: args.auth_password!, ...(json ?? body ? { body: (json ?? body)! } : {}) });
      response = await ctx.http.request<Readable>(url, { ...options, headers: { ...headers, authorization } });
    }
    const what = `${method} ${safeUrl(args.url)}`;
    const bytes = method === 'HEAD' ? Buffer.alloc(0) : await readBounded(response.body, MAX_BODY_BYTES, what).catch((error: unknown) => Promise.reject(streamFailure(error, what)));
    if (method === 'HEAD') response.body.destroy();
    const elapsed = (performance.now() - started) / 1000;

    if (args.fail_on_http_error && (response.status < 200 || response.status >= 400)) {
      // Only the status: a body may quote what was sent, credentials included.
      throw new PlyError('PLY_VENDOR_HTTP_ERROR', `HTTP Request failed: ${safeUrl(response.url)} with ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`, {
        details: { status: response.status, method, url: safeUrl(response.url), attempts: response.attempts },
      });
    }
    const contentType = response.headers.get('content-type');
    const encoding = encodingOf(contentType);
    const text = decodeBody(bytes, encoding);
    let json: unknown = null;
    if ((contentType ?? '').toLowerCase().includes('application/json') && response.status !== 204 && bytes.length > 0) {
      try {
        json = JSON.parse(text);
      } catch {
        ctx.log.warn('the response says JSON but its body does not parse: json is null', { url: safeUrl(response.url) });
      }
    }
    // A server quoting the credentials back (raw, URL-encoded, base64) must not put them in the run's record.
    const redactor = new Redactor(new Set([args.auth_token, args.auth_password, headers['authorization']].filter((value): value is string => typeof value === 'string')));
    return withoutSecrets({
      reason: response.statusText,
      status_code: response.status,
      url: response.url,
      headers: headerRecord(response.headers),
      encoding,
      elapsed,
      text,
      json,
    }, redactor);
  },
});
