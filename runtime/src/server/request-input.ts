import { PlyError, type PlyIssue } from '@ply/core';
import type { Context } from 'hono';

/** Largest request body the API reads (playbooks and action arguments are small). */
export const MAX_BODY_BYTES = 1024 * 1024;

/** The JSON type of a body field. */
export type FieldType = 'string' | 'number' | 'integer' | 'boolean' | 'object' | 'array';

/** One field of a JSON body; also describes it in the OpenAPI document. */
export interface FieldSpec {
  type: FieldType;
  required?: boolean;
  description: string;
  /** For strings: the allowed values. */
  enum?: readonly string[];
  /** For objects: values may also be null (secrets set to null are removed). */
  nullable?: boolean;
}

/** The fields of a JSON object body: unknown keys are refused, so typos are reported. */
export type BodySpec = Record<string, FieldSpec>;

/** The raw body as text, refused past {@link MAX_BODY_BYTES}. */
export async function bodyText(c: Context, limit = MAX_BODY_BYTES): Promise<string> {
  const declared = Number(c.req.header('content-length') ?? 0);
  if (declared > limit) throw tooLarge(limit);
  const text = await c.req.text();
  if (Buffer.byteLength(text) > limit) throw tooLarge(limit);
  return text;
}

function tooLarge(limit: number): PlyError {
  return new PlyError('PLY_PAYLOAD_TOO_LARGE', `request body exceeds ${limit} bytes`, { details: { limit } });
}

/** Parses a JSON body (empty means `{}`), refusing what is not JSON with PLY_INVALID_INPUT. */
export async function jsonBody(c: Context): Promise<unknown> {
  const text = await bodyText(c);
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new PlyError('PLY_INVALID_INPUT', `request body is not valid JSON: ${(error as Error).message}`);
  }
}

function typeMatches(value: unknown, spec: FieldSpec): boolean {
  if (value === null) return spec.nullable === true;
  switch (spec.type) {
    case 'array':
      return Array.isArray(value);
    case 'object':
      return typeof value === 'object' && !Array.isArray(value);
    case 'integer':
      return Number.isInteger(value);
    case 'string':
      return typeof value === 'string' && (!spec.enum || spec.enum.includes(value));
    default:
      return typeof value === spec.type;
  }
}

/**
 * Checks a JSON object against a {@link BodySpec}.
 *
 * @throws PlyError PLY_INVALID_INPUT listing every problem with a JSON pointer.
 */
export function checkedObject(value: unknown, spec: BodySpec, what = 'request body'): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new PlyError('PLY_INVALID_INPUT', `${what} must be a JSON object`, { details: { issues: [{ pointer: '/', message: 'must be an object' }] } });
  }
  const record = value as Record<string, unknown>;
  const issues: PlyIssue[] = [];
  for (const key of Object.keys(record)) {
    if (!(key in spec)) issues.push({ pointer: `/${key}`, message: `unknown key (known: ${Object.keys(spec).join(', ')})` });
  }
  for (const [key, field] of Object.entries(spec)) {
    const present = record[key] !== undefined;
    if (!present && field.required) issues.push({ pointer: `/${key}`, message: 'is required' });
    else if (present && !typeMatches(record[key], field)) {
      issues.push({ pointer: `/${key}`, message: field.enum ? `must be one of ${field.enum.join(', ')}` : `must be ${field.type === 'integer' ? 'an integer' : `a${field.type === 'object' || field.type === 'array' ? 'n' : ''} ${field.type}`}` });
    }
  }
  if (issues.length > 0) {
    const listed = issues.slice(0, 5).map((issue) => `${issue.pointer} ${issue.message}`).join('; ');
    throw new PlyError('PLY_INVALID_INPUT', `invalid ${what}: ${listed}`, { details: { issues } });
  }
  return record;
}

/** A JSON object body checked against a {@link BodySpec}. */
export async function checkedBody(c: Context, spec: BodySpec, what = 'request body'): Promise<Record<string, unknown>> {
  return checkedObject(await jsonBody(c), spec, what);
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
