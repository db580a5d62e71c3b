// xpath's typings bring in the DOM library (`/// <reference lib="dom" />`) for every package the
// workspace compiles together; its iterable half keeps `Headers` and `FormData` as Node's own
// (iterable) types, which the kernel and the kit rely on.
/// <reference lib="dom.iterable" />
import * as xpath from 'xpath';
import type { Node } from '@xmldom/xmldom';

/** Evaluates an XPath 1.0 expression: a node list, or a string, number or boolean. */
export function selectXPath(expression: string, node: Node): Node[] | string | number | boolean | null {
  return xpath.select(expression, node as never) as unknown as Node[] | string | number | boolean | null;
}
