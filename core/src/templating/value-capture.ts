import { nunjucksInternals, type NunjucksNode } from './nunjucks-internals.js';

/**
 * Name of the internal filter that hands a lone expression's value back to the engine. Templates
 * cannot name it: the guard refuses every name that starts with `__`.
 */
export const CAPTURE_FILTER = '__ply_capture';

/**
 * When a template is exactly one `{{ expr }}` (only whitespace around it), returns a copy of its
 * AST that pipes `expr` into {@link CAPTURE_FILTER}, so the engine gets the value itself rather
 * than its text. Returns undefined for any other template.
 *
 * Works on the guarded AST rather than on the template text, so the expression that is
 * captured is exactly the one that was checked.
 */
export function captureSingleExpression(root: NunjucksNode): NunjucksNode | undefined {
  let expression: NunjucksNode | undefined;
  for (const output of root['children'] as NunjucksNode[]) {
    if (output.typename !== 'Output') return undefined;
    for (const child of output['children'] as NunjucksNode[]) {
      if (child.typename === 'TemplateData') {
        if (String(child['value']).trim() !== '') return undefined;
      } else if (expression === undefined) {
        expression = child;
      } else {
        return undefined;
      }
    }
  }
  if (expression === undefined) return undefined;
  const { nodes } = nunjucksInternals();
  const { lineno, colno } = expression;
  const filter = new nodes.Filter(
    lineno,
    colno,
    new nodes.Symbol(lineno, colno, CAPTURE_FILTER),
    new nodes.NodeList(lineno, colno, [expression]),
  );
  return new nodes.Root(0, 0, [new nodes.Output(lineno, colno, [filter])]);
}
