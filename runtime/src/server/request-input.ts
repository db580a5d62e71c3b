import { PlyError, toJsonPointer, type PlyIssue } from '@ply/core';
import type * as z from 'zod';
import type { Context, MiddlewareHandler } from 'hono';
import { MAX_JSON_DEPTH, nestsDeeperThan } from '../json-depth.js';

/** Largest request body the API reads (playbooks and action arguments are small). */
export const MAX_BODY_BYTES = 1024 * 1024;

/** UTF-8, a leading BOM dropped, as Request.text() decodes. One for all: `decode` without `stream` keeps no state, and making one per request showed in a webhook's profile. */
export const UTF8 = new TextDecoder();

/** The raw body as text (UTF-8, a leading BOM dropped, as Request.text() decodes), bounded as {@link bodyBytes}. */
export async function bodyText(c: Context, limit = MAX_BODY_BYTES): Promise<string> {
  return UTF8.decode(await bodyBytes(c, limit));
}

/**
 * Bounds every request body of an app that reads bodies its own way (the console's forms):
 * a declared Content-Length over `limit` is refused at once; otherwise the body is counted as the
 * route reads it, and the read fails with PLY_PAYLOAD_TOO_LARGE (413) past the limit. Nothing is
 * read here: a route that refuses the request first (no session) never reads it.
 */
export function limitBodies(limit = MAX_BODY_BYTES): MiddlewareHandler {
  return async (c, next) => {
    const body = c.req.raw.body;
    if (!body) return next();
    if (Number(c.req.header('content-length') ?? 0) > limit) throw tooLarge(limit);
    let size = 0;
    const counted = body.pipeThrough(
      new TransformStream<Uint8Array, Uint8Array>({
        transform(chunk, controller) {
          size += chunk.byteLength;
          if (size > limit) controller.error(tooLarge(limit));
          else controller.enqueue(chunk);
        },
      }),
    );
    c.req.raw = new Request(c.req.raw, { body: counted, duplex: 'half' } as RequestInit);
    return next();
  };
}

/**
 * The raw body bytes, refused past `limit`: a declared Content-Length over it before anything is
 * read, a chunked body as soon as the bytes read pass it. Signatures are checked over these bytes.
 */
export async function bodyBytes(c: Context, limit = MAX_BODY_BYTES): Promise<Buffer> {
  const declared = c.req.header('content-length');
  if (Number(declared ?? 0) > limit) throw tooLarge(limit);
  if (declared !== undefined && c.req.header('transfer-encoding') === undefined) {
    // A declared length within the limit: the HTTP server reads no byte past it, so the body is
    // read whole, straight from the socket (@hono/node-server's direct read). Going through
    // `Request.body` instead builds a web Request and stream per request: half of a webhook's CPU.
    const bytes = Buffer.from(await c.req.raw.arrayBuffer());
    if (bytes.byteLength > limit) throw tooLarge(limit);
    return bytes;
  }
  const body = c.req.raw.body;
  if (!body) return Buffer.alloc(0);
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      // Not cancelled: that would reset the connection before the client reads the 413; the
      // HTTP server discards the rest (bounded) once the answer is sent.
      if (size > limit) throw tooLarge(limit);
      chunks.push(value);
    }
  } finally {
    reader.releaseLock();
  }
  return Buffer.concat(chunks, size);
}

/** PLY_PAYLOAD_TOO_LARGE (413) for a body past `limit` bytes. */
export function tooLarge(limit: number): PlyError {
  return new PlyError('PLY_PAYLOAD_TOO_LARGE', `request body exceeds ${limit} bytes`, { details: { limit } });
}

/** Parses a JSON body (empty means `{}`), refusing what is not JSON with PLY_INVALID_INPUT. */
export async function jsonBody(c: Context): Promise<unknown> {
  const text = await bodyText(c);
  return parseJsonText(text, 'request body');
}

/**
 * Parses JSON from a request (empty means `{}`), refusing what is not JSON or nests deeper than
 * {@link MAX_JSON_DEPTH} levels with PLY_INVALID_INPUT.
 */
export function parseJsonText(text: string, what: string): unknown {
  if (text.trim() === '') return {};
  let value: unknown;
  try {
    value = JSON.parse(text) as unknown;
  } catch (error) {
    throw new PlyError('PLY_INVALID_INPUT', `${what} is not valid JSON: ${(error as Error).message}`);
  }
  if (nestsDeeperThan(value)) throw new PlyError('PLY_INVALID_INPUT', `${what} nests deeper than ${MAX_JSON_DEPTH} levels`, { details: { maxDepth: MAX_JSON_DEPTH } });
  return value;
}

/** A zod issue as one of ours: a JSON pointer and a message a person can act on. */
function issueOf(issue: z.core.$ZodIssue): PlyIssue[] {
  const pointer = toJsonPointer(issue.path as Array<string | number>);
  if (issue.code === 'unrecognized_keys') return issue.keys.map((key) => ({ pointer: `${pointer}/${key}`, message: 'unknown key' }));
  return [{ pointer: pointer || '/', message: issue.message }];
}

/**
 * Checks a JSON value against a request-body schema and returns it typed (defaults applied).
 *
 * @throws PlyError PLY_INVALID_INPUT listing every problem with a JSON pointer.
 */
export function parseInput<S extends z.ZodType>(value: unknown, schema: S, what = 'request body'): z.output<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.flatMap(issueOf);
  const listed = issues.slice(0, 5).map((issue) => `${issue.pointer} ${issue.message}`).join('; ');
  throw new PlyError('PLY_INVALID_INPUT', `invalid ${what}: ${listed}`, { details: { issues } });
}

/** A JSON body checked against a request-body schema (see {@link parseInput}). */
export async function parseBody<S extends z.ZodType>(c: Context, schema: S, what = 'request body'): Promise<z.output<S>> {
  return parseInput(await jsonBody(c), schema, what);
}

/** An optional integer query parameter within bounds. */
export function integerQuery(c: Context, name: string, min: number, max: number): number | undefined {
  const raw = c.req.query(name);
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new PlyError('PLY_INVALID_INPUT', `query parameter "${name}" must be an integer from ${min} to ${max} (got "${raw}")`);
  }
  return value;
}
