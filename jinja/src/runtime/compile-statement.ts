import { JinjaError } from '../errors/jinja-error.js';
import type { Expr, MacroSignature, Stmt } from '../parser/ast.js';
import { pyStr } from '../values/python-repr.js';
import { isTruthy } from '../values/truthiness.js';
import { namesReadIn } from './ast-names.js';
import { assignTarget } from './assign-target.js';
import type { CompileContext } from './compile-context.js';
import { callValue, compileCall, compileExpression, compileFilterChain, type Evaluate } from './compile-expression.js';
import { iterateValue } from './iteration.js';
import { LoopContext } from './loop-context.js';
import { Macro, type Execute, type MacroDefinition } from './macro.js';
import { OutputSink } from './output-sink.js';
import type { RenderState } from './render-state.js';
import type { Scope } from './scope.js';

/** Compiles a statement list. */
export function compileBody(body: readonly Stmt[], context: CompileContext): Execute {
  const statements = body.map((statement) => compileStatement(statement, context));
  return (state, scope, out) => {
    let i = 0;
    try {
      for (; i < statements.length; i += 1) (statements[i] as Execute)(state, scope, out);
    } catch (error) {
      // Errors that no expression located get the position of their statement.
      if (error instanceof JinjaError && error.position === undefined) error.locate((body[i] as Stmt).at);
      throw error;
    }
  };
}

/** Writes a value the way `{{ value }}` prints it, noting the text when the value is marked. */
export function writeValue(state: RenderState, out: OutputSink, value: unknown): void {
  const text = typeof value === 'string' ? value : pyStr(value, state);
  out.write(text);
  if (state.taint?.isMarked(value) === true) state.taint.wrote(text);
}

function capture(state: RenderState, scope: Scope, body: Execute): string {
  const out = new OutputSink(state.limits.maxValueSize, 'value-size');
  body(state, scope, out);
  return out.text();
}

function compileStatement(node: Stmt, context: CompileContext): Execute {
  switch (node.kind) {
    case 'output': {
      const parts = node.nodes.map((part) => (typeof part === 'string' ? part : compileExpression(part, context)));
      return (state, scope, out) => {
        for (const part of parts) {
          state.tick();
          if (typeof part === 'string') out.write(part);
          else writeValue(state, out, part(state, scope));
        }
      };
    }
    case 'if': {
      const soft = { ...context, soft: true };
      const branches = node.branches.map((branch) => ({ test: compileExpression(branch.test, soft), body: compileBody(branch.body, soft) }));
      const otherwise = compileBody(node.otherwise, soft);
      return (state, scope, out) => {
        state.tick();
        for (const branch of branches) {
          if (isTruthy(branch.test(state, scope))) return branch.body(state, scope, out);
        }
        otherwise(state, scope, out);
      };
    }
    case 'for':
      return compileFor(node, context);
    case 'set': {
      const value = compileExpression(node.value, context);
      const target = node.target;
      return (state, scope) => {
        state.tick();
        assignTarget(state, scope, target, value(state, scope));
      };
    }
    case 'setblock': {
      const body = compileBody(node.body, context);
      const filter = node.filter === undefined ? undefined : compileFilterChain(node.filter, context);
      const target = node.target;
      return (state, scope) => {
        state.tick();
        const text = capture(state, scope.child(), body);
        assignTarget(state, scope, target, filter === undefined ? text : filter(state, scope, text));
      };
    }
    case 'with': {
      const values = node.values.map((value) => compileExpression(value, context));
      const body = compileBody(node.body, context);
      const targets = node.targets;
      return (state, scope, out) => {
        state.tick();
        const inner = scope.child();
        const computed = values.map((value) => value(state, scope));
        targets.forEach((target, index) => assignTarget(state, inner, target, computed[index]));
        body(state, inner, out);
      };
    }
    case 'macro': {
      const definition = macroDefinition(node.name, node.signature, node.body, context);
      const name = node.name;
      return (state, scope) => {
        state.tick();
        scope.set(name, new Macro(definition, scope));
      };
    }
    case 'callblock': {
      const definition = macroDefinition('caller', node.signature, node.body, context);
      const callee = compileExpression(node.call.callee, context);
      const args = compileCall(node.call.call, context);
      return (state, scope, out) => {
        state.tick();
        const call = args(state, scope);
        const keywords = new Map(call.keywords ?? []);
        keywords.set('caller', new Macro(definition, scope));
        writeValue(state, out, callValue(state, callee(state, scope), { positional: call.positional, keywords }));
      };
    }
    case 'filterblock': {
      const body = compileBody(node.body, context);
      const filter = compileFilterChain(node.filter, context);
      return (state, scope, out) => {
        state.tick();
        const text = capture(state, scope.child(), body);
        writeValue(state, out, filter(state, scope, text));
      };
    }
    case 'scope': {
      const body = compileBody(node.body, context);
      return (state, scope, out) => body(state, scope.child(), out);
    }
  }
}

function macroDefinition(name: string, signature: MacroSignature, body: Stmt[], context: CompileContext): MacroDefinition {
  const names = namesReadIn(body);
  return {
    name,
    params: signature.params,
    defaults: signature.defaults.map((expr: Expr) => compileExpression(expr, context)),
    body: compileBody(body, context),
    usesVarargs: names.has('varargs'),
    usesKwargs: names.has('kwargs'),
    usesCaller: names.has('caller'),
  };
}

function compileFor(node: Stmt & { kind: 'for' }, context: CompileContext): Execute {
  const iterable = compileExpression(node.iterable, context);
  const filter: Evaluate | undefined = node.filter === undefined ? undefined : compileExpression(node.filter, context);
  const body = compileBody(node.body, context);
  const otherwise = compileBody(node.otherwise, context);
  const { target, recursive } = node;
  const run = (state: RenderState, scope: Scope, out: OutputSink, source: unknown, depth0: number): void => {
    let items = iterateValue(state, source);
    if (filter !== undefined) {
      items = items.filter((item) => {
        const test = scope.child();
        assignTarget(state, test, target, item);
        return isTruthy(filter(state, test));
      });
    }
    if (items.length === 0) {
      otherwise(state, scope, out);
      return;
    }
    const recurse = recursive
      ? (children: unknown, inner: RenderState): string => {
          inner.enter();
          try {
            const sink = new OutputSink(inner.limits.maxValueSize, 'value-size');
            run(inner, scope, sink, children, depth0 + 1);
            return sink.text();
          } finally {
            inner.leave();
          }
        }
      : undefined;
    const loop = new LoopContext(items, depth0, recurse);
    for (let i = 0; i < items.length; i += 1) {
      state.tick();
      const iteration = scope.child();
      loop.index0 = i;
      iteration.set('loop', loop);
      assignTarget(state, iteration, target, items[i]);
      body(state, iteration, out);
    }
  };
  return (state, scope, out) => {
    state.tick();
    run(state, scope, out, iterable(state, scope), 0);
  };
}
