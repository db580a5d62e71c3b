import type { TemplatePosition } from '../errors/jinja-error.js';

/** Every node carries the position of its first token. */
interface Located {
  readonly at: TemplatePosition;
}

export type Expr =
  | { kind: 'const'; value: unknown; at: TemplatePosition }
  | { kind: 'name'; name: string; at: TemplatePosition }
  | { kind: 'getattr'; target: Expr; name: string; at: TemplatePosition }
  | { kind: 'getitem'; target: Expr; key: Expr; at: TemplatePosition }
  | { kind: 'slice'; start: Expr | undefined; stop: Expr | undefined; step: Expr | undefined; at: TemplatePosition }
  | { kind: 'list'; items: Expr[]; at: TemplatePosition }
  | { kind: 'tuple'; items: Expr[]; at: TemplatePosition }
  | { kind: 'dict'; pairs: [Expr, Expr][]; at: TemplatePosition }
  | { kind: 'binary'; operator: '+' | '-' | '*' | '/' | '//' | '%' | '**'; left: Expr; right: Expr; at: TemplatePosition }
  | { kind: 'unary'; operator: '-' | '+'; operand: Expr; at: TemplatePosition }
  | { kind: 'not'; operand: Expr; at: TemplatePosition }
  | { kind: 'and' | 'or'; left: Expr; right: Expr; at: TemplatePosition }
  | { kind: 'concat'; items: Expr[]; at: TemplatePosition }
  | { kind: 'compare'; first: Expr; operations: CompareOperation[]; at: TemplatePosition }
  | { kind: 'condition'; test: Expr; then: Expr; otherwise: Expr | undefined; at: TemplatePosition }
  | { kind: 'filter'; target: Expr | undefined; name: string; call: CallSyntax; at: TemplatePosition }
  | { kind: 'test'; target: Expr; name: string; call: CallSyntax; at: TemplatePosition }
  | { kind: 'call'; callee: Expr; call: CallSyntax; at: TemplatePosition };

export interface CompareOperation {
  operator: '==' | '!=' | '<' | '<=' | '>' | '>=' | 'in' | 'notin';
  operand: Expr;
}

/** The arguments written in a call: `f(a, b=1, *rest, **more)`. */
export interface CallSyntax {
  args: Expr[];
  kwargs: [string, Expr][];
  starArgs: Expr | undefined;
  starKwargs: Expr | undefined;
}

/** What `set`, `for` and `with` assign to. */
export type Target =
  | { kind: 'name'; name: string; at: TemplatePosition }
  | { kind: 'tuple'; items: Target[]; at: TemplatePosition }
  | { kind: 'nsref'; namespace: string; attribute: string; at: TemplatePosition };

export interface MacroSignature {
  params: string[];
  defaults: Expr[];
}

export type Stmt =
  | ({ kind: 'output'; nodes: (string | Expr)[] } & Located)
  | ({ kind: 'if'; branches: { test: Expr; body: Stmt[] }[]; otherwise: Stmt[] } & Located)
  | ({ kind: 'for'; target: Target; iterable: Expr; filter: Expr | undefined; recursive: boolean; body: Stmt[]; otherwise: Stmt[] } & Located)
  | ({ kind: 'set'; target: Target; value: Expr } & Located)
  | ({ kind: 'setblock'; target: Target; filter: Expr | undefined; body: Stmt[] } & Located)
  | ({ kind: 'with'; targets: Target[]; values: Expr[]; body: Stmt[] } & Located)
  | ({ kind: 'macro'; name: string; signature: MacroSignature; body: Stmt[] } & Located)
  | ({ kind: 'callblock'; signature: MacroSignature; call: Expr & { kind: 'call' }; body: Stmt[] } & Located)
  | ({ kind: 'filterblock'; filter: Expr; body: Stmt[] } & Located)
  | ({ kind: 'scope'; body: Stmt[] } & Located);

/** A parsed template. */
export interface TemplateAst {
  body: Stmt[];
}
