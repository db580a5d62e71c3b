import { JinjaError, JinjaForbiddenError, JinjaRuntimeError } from '../errors/jinja-error.js';
import type { CallSyntax, Expr } from '../parser/ast.js';
import { binaryOperation, unaryOperation } from '../values/arithmetic.js';
import { pyEquals } from '../values/equality.js';
import { isDict, pythonTypeName } from '../values/kinds.js';
import { PyDict, UnhashableKeyError } from '../values/py-dict.js';
import { PyObject } from '../values/py-object.js';
import { PySlice } from '../values/py-slice.js';
import { PyTuple } from '../values/py-tuple.js';
import { pyOrder } from '../values/ordering.js';
import { pyStr } from '../values/python-repr.js';
import { isTruthy } from '../values/truthiness.js';
import { JinjaUndefined, undefinedName } from '../values/undefined-value.js';
import { failUndefined } from '../values/undefined-use.js';
import { dictEntries } from '../methods/dict-methods.js';
import { MISSING } from '../values/py-dict.js';
import type { CallArguments } from './call-arguments.js';
import type { CompileContext } from './compile-context.js';
import { contains } from './containment.js';
import { isForbiddenName } from './forbidden-names.js';
import { iterateValue } from './iteration.js';
import { attributeReader, getItem, itemReader } from './lookup.js';
import type { RenderState } from './render-state.js';
import type { Scope } from './scope.js';

/** A compiled expression. */
export type Evaluate = (state: RenderState, scope: Scope) => unknown;

function forbiddenAt(name: string, node: Expr): never {
  throw new JinjaForbiddenError(`access to ${JSON.stringify(name)} is forbidden`, node.at);
}

/** Adds the node's position to an error raised while it was evaluated. */
function located(node: Expr, evaluate: Evaluate): Evaluate {
  return (state, scope) => {
    try {
      return evaluate(state, scope);
    } catch (error) {
      if (error instanceof JinjaError && error.position === undefined) error.locate(node.at);
      throw error;
    }
  };
}

/** Compiles an expression to a closure (no JavaScript is generated: the closures interpret the tree). */
export function compileExpression(node: Expr, context: CompileContext): Evaluate {
  switch (node.kind) {
    case 'const': {
      const value = node.value;
      return () => value;
    }
    case 'name': {
      const name = node.name;
      if (isForbiddenName(name)) forbiddenAt(name, node);
      return (_state, scope) => {
        const value = scope.lookup(name);
        return value === MISSING ? undefinedName(name) : value;
      };
    }
    case 'getattr': {
      if (isForbiddenName(node.name)) forbiddenAt(node.name, node);
      const target = compileExpression(node.target, context);
      const read = attributeReader(node.name);
      return located(node, (state, scope) => read(state, target(state, scope)));
    }
    case 'getitem': {
      if (node.key.kind === 'const' && typeof node.key.value === 'string' && isForbiddenName(node.key.value)) forbiddenAt(node.key.value, node);
      const target = compileExpression(node.target, context);
      const key = compileExpression(node.key, context);
      const read = node.key.kind === 'const' ? itemReader(node.key.value) : undefined;
      return located(node, (state, scope) => {
        const container = target(state, scope);
        const item = read !== undefined ? read(state, container) : getItem(state, container, key(state, scope));
        if (state.taint !== undefined && typeof item === 'string') state.taint.propagate(item, [container]);
        return item;
      });
    }
    case 'slice': {
      const parts = [node.start, node.stop, node.step].map((part) => (part === undefined ? undefined : compileExpression(part, context)));
      return (state, scope) => new PySlice(...(parts.map((part) => (part === undefined ? null : part(state, scope))) as [unknown, unknown, unknown]));
    }
    case 'list': {
      const items = node.items.map((item) => compileExpression(item, context));
      return (state, scope) => state.owned(items.map((item) => item(state, scope)));
    }
    case 'tuple': {
      const items = node.items.map((item) => compileExpression(item, context));
      return (state, scope) => PyTuple.of_(items.map((item) => item(state, scope)));
    }
    case 'dict': {
      const pairs = node.pairs.map(([key, value]) => [compileExpression(key, context), compileExpression(value, context)] as const);
      return located(node, (state, scope) => {
        const dict = new PyDict();
        for (const [key, value] of pairs) {
          try {
            dict.set(key(state, scope), value(state, scope));
          } catch (error) {
            if (error instanceof UnhashableKeyError) throw new JinjaRuntimeError(error.message);
            throw error;
          }
        }
        return dict;
      });
    }
    case 'binary': {
      const left = compileExpression(node.left, context);
      const right = compileExpression(node.right, context);
      const operator = node.operator;
      return located(node, (state, scope) => {
        const a = left(state, scope);
        const b = right(state, scope);
        const result = binaryOperation(operator, a, b, state);
        state.taint?.propagate(result, [a, b]);
        return result;
      });
    }
    case 'unary': {
      const operand = compileExpression(node.operand, context);
      const operator = node.operator;
      return located(node, (state, scope) => unaryOperation(operator, operand(state, scope)));
    }
    case 'not': {
      const operand = compileExpression(node.operand, context);
      return (state, scope) => !isTruthy(operand(state, scope));
    }
    case 'and': {
      const left = compileExpression(node.left, context);
      const right = compileExpression(node.right, context);
      return (state, scope) => {
        const value = left(state, scope);
        return isTruthy(value) ? right(state, scope) : value;
      };
    }
    case 'or': {
      const left = compileExpression(node.left, context);
      const right = compileExpression(node.right, context);
      return (state, scope) => {
        const value = left(state, scope);
        return isTruthy(value) ? value : right(state, scope);
      };
    }
    case 'concat': {
      const items = node.items.map((item) => compileExpression(item, context));
      return located(node, (state, scope) => {
        const values = items.map((item) => item(state, scope));
        const texts = values.map((value) => pyStr(value, state));
        state.checkSize(texts.reduce((total, text) => total + text.length, 0));
        const result = texts.join('');
        state.taint?.propagate(result, values);
        return result;
      });
    }
    case 'compare':
      return located(node, compileCompare(node, context));
    case 'condition': {
      const soft = { ...context, soft: true };
      const test = compileExpression(node.test, soft);
      const then = compileExpression(node.then, soft);
      const otherwise = node.otherwise === undefined ? undefined : compileExpression(node.otherwise, soft);
      const line = node.at.line;
      return (state, scope) => {
        if (isTruthy(test(state, scope))) return then(state, scope);
        if (otherwise !== undefined) return otherwise(state, scope);
        return new JinjaUndefined(`the inline if-expression on line ${line} evaluated to false and no else section was defined.`);
      };
    }
    case 'filter':
      return located(node, compileFilter(node, context));
    case 'test':
      return located(node, compileTest(node, context));
    case 'call': {
      const callee = compileExpression(node.callee, context);
      const args = compileCall(node.call, context);
      return located(node, (state, scope) => {
        const target = callee(state, scope);
        const call = args(state, scope);
        return callValue(state, target, call);
      });
    }
  }
}

/** Calls a value: only engine objects (macros, methods, globals, loop helpers) are callable. */
export function callValue(state: RenderState, target: unknown, call: CallArguments): unknown {
  state.tick();
  if (target instanceof PyObject && target.callable) return target.call(call, state);
  if (target instanceof JinjaUndefined) failUndefined(target);
  throw new JinjaRuntimeError(`'${pythonTypeName(target)}' object is not callable`);
}

/** Compiles call arguments, `*args` and `**kwargs` included. */
export function compileCall(syntax: CallSyntax, context: CompileContext): (state: RenderState, scope: Scope) => CallArguments {
  const args = syntax.args.map((arg) => compileExpression(arg, context));
  const kwargs = syntax.kwargs.map(([key, value]) => [key, compileExpression(value, context)] as const);
  const star = syntax.starArgs === undefined ? undefined : compileExpression(syntax.starArgs, context);
  const starStar = syntax.starKwargs === undefined ? undefined : compileExpression(syntax.starKwargs, context);
  if (kwargs.length === 0 && star === undefined && starStar === undefined) {
    return (state, scope) => ({ positional: args.map((arg) => arg(state, scope)), keywords: null });
  }
  return (state, scope) => {
    const positional = args.map((arg) => arg(state, scope));
    if (star !== undefined) positional.push(...iterateValue(state, star(state, scope)));
    const keywords = new Map<string, unknown>();
    for (const [key, value] of kwargs) keywords.set(key, value(state, scope));
    if (starStar !== undefined) {
      const mapping = starStar(state, scope);
      if (!isDict(mapping)) throw new JinjaRuntimeError(`argument after ** must be a mapping, not ${pythonTypeName(mapping)}`);
      for (const [key, value] of dictEntries(mapping)) {
        if (typeof key !== 'string') throw new JinjaRuntimeError('keywords must be strings');
        if (keywords.has(key)) throw new JinjaRuntimeError(`got multiple values for keyword argument '${key}'`);
        keywords.set(key, value);
      }
    }
    return { positional, keywords: keywords.size === 0 ? null : keywords };
  };
}

function compileCompare(node: Expr & { kind: 'compare' }, context: CompileContext): Evaluate {
  const first = compileExpression(node.first, context);
  const operations = node.operations.map((operation) => ({ operator: operation.operator, operand: compileExpression(operation.operand, context) }));
  return (state, scope) => {
    let left = first(state, scope);
    for (const { operator, operand } of operations) {
      const right = operand(state, scope);
      let ok: boolean;
      switch (operator) {
        case '==':
          ok = pyEquals(left, right);
          break;
        case '!=':
          ok = !pyEquals(left, right);
          break;
        case 'in':
          ok = contains(state, right, left);
          break;
        case 'notin':
          ok = !contains(state, right, left);
          break;
        default:
          ok = pyOrder(operator, left, right);
      }
      if (!ok) return false;
      left = right;
    }
    return true;
  };
}

function unknown(kind: 'filter' | 'test', name: string, node: Expr, context: CompileContext): Evaluate {
  const error = () => new JinjaForbiddenError(`unknown ${kind} "${name}": No ${kind} named '${name}'.`, node.at);
  if (!context.soft) throw error();
  return () => {
    throw error();
  };
}

function compileFilter(node: Expr & { kind: 'filter' }, context: CompileContext): Evaluate {
  const filter = context.vocabulary.filters.get(node.name);
  if (filter === undefined) return unknown('filter', node.name, node, context);
  if (node.target === undefined) throw new JinjaRuntimeError('a filter needs a value');
  const target = compileExpression(node.target, context);
  const args = compileCall(node.call, context);
  return (state, scope) => {
    const value = target(state, scope);
    const call = args(state, scope);
    state.tick();
    const result = filter(state, value, call);
    if (state.taint !== undefined) state.taint.propagate(result, [value, ...call.positional]);
    return result;
  };
}

/** Applies a filter node to a value computed elsewhere (`{% filter %}` blocks, `{% set x | f %}`). */
export function compileFilterChain(node: Expr, context: CompileContext): (state: RenderState, scope: Scope, value: unknown) => unknown {
  if (node.kind !== 'filter') throw new JinjaRuntimeError('expected a filter');
  const inner = node.target === undefined ? undefined : compileFilterChain(node.target, context);
  const filter = context.vocabulary.filters.get(node.name);
  if (filter === undefined) {
    const fail = unknown('filter', node.name, node, context);
    return (state, scope) => fail(state, scope);
  }
  const args = compileCall(node.call, context);
  return (state, scope, value) => {
    const input = inner === undefined ? value : inner(state, scope, value);
    const call = args(state, scope);
    state.tick();
    const result = filter(state, input, call);
    state.taint?.propagate(result, [input, ...call.positional]);
    return result;
  };
}

function compileTest(node: Expr & { kind: 'test' }, context: CompileContext): Evaluate {
  const test = context.vocabulary.tests.get(node.name);
  if (test === undefined) return unknown('test', node.name, node, context);
  const target = compileExpression(node.target, context);
  const args = compileCall(node.call, context);
  return (state, scope) => {
    const value = target(state, scope);
    const call = args(state, scope);
    state.tick();
    return test(state, value, call);
  };
}
