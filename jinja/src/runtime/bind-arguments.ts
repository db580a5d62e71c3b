import { JinjaRuntimeError } from '../errors/jinja-error.js';
import type { CallArguments } from './call-arguments.js';

/**
 * A parameter of a Python signature: `'name'` (required), `['name', default]`, `'*name'`
 * (extra positional values, as an array) or `'**name'` (extra keywords, as a Map).
 */
export type Param = string | readonly [string, unknown];

/**
 * Binds call arguments to a Python signature, with Python's TypeErrors for surplus, missing,
 * duplicate and unknown arguments.
 *
 * @returns the values in parameter order.
 */
export function bindArguments(callee: string, params: readonly Param[], call: CallArguments): unknown[] {
  // Fast path: positional arguments only, no *args/**kwargs in the signature.
  if (call.keywords === null && call.positional.length <= params.length) {
    const fast = simpleSignature(params);
    if (fast !== undefined) {
      const values = new Array<unknown>(params.length);
      for (let i = 0; i < params.length; i += 1) {
        if (i < call.positional.length) values[i] = call.positional[i];
        else if (fast[i] === REQUIRED) throw new JinjaRuntimeError(`${callee}() missing 1 required positional argument: '${params[i] as string}'`);
        else values[i] = fast[i];
      }
      return values;
    }
  }
  const values: unknown[] = new Array(params.length);
  const bound: boolean[] = new Array(params.length).fill(false);
  let varargs = -1;
  let varkw = -1;
  let positionalCount = 0;
  params.forEach((param, index) => {
    const name = typeof param === 'string' ? param : param[0];
    if (name.startsWith('**')) varkw = index;
    else if (name.startsWith('*')) varargs = index;
    else if (varargs === -1) positionalCount += 1;
  });
  const { positional } = call;
  for (let i = 0; i < positional.length; i += 1) {
    if (i < positionalCount) {
      values[i] = positional[i];
      bound[i] = true;
    } else if (varargs === -1) {
      throw new JinjaRuntimeError(`${callee}() takes ${positionalCount} positional argument${positionalCount === 1 ? '' : 's'} but ${positional.length} were given`);
    }
  }
  if (varargs !== -1) {
    values[varargs] = positional.slice(positionalCount);
    bound[varargs] = true;
  }
  const extra = new Map<string, unknown>();
  if (call.keywords !== null) {
    for (const [key, value] of call.keywords) {
      const index = params.findIndex((param) => (typeof param === 'string' ? param : param[0]) === key);
      if (index === -1 || index === varargs || index === varkw) {
        if (varkw === -1) throw new JinjaRuntimeError(`${callee}() got an unexpected keyword argument '${key}'`);
        extra.set(key, value);
        continue;
      }
      if (bound[index] === true) throw new JinjaRuntimeError(`${callee}() got multiple values for argument '${key}'`);
      values[index] = value;
      bound[index] = true;
    }
  }
  if (varkw !== -1) {
    values[varkw] = extra;
    bound[varkw] = true;
  }
  params.forEach((param, index) => {
    if (bound[index] === true) return;
    if (typeof param === 'string') throw new JinjaRuntimeError(`${callee}() missing 1 required positional argument: '${param}'`);
    values[index] = param[1];
  });
  return values;
}

const REQUIRED: unique symbol = Symbol('required');
const SIMPLE = new WeakMap<readonly Param[], readonly unknown[] | null>();

/** The defaults of a signature without *args and **kwargs (REQUIRED for required ones), cached. */
function simpleSignature(params: readonly Param[]): readonly unknown[] | undefined {
  let defaults = SIMPLE.get(params);
  if (defaults === undefined) {
    const starred = params.some((param) => (typeof param === 'string' ? param : param[0]).startsWith('*'));
    defaults = starred ? null : params.map((param) => (typeof param === 'string' ? REQUIRED : param[1]));
    SIMPLE.set(params, defaults);
  }
  return defaults ?? undefined;
}
