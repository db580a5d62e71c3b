import { readFileSync } from 'node:fs';
import { isJinjaError, PyFloat, toPlainJson, type Environment, type JinjaError } from '../src/index.js';
import { floatRepr } from '../src/values/float-repr.js';
import { isPlainObject } from '../src/values/kinds.js';
import { normalizeInt } from '../src/values/py-float.js';

/** What Jinja2 produced for a case (see scripts/generate-expectations.py). */
export interface Expected {
  text?: string;
  error?: string;
  message?: string;
  typed?: unknown;
  typed_error?: string;
}

export interface DifferentialCase {
  name: string;
  template: string;
  data: unknown;
  expected: Expected;
}

/** Reads the committed expectations. */
export function loadCases(): DifferentialCase[] {
  const file = new URL('./differential/expectations.json', import.meta.url);
  return (JSON.parse(readFileSync(file, 'utf8')) as { cases: DifferentialCase[] }).cases;
}

/** Tagged JSON ({"$float"}, {"$int"}) to engine values: floats stay floats, big ints keep their digits. */
export function decodeTagged(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(decodeTagged);
  if (isPlainObject(value)) {
    if (typeof value['$float'] === 'string') {
      const text = value['$float'];
      const number = text === 'inf' ? Infinity : text === '-inf' ? -Infinity : Number(text);
      return Number.isSafeInteger(number) ? new PyFloat(number) : number;
    }
    if (typeof value['$int'] === 'string') return normalizeInt(BigInt(value['$int']));
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value)) out[key] = decodeTagged(value[key]);
    return out;
  }
  return value;
}

/** Engine values to the same tagged JSON, so typed values compare with their int/float kind. */
export function encodeTagged(value: unknown): unknown {
  if (typeof value === 'bigint') return { $int: value.toString() };
  if (typeof value === 'number') return Number.isSafeInteger(value) ? value : { $float: floatRepr(value) };
  if (value instanceof PyFloat) return { $float: floatRepr(value.value) };
  if (Array.isArray(value)) return value.map(encodeTagged);
  if (isPlainObject(value)) {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value)) out[key] = encodeTagged(value[key]);
    return out;
  }
  return value;
}

/** The kind Jinja2's error maps to, as the generator classifies Python exceptions. */
export function errorKind(error: JinjaError): string {
  switch (error.code) {
    case 'JINJA_SYNTAX':
      return 'syntax';
    case 'JINJA_UNDEFINED':
      return 'undefined';
    case 'JINJA_FORBIDDEN':
      return error.problem.startsWith('unknown filter') || error.problem.startsWith('unknown test') ? 'unknown-name' : 'security';
    case 'JINJA_LIMIT':
      return 'limit';
    default:
      return 'runtime';
  }
}

function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) =>
    isPlainObject(item) ? Object.fromEntries(Object.keys(item).sort().map((key) => [key, item[key]])) : item,
  );
}

/** Renders a case with Ply and says how it differs from Jinja2 (undefined when it does not). */
export function differenceOf(environment: Environment, testCase: DifferentialCase): string | undefined {
  const { expected } = testCase;
  const data = decodeTagged(testCase.data) as Record<string, unknown>;
  let text: string | undefined;
  let failure: JinjaError | undefined;
  let template;
  try {
    template = environment.compile(testCase.template);
    text = template.render(data);
  } catch (error) {
    if (!isJinjaError(error)) throw error;
    failure = error;
  }
  if (expected.error !== undefined) {
    if (failure === undefined) return `Jinja2 raised ${expected.message ?? expected.error}; Ply rendered ${JSON.stringify(text)}`;
    if (errorKind(failure) !== expected.error) return `Jinja2 raised ${expected.message ?? expected.error}; Ply raised ${failure.code}: ${failure.message}`;
    return undefined;
  }
  if (failure !== undefined) return `Jinja2 rendered ${JSON.stringify(expected.text)}; Ply raised ${failure.code}: ${failure.message}`;
  if (text !== expected.text) return `text: Jinja2 ${JSON.stringify(expected.text)}, Ply ${JSON.stringify(text)}`;
  if (template !== undefined && ('typed' in expected || expected.typed_error !== undefined) !== template.isSingleExpression) {
    return `single expression: Jinja2 ${'typed' in expected}, Ply ${template.isSingleExpression}`;
  }
  if ('typed' in expected && template !== undefined) {
    const value = encodeTagged(toPlainJson(template.evaluate(data), true));
    if (canonical(value) !== canonical(expected.typed)) return `typed: Jinja2 ${canonical(expected.typed)}, Ply ${canonical(value)}`;
  }
  return undefined;
}

export { normalizeInt };
