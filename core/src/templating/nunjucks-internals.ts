import type * as Nunjucks from 'nunjucks';
import { lazyRequire } from '../lazy-require.js';

/**
 * Typed view of the parts of nunjucks 3.2.4 that Ply relies on but @types/nunjucks does not
 * describe (parser, AST nodes, compiler, runtime helpers). Kept in one place so that a
 * nunjucks upgrade has one file to re-check against the library source.
 */

/** A node of the nunjucks AST. Positions are 0-based. */
export interface NunjucksNode {
  readonly typename: string;
  readonly fields: readonly string[];
  lineno: number;
  colno: number;
  [field: string]: unknown;
}

/** Constructor of an AST node class; the first two arguments are line and column. */
export type NunjucksNodeClass = new (lineno: number, colno: number, ...fields: unknown[]) => NunjucksNode;

/** The AST node classes the templating code instantiates or tests against. */
export interface NunjucksNodes {
  Node: NunjucksNodeClass;
  NodeList: NunjucksNodeClass;
  Root: NunjucksNodeClass;
  Output: NunjucksNodeClass;
  Filter: NunjucksNodeClass;
  Symbol: NunjucksNodeClass;
}

/** Error type of nunjucks; positions are 1-based when present. */
export interface NunjucksTemplateError extends Error {
  lineno?: number;
  colno?: number;
  cause?: unknown;
}

/** A runtime frame (variables introduced by `set`, `for`, ...). */
export interface NunjucksFrame {
  lookup(name: string): unknown;
}

/** The rendering context compiled templates read top-level names from. */
export interface NunjucksContext {
  ctx: Record<string, unknown>;
}

/** The runtime helpers that compiled template code calls through its `runtime` argument. */
export interface NunjucksRuntime {
  memberLookup(obj: unknown, key: unknown): unknown;
  contextOrFrameLookup(context: NunjucksContext, frame: NunjucksFrame, name: string): unknown;
  callWrap(obj: unknown, name: string, context: unknown, args: unknown[]): unknown;
  inOperator(key: unknown, container: unknown): boolean;
  SafeString: new (value: string) => object;
  [helper: string]: unknown;
}

/** The compiler class; `getCode()` returns the body of a function that returns the template props. */
export interface NunjucksCompiler {
  compile(node: NunjucksNode): void;
  getCode(): string;
}

interface NunjucksInternals {
  parser: { parse(src: string, extensions?: unknown[], opts?: object): NunjucksNode };
  nodes: NunjucksNodes;
  compiler: { Compiler: new (templateName: string, throwOnUndefined: boolean) => NunjucksCompiler };
  runtime: NunjucksRuntime;
}

/**
 * nunjucks, loaded when the first template is compiled rather than when the core loads: a
 * `ply serve` answers its first webhook before any template is rendered. The one copy of this
 * process, hardened by installSafeRuntime before any environment is made.
 */
export const loadNunjucks = lazyRequire<typeof Nunjucks>('nunjucks');

/** The nunjucks module, with its internals typed. */
export const nunjucksInternals = (): NunjucksInternals => loadNunjucks() as unknown as NunjucksInternals;

/** True when `value` is a nunjucks AST node. */
export function isNunjucksNode(value: unknown): value is NunjucksNode {
  return value instanceof nunjucksInternals().nodes.Node;
}
