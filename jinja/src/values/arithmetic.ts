import { JinjaRuntimeError } from '../errors/jinja-error.js';
import type { SizeGuard } from './size-guard.js';
import { pythonTypeName } from './kinds.js';
import { makeFloat, normalizeInt, PyFloat } from './py-float.js';
import { PyTuple } from './py-tuple.js';
import { JinjaUndefined } from './undefined-value.js';
import { failUndefined } from './undefined-use.js';
import { percentFormat } from '../formatting/percent-format.js';

type Operator = '+' | '-' | '*' | '/' | '//' | '%' | '**';

/** A number operand: float (as a JS number) or int (as a bigint when needed). */
type Operand = { float: true; value: number } | { float: false; value: bigint | number };

function operand(value: unknown): Operand | undefined {
  switch (typeof value) {
    case 'number':
      return Number.isSafeInteger(value) ? { float: false, value } : { float: true, value };
    case 'bigint':
      return { float: false, value };
    case 'boolean':
      return { float: false, value: value ? 1 : 0 };
    default:
      return value instanceof PyFloat ? { float: true, value: value.value } : undefined;
  }
}

function unsupported(operator: Operator, a: unknown, b: unknown): never {
  if (a instanceof JinjaUndefined) failUndefined(a);
  if (b instanceof JinjaUndefined) failUndefined(b);
  const verb = operator === '**' ? '** or pow()' : operator;
  throw new JinjaRuntimeError(`unsupported operand type(s) for ${verb}: '${pythonTypeName(a)}' and '${pythonTypeName(b)}'`);
}

function intResult(value: bigint): number | bigint {
  return normalizeInt(value);
}

/** Python's binary operators over Jinja values. */
export function binaryOperation(operator: Operator, a: unknown, b: unknown, guard: SizeGuard): unknown {
  // The common case first: two safe ints.
  if (typeof a === 'number' && typeof b === 'number' && Number.isSafeInteger(a) && Number.isSafeInteger(b)) {
    if (operator === '+') {
      const sum = a + b;
      if (Number.isSafeInteger(sum)) return sum;
    } else if (operator === '-') {
      const difference = a - b;
      if (Number.isSafeInteger(difference)) return difference;
    }
  }
  const x = operand(a);
  const y = operand(b);
  if (x !== undefined && y !== undefined) return numeric(operator, x, y, a, b, guard);
  return sequenceOperation(operator, a, b, guard);
}

function sequenceOperation(operator: Operator, a: unknown, b: unknown, guard: SizeGuard): unknown {
  if (operator === '+') {
    if (typeof a === 'string' && typeof b === 'string') {
      guard.checkSize(a.length + b.length);
      return a + b;
    }
    if (Array.isArray(a) && Array.isArray(b) && a instanceof PyTuple === b instanceof PyTuple) {
      guard.checkSize(a.length + b.length);
      return a instanceof PyTuple ? PyTuple.of_([...a, ...b]) : guard.owned([...a, ...b]);
    }
  }
  if (operator === '*') {
    const repeated = typeof a === 'string' || Array.isArray(a) ? [a, b] : typeof b === 'string' || Array.isArray(b) ? [b, a] : undefined;
    if (repeated !== undefined) {
      const [sequence, times] = repeated as [string | unknown[], unknown];
      const count = operand(times);
      if (count !== undefined && !count.float) return repeat(sequence, Number(count.value), guard);
    }
  }
  if (operator === '%' && typeof a === 'string') return percentFormat(a, b, guard);
  return unsupported(operator, a, b);
}

function repeat(sequence: string | unknown[], times: number, guard: SizeGuard): unknown {
  const count = Math.max(0, times);
  // Checked before anything is allocated: 'x' * 10**9 fails at once.
  guard.checkSize(sequence.length * count);
  guard.charge(sequence.length * count);
  if (typeof sequence === 'string') return sequence.repeat(count);
  const items: unknown[] = [];
  for (let i = 0; i < count; i += 1) items.push(...sequence);
  return sequence instanceof PyTuple ? PyTuple.of_(items) : guard.owned(items);
}

function numeric(operator: Operator, x: Operand, y: Operand, a: unknown, b: unknown, guard: SizeGuard): unknown {
  if (x.float || y.float || operator === '/') return floatOperation(operator, Number(x.value), Number(y.value), a, b, x.float || y.float);
  const i = BigInt(x.value);
  const j = BigInt(y.value);
  switch (operator) {
    case '+':
      return intResult(i + j);
    case '-':
      return intResult(i - j);
    case '*':
      return intResult(i * j);
    case '//':
      if (j === 0n) throw new JinjaRuntimeError('integer division or modulo by zero', 'ZeroDivisionError');
      return intResult(floorDivide(i, j));
    case '%':
      if (j === 0n) throw new JinjaRuntimeError('integer division or modulo by zero', 'ZeroDivisionError');
      return intResult(i - floorDivide(i, j) * j);
    case '**':
      if (j < 0n) {
        if (i === 0n) throw new JinjaRuntimeError('0.0 cannot be raised to a negative power', 'ZeroDivisionError');
        return makeFloat(Number(i) ** Number(j));
      }
      if (i !== 0n && i !== 1n && i !== -1n) {
        // Digits of the result, checked before BigInt computes it: 10 ** 10**9 fails at once.
        const digits = Number(j) * Math.log10(Math.abs(Number(i)));
        guard.checkSize(digits);
        guard.charge(digits);
      }
      return intResult(i ** j);
    default:
      return unsupported(operator, a, b);
  }
}

function floorDivide(i: bigint, j: bigint): bigint {
  const quotient = i / j;
  return (i % j !== 0n && (i < 0n) !== (j < 0n)) ? quotient - 1n : quotient;
}

function floatOperation(operator: Operator, x: number, y: number, a: unknown, b: unknown, anyFloat: boolean): unknown {
  switch (operator) {
    case '+':
      return makeFloat(x + y);
    case '-':
      return makeFloat(x - y);
    case '*':
      return makeFloat(x * y);
    case '/':
      if (y === 0) throw new JinjaRuntimeError(anyFloat ? 'float division by zero' : 'division by zero', 'ZeroDivisionError');
      return makeFloat(trueDivide(a, b, x, y));
    case '//':
      if (y === 0) throw new JinjaRuntimeError('float floor division by zero', 'ZeroDivisionError');
      return makeFloat(Math.floor(x / y));
    case '%': {
      if (y === 0) throw new JinjaRuntimeError('float modulo', 'ZeroDivisionError');
      const remainder = x % y;
      return makeFloat(remainder !== 0 && (remainder < 0) !== (y < 0) ? remainder + y : remainder === 0 ? (y < 0 ? -0 : 0) : remainder);
    }
    case '**':
      if (x === 0 && y < 0) throw new JinjaRuntimeError('0.0 cannot be raised to a negative power', 'ZeroDivisionError');
      if (x < 0 && !Number.isInteger(y)) throw new JinjaRuntimeError('complex results are not supported', 'ValueError');
      return makeFloat(x ** y);
    default:
      return unsupported(operator, a, b);
  }
}

/** int / int is exact in Python even past 2^53 (it rounds the true quotient once). */
function trueDivide(a: unknown, b: unknown, x: number, y: number): number {
  if (typeof a === 'bigint' || typeof b === 'bigint') {
    const i = typeof a === 'bigint' ? a : BigInt(Math.trunc(x));
    const j = typeof b === 'bigint' ? b : BigInt(Math.trunc(y));
    if (i % j === 0n) return Number(i / j);
  }
  return x / y;
}

/** Unary minus and plus. */
export function unaryOperation(operator: '-' | '+', value: unknown): unknown {
  const x = operand(value);
  if (x === undefined) {
    if (value instanceof JinjaUndefined) failUndefined(value);
    throw new JinjaRuntimeError(`bad operand type for unary ${operator}: '${pythonTypeName(value)}'`);
  }
  if (operator === '+') return x.float ? makeFloat(Number(x.value)) : x.value;
  if (x.float) return makeFloat(-Number(x.value));
  return typeof x.value === 'bigint' ? intResult(-x.value) : x.value === 0 ? 0 : -x.value;
}
