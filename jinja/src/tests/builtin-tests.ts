import { JinjaRuntimeError } from '../errors/jinja-error.js';
import { bindArguments } from '../runtime/bind-arguments.js';
import type { CallArguments } from '../runtime/call-arguments.js';
import { contains } from '../runtime/containment.js';
import type { RenderState } from '../runtime/render-state.js';
import type { TestFunction } from '../runtime/vocabulary.js';
import { binaryOperation } from '../values/arithmetic.js';
import { DictView } from '../values/dict-view.js';
import { pyEquals } from '../values/equality.js';
import { isDict, isFloat, isInt, pythonTypeName } from '../values/kinds.js';
import { PyIterator } from '../values/py-iterator.js';
import { PyObject } from '../values/py-object.js';
import { PyRange } from '../values/py-range.js';
import { pyOrder } from '../values/ordering.js';
import { isTruthy } from '../values/truthiness.js';
import { isUndefined } from '../values/undefined-value.js';
import { failUndefined } from '../values/undefined-use.js';
import { isCased } from '../methods/python-text.js';

function test(name: string, params: readonly (string | readonly [string, unknown])[], body: (state: RenderState, value: unknown, ...args: unknown[]) => boolean): TestFunction {
  return (state, value, call: CallArguments) => body(state, value, ...bindArguments(name, params, call));
}

function modulo(state: RenderState, value: unknown, divisor: unknown): unknown {
  if (isUndefined(value)) failUndefined(value);
  return binaryOperation('%', value, divisor, state);
}

const compare = (operator: '<' | '<=' | '>' | '>='): TestFunction => test(operator, ['other'], (_state, value, other) => pyOrder(operator, value, other));
const equal: TestFunction = test('eq', ['other'], (_state, value, other) => pyEquals(value, other));
const notEqual: TestFunction = test('ne', ['other'], (_state, value, other) => !pyEquals(value, other));

/** Jinja2's built-in tests (tests.py). */
export const BUILTIN_TESTS: Record<string, TestFunction> = {
  odd: test('test_odd', [], (state, value) => pyEquals(modulo(state, value, 2), 1)),
  even: test('test_even', [], (state, value) => pyEquals(modulo(state, value, 2), 0)),
  divisibleby: test('test_divisibleby', ['num'], (state, value, num) => pyEquals(modulo(state, value, num), 0)),
  defined: test('test_defined', [], (_state, value) => !isUndefined(value)),
  undefined: test('test_undefined', [], (_state, value) => isUndefined(value)),
  filter: test('test_filter', [], (state, value) => typeof value === 'string' && state.vocabulary.filters.has(value)),
  test: test('test_test', [], (state, value) => typeof value === 'string' && state.vocabulary.tests.has(value)),
  none: test('test_none', [], (_state, value) => value === null),
  boolean: test('test_boolean', [], (_state, value) => typeof value === 'boolean'),
  false: test('test_false', [], (_state, value) => value === false),
  true: test('test_true', [], (_state, value) => value === true),
  integer: test('test_integer', [], (_state, value) => isInt(value)),
  float: test('test_float', [], (_state, value) => isFloat(value)),
  lower: test('test_lower', [], (_state, value) => {
    const text = typeof value === 'string' ? value : String(value);
    return Array.from(text).some(isCased) && text === text.toLowerCase();
  }),
  upper: test('test_upper', [], (_state, value) => {
    const text = typeof value === 'string' ? value : String(value);
    return Array.from(text).some(isCased) && text === text.toUpperCase();
  }),
  string: test('test_string', [], (_state, value) => typeof value === 'string'),
  mapping: test('test_mapping', [], (_state, value) => isDict(value)),
  number: test('test_number', [], (_state, value) => typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean' || isFloat(value)),
  sequence: test('test_sequence', [], (_state, value) => typeof value === 'string' || Array.isArray(value) || isDict(value) || value instanceof PyRange || value instanceof DictView),
  iterable: test('test_iterable', [], (_state, value) => typeof value === 'string' || Array.isArray(value) || isDict(value) || value instanceof PyRange || value instanceof DictView || value instanceof PyIterator || isUndefined(value)),
  callable: test('callable', [], (_state, value) => value instanceof PyObject && value.callable),
  sameas: test('test_sameas', ['other'], (_state, value, other) => value === other || (value === null && other === null)),
  escaped: test('test_escaped', [], () => false),
  in: test('test_in', ['seq'], (state, value, seq) => contains(state, seq, value)),
  '==': equal,
  eq: equal,
  equalto: equal,
  '!=': notEqual,
  ne: notEqual,
  '>': compare('>'),
  gt: compare('>'),
  greaterthan: compare('>'),
  ge: compare('>='),
  '>=': compare('>='),
  '<': compare('<'),
  lt: compare('<'),
  lessthan: compare('<'),
  '<=': compare('<='),
  le: compare('<='),
};

export { isTruthy, pythonTypeName, JinjaRuntimeError };
