import type { CallSyntax, Expr, Stmt, Target } from '../parser/ast.js';

/** The names a body reads (to know whether a macro uses `varargs`, `kwargs` or `caller`). */
export function namesReadIn(body: readonly Stmt[]): Set<string> {
  const names = new Set<string>();
  const call = (syntax: CallSyntax) => {
    syntax.args.forEach(expr);
    syntax.kwargs.forEach(([, value]) => expr(value));
    if (syntax.starArgs !== undefined) expr(syntax.starArgs);
    if (syntax.starKwargs !== undefined) expr(syntax.starKwargs);
  };
  const expr = (node: Expr | undefined): void => {
    if (node === undefined) return;
    switch (node.kind) {
      case 'name':
        names.add(node.name);
        break;
      case 'const':
        break;
      case 'getattr':
        expr(node.target);
        break;
      case 'getitem':
        expr(node.target);
        expr(node.key);
        break;
      case 'slice':
        expr(node.start);
        expr(node.stop);
        expr(node.step);
        break;
      case 'list':
      case 'tuple':
      case 'concat':
        node.items.forEach(expr);
        break;
      case 'dict':
        node.pairs.forEach(([key, value]) => {
          expr(key);
          expr(value);
        });
        break;
      case 'binary':
      case 'and':
      case 'or':
        expr(node.left);
        expr(node.right);
        break;
      case 'unary':
      case 'not':
        expr(node.operand);
        break;
      case 'compare':
        expr(node.first);
        node.operations.forEach((operation) => expr(operation.operand));
        break;
      case 'condition':
        expr(node.test);
        expr(node.then);
        expr(node.otherwise);
        break;
      case 'filter':
        expr(node.target);
        call(node.call);
        break;
      case 'test':
        expr(node.target);
        call(node.call);
        break;
      case 'call':
        expr(node.callee);
        call(node.call);
        break;
    }
  };
  const target = (_node: Target) => {};
  const stmt = (node: Stmt): void => {
    switch (node.kind) {
      case 'output':
        node.nodes.forEach((item) => (typeof item === 'string' ? undefined : expr(item)));
        break;
      case 'if':
        node.branches.forEach((branch) => {
          expr(branch.test);
          branch.body.forEach(stmt);
        });
        node.otherwise.forEach(stmt);
        break;
      case 'for':
        target(node.target);
        expr(node.iterable);
        expr(node.filter);
        node.body.forEach(stmt);
        node.otherwise.forEach(stmt);
        break;
      case 'set':
        expr(node.value);
        break;
      case 'setblock':
        expr(node.filter);
        node.body.forEach(stmt);
        break;
      case 'with':
        node.values.forEach(expr);
        node.body.forEach(stmt);
        break;
      case 'macro':
        node.signature.defaults.forEach(expr);
        break;
      case 'callblock':
        expr(node.call);
        node.body.forEach(stmt);
        break;
      case 'filterblock':
        expr(node.filter);
        node.body.forEach(stmt);
        break;
      case 'scope':
        node.body.forEach(stmt);
        break;
    }
  };
  body.forEach(stmt);
  return names;
}
