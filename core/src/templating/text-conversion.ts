import { isNunjucksNode, nunjucksInternals, type NunjucksNode } from './nunjucks-internals.js';

/** Name of the internal filter that turns a value into text. Templates cannot name it (`__`). */
export const TEXT_FILTER = '__ply_text';

/**
 * Makes values turn into text the way Sekoia templates expect rather than the JavaScript way:
 * a missing value is '' (nunjucks' `"a" ~ missing` gives "aundefined") and lists or mappings
 * are JSON (instead of "1,2" and "[object Object]").
 *
 * This one wraps both operands of every `~` in {@link TEXT_FILTER}. Mutates `root`, which must
 * have passed the guard.
 */
export function convertConcatenation(root: NunjucksNode): void {
  visit(root, 'Concat');
}

/**
 * Like {@link convertConcatenation}, for every expression that `{{ }}` writes out. Mutates `root`.
 */
export function convertOutputs(root: NunjucksNode): void {
  visit(root, 'Output');
}

function visit(node: NunjucksNode, type: 'Concat' | 'Output'): void {
  for (const field of node.fields) {
    const value = node[field];
    if (isNunjucksNode(value)) visit(value, type);
    else if (Array.isArray(value)) for (const item of value) if (isNunjucksNode(item)) visit(item, type);
  }
  if (node.typename !== type) return;
  if (type === 'Concat') {
    node['left'] = asText(node['left'] as NunjucksNode);
    node['right'] = asText(node['right'] as NunjucksNode);
  } else {
    node['children'] = (node['children'] as NunjucksNode[]).map((child) => (child.typename === 'TemplateData' ? child : asText(child)));
  }
}

function asText(node: NunjucksNode): NunjucksNode {
  const { nodes } = nunjucksInternals();
  const { lineno, colno } = node;
  return new nodes.Filter(lineno, colno, new nodes.Symbol(lineno, colno, TEXT_FILTER), new nodes.NodeList(lineno, colno, [node]));
}
