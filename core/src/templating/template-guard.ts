import { isForbiddenName, isForbiddenTemplateName } from './forbidden-names.js';
import { isNunjucksNode, nunjucksInternals, type NunjucksNode, type NunjucksTemplateError } from './nunjucks-internals.js';
import type { FrontEndTemplate } from './sekoia-syntax.js';
import { templateError, type SourcePosition } from './template-errors.js';

/** The filters and tests a template may name. */
export interface TemplateVocabulary {
  readonly filters: ReadonlySet<string>;
  readonly tests: ReadonlySet<string>;
}

/**
 * Node types a template may contain. Anything else (function calls, macros, call blocks,
 * include/import/extends, blocks, async tags, extension tags) is refused: an allowlist, so a
 * construct nobody reviewed never reaches the compiler.
 */
const ALLOWED_NODES = new Set([
  'Root', 'NodeList', 'Output', 'TemplateData', 'Literal', 'Symbol', 'Group', 'Array', 'Dict', 'Pair',
  'KeywordArgs', 'LookupVal', 'If', 'InlineIf', 'For', 'Filter', 'Set', 'Switch', 'Case', 'Capture',
  'In', 'Is', 'Or', 'And', 'Not', 'Add', 'Concat', 'Sub', 'Mul', 'Div', 'FloorDiv', 'Mod', 'Pow',
  'Neg', 'Pos', 'Compare', 'CompareOperand',
]);

const REFUSED_NODES: Record<string, string> = {
  FunCall: 'function call',
  Macro: '"{% macro %}"',
  Caller: '"{% call %}"',
  Include: '"{% include %}"',
  Import: '"{% import %}"',
  FromImport: '"{% from ... import %}"',
  Extends: '"{% extends %}"',
  Block: '"{% block %}"',
  Super: '"super()"',
  CallExtension: 'extension tag',
  CallExtensionAsync: 'extension tag',
  FilterAsync: 'asynchronous filter',
  IfAsync: '"{% ifAsync %}"',
  AsyncEach: '"{% asyncEach %}"',
  AsyncAll: '"{% asyncAll %}"',
};

// Symbol names are pasted into the compiled JavaScript between double quotes without escaping
// (nunjucks 3.2.4 compiler.js), so anything but a plain identifier is code injection.
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Parses a template and checks that it only reads data and applies registered filters and tests.
 *
 * @returns the nunjucks AST, safe to compile.
 * @throws PlyError PLY_TEMPLATE_SYNTAX when nunjucks cannot parse it (with its line and column),
 *   PLY_TEMPLATE_FORBIDDEN when it uses a construct or name outside the allowed language.
 */
export function parseGuardedTemplate(template: FrontEndTemplate, vocabulary: TemplateVocabulary): NunjucksNode {
  let root: NunjucksNode;
  try {
    root = nunjucksInternals().parser.parse(template.source);
  } catch (error) {
    throw syntaxError(template, error);
  }
  new Guard(template, vocabulary).visit(root);
  return root;
}

function syntaxError(template: FrontEndTemplate, error: unknown): Error {
  const { lineno, colno, message } = error as NunjucksTemplateError;
  const position =
    typeof lineno === 'number' ? template.locate({ line: lineno, column: typeof colno === 'number' ? colno : 1 }) : endOf(template.original);
  return templateError('PLY_TEMPLATE_SYNTAX', String(message ?? error), template.original, position, error);
}

function endOf(text: string): SourcePosition {
  const lines = text.split('\n');
  return { line: lines.length, column: (lines.at(-1) ?? '').length + 1 };
}

class Guard {
  constructor(
    private readonly template: FrontEndTemplate,
    private readonly vocabulary: TemplateVocabulary,
  ) {}

  visit(node: NunjucksNode): void {
    const type = node.typename;
    if (!ALLOWED_NODES.has(type)) {
      const what = REFUSED_NODES[type] ?? `"${type}" construct`;
      const detail = type === 'FunCall' ? ` "${describe(node)}" (only filters can be applied: "value | filter")` : '';
      this.forbid(node, `${what}${detail} is not allowed`);
    }
    switch (type) {
      case 'Symbol':
        return this.checkName(node, node['value'], 'name');
      case 'Literal':
        return this.checkLiteral(node);
      case 'LookupVal':
        return this.checkLookup(node);
      case 'Filter':
        return this.checkFilter(node);
      case 'Is':
        return this.checkIs(node);
      case 'Set':
        (node['targets'] as NunjucksNode[]).forEach((target) => this.checkTarget(target));
        return this.visitFields(node, ['targets']);
      case 'For':
        this.checkLoopTarget(node['name']);
        return this.visitFields(node, ['name']);
      default:
        return this.visitFields(node, []);
    }
  }

  private visitFields(node: NunjucksNode, skip: readonly string[]): void {
    for (const field of node.fields) {
      if (skip.includes(field)) continue;
      const value = node[field];
      if (isNunjucksNode(value)) this.visit(value);
      else if (Array.isArray(value)) for (const item of value) if (isNunjucksNode(item)) this.visit(item);
    }
  }

  private checkName(node: NunjucksNode, name: unknown, role: string): void {
    if (typeof name !== 'string' || !IDENTIFIER.test(name)) {
      this.forbid(node, `${role} ${JSON.stringify(String(name))} is not a valid identifier`);
    }
    if (isForbiddenTemplateName(name)) this.forbid(node, `${role} "${name}" is forbidden`);
  }

  private checkLiteral(node: NunjucksNode): void {
    if (node.typename === 'TemplateData') return;
    const value = node['value'];
    if (value instanceof RegExp) this.forbid(node, `regular expression literal ${String(value)} is not allowed`);
    if (typeof value === 'string' && isForbiddenName(value)) this.forbid(node, `string "${value}" is forbidden`);
    if (value !== null && !['string', 'number', 'boolean'].includes(typeof value)) {
      this.forbid(node, `literal of type ${typeof value} is not allowed`);
    }
  }

  private checkLookup(node: NunjucksNode): void {
    // Target first, so the leftmost problem of `a.__class__.__mro__` is the one reported.
    this.visit(node['target'] as NunjucksNode);
    const key = node['val'] as NunjucksNode;
    if (key.typename === 'Literal' && typeof key['value'] === 'string' && isForbiddenTemplateName(key['value'])) {
      this.forbid(key, `attribute "${key['value']}" is forbidden`);
    }
    this.visit(key);
  }

  private checkFilter(node: NunjucksNode): void {
    const name = node['name'] as NunjucksNode;
    this.checkName(name, name['value'], 'filter');
    const filter = name['value'] as string;
    if (!this.vocabulary.filters.has(filter)) this.forbid(name, `unknown filter "${filter}"`);
    this.visitFields(node, ['name']);
  }

  /** `x is test` / `x is test(arg)`: the right side names a registered test, it is not a call. */
  private checkIs(node: NunjucksNode): void {
    this.visit(node['left'] as NunjucksNode);
    const right = node['right'] as NunjucksNode;
    let test: NunjucksNode = right;
    if (right.typename === 'FunCall') {
      test = right['name'] as NunjucksNode;
      this.visit(right['args'] as NunjucksNode);
    }
    const isName = test.typename === 'Symbol';
    const isConstant = test.typename === 'Literal' && (test['value'] === null || typeof test['value'] === 'boolean');
    if (!isName && !isConstant) this.forbid(test, 'the right side of "is" must name a test');
    const name = String(test['value']);
    if (isName) this.checkName(test, name, 'test');
    if (!this.vocabulary.tests.has(name)) this.forbid(test, `unknown test "${name}"`);
  }

  private checkTarget(target: NunjucksNode): void {
    if (target.typename !== 'Symbol') this.forbid(target, 'only names can be assigned with "{% set %}"');
    this.checkName(target, target['value'], 'variable');
  }

  private checkLoopTarget(name: unknown): void {
    const node = name as NunjucksNode;
    const targets = node.typename === 'Array' ? (node['children'] as NunjucksNode[]) : [node];
    for (const target of targets) {
      if (target.typename !== 'Symbol') this.forbid(target, 'loop variables must be names');
      this.checkName(target, target['value'], 'loop variable');
    }
  }

  private forbid(node: NunjucksNode, problem: string): never {
    const position =
      typeof node.lineno === 'number' && typeof node.colno === 'number'
        ? this.template.locate({ line: node.lineno + 1, column: node.colno + 1 })
        : undefined;
    throw templateError('PLY_TEMPLATE_FORBIDDEN', problem, this.template.original, position);
  }
}

/** Source-like text for the callee of a refused call, e.g. `range.constructor(…)`. */
function describe(node: unknown): string {
  if (!isNunjucksNode(node)) return '…';
  switch (node.typename) {
    case 'Symbol':
      return String(node['value']);
    case 'Literal':
      return JSON.stringify(node['value']) ?? String(node['value']);
    case 'LookupVal': {
      const key = node['val'];
      const isName = isNunjucksNode(key) && key.typename === 'Literal' && typeof key['value'] === 'string';
      return isName ? `${describe(node['target'])}.${String(key['value'])}` : `${describe(node['target'])}[…]`;
    }
    case 'FunCall':
      return `${describe(node['name'])}(…)`;
    case 'Group':
    case 'Array':
    case 'Dict':
      return '(…)';
    default:
      return '…';
  }
}
