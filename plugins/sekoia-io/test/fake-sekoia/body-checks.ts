import type { Context } from 'hono';

/** What one field of a request body must be, as the API's published schema (the reference manifests) types it. */
export interface FieldRule {
  type: 'string' | 'integer' | 'number' | 'boolean' | 'object' | 'array';
  nullable?: boolean;
  enum?: readonly string[];
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  /** The type of each item of an array. */
  items?: 'string' | 'object';
}

export type Rules = Readonly<Record<string, FieldRule>>;

function typeOk(value: unknown, type: FieldRule['type'] | 'string' | 'object'): boolean {
  switch (type) {
    case 'integer':
      return Number.isInteger(value);
    case 'number':
      return typeof value === 'number';
    case 'object':
      return typeof value === 'object' && value !== null && !Array.isArray(value);
    case 'array':
      return Array.isArray(value);
    default:
      return typeof value === type;
  }
}

/**
 * The first problem of a JSON body against its rules, in the API's words (`title: Not a valid
 * string.`), or undefined. Unknown fields are refused, as the Sekoia.io API's schemas refuse them.
 */
export function bodyProblem(body: unknown, rules: Rules, required: readonly string[] = []): string | undefined {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return 'Invalid input type: a JSON object is expected.';
  const record = body as Record<string, unknown>;
  for (const name of required) if (record[name] === undefined) return `${name}: Missing data for required field.`;
  for (const [name, value] of Object.entries(record)) {
    const rule = rules[name];
    if (!rule) return `${name}: Unknown field.`;
    if (value === null) {
      if (!rule.nullable) return `${name}: Field may not be null.`;
      continue;
    }
    if (!typeOk(value, rule.type)) return `${name}: Not a valid ${rule.type}.`;
    if (rule.enum && !rule.enum.includes(String(value))) return `${name}: Must be one of: ${rule.enum.join(', ')}.`;
    if (typeof value === 'string' && ((rule.minLength !== undefined && value.length < rule.minLength) || (rule.maxLength !== undefined && value.length > rule.maxLength))) {
      return `${name}: Length must be between ${rule.minLength ?? 0} and ${rule.maxLength ?? 'any'}.`;
    }
    if (typeof value === 'number' && ((rule.minimum !== undefined && value < rule.minimum) || (rule.maximum !== undefined && value > rule.maximum))) {
      return `${name}: Must be greater than or equal to ${rule.minimum ?? '-inf'} and less than or equal to ${rule.maximum ?? 'inf'}.`;
    }
    if (rule.items && Array.isArray(value) && !value.every((item) => typeOk(item, rule.items!))) return `${name}: Each item must be a valid ${rule.items}.`;
  }
  return undefined;
}

/** The request's JSON body checked against `rules`: the body, or the 400 answer the API gives. */
export async function checkedBody(c: Context, rules: Rules, required: readonly string[] = []): Promise<{ body: Record<string, unknown> } | { refusal: Response }> {
  let body: unknown;
  try {
    // No body at all reads as an empty object, as the API's JSON parser takes it.
    const text = await c.req.text();
    body = text.trim() === '' ? {} : JSON.parse(text);
  } catch {
    return { refusal: c.json({ message: 'The request body is not valid JSON' }, 400) };
  }
  const problem = bodyProblem(body, rules, required);
  return problem ? { refusal: c.json({ message: problem }, 400) } : { body: body as Record<string, unknown> };
}
