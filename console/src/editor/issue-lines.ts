import { isMap, isNode, isScalar, isSeq, LineCounter, parseDocument, type Node as YamlNode } from 'yaml';
import type { PlyIssue } from '@ply/core';

/** A problem of the editor's text, placed at the line it is about. */
export interface LineIssue {
  line: number;
  pointer: string;
  message: string;
}

/** What the editor's text holds: the document (when it reads) and where each YAML or JSON syntax error is. */
export interface ReadText {
  value?: unknown;
  syntax: LineIssue[];
  /** Places validation issues (JSON pointers into the document) at their lines. */
  place(issues: readonly PlyIssue[]): LineIssue[];
}

const segmentsOf = (pointer: string) =>
  pointer
    .split('/')
    .slice(1)
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((segment) => (/^\d+$/.test(segment) ? Number(segment) : segment));

/**
 * Reads the editor's text as YAML (JSON is YAML), keeping positions, so that each problem can
 * be shown at its line: a syntax error where the parser stopped, a validation issue at the key
 * (or list item) its pointer names, or at the nearest enclosing one that exists (a missing key
 * is reported on its parent's key).
 */
export function readEditorText(text: string): ReadText {
  const counter = new LineCounter();
  const document = parseDocument(text, { lineCounter: counter, prettyErrors: false, maxAliasCount: 100 } as Parameters<typeof parseDocument>[1]);
  const syntax = document.errors.map((error) => ({ line: error.linePos?.[0]?.line ?? 1, pointer: '/', message: error.message.split('\n')[0]! }));
  const lineOf = (node: unknown) => (isNode(node) && (node as YamlNode).range ? counter.linePos((node as YamlNode).range![0]).line : 1);
  /** The line of the deepest part of `path` that exists: a mapping entry's key, or a list item. */
  const lineAt = (path: Array<string | number>): number => {
    let node: unknown = document.contents;
    let line = lineOf(node);
    for (const segment of path) {
      if (isMap(node)) {
        const pair = node.items.find((item) => (isScalar(item.key) ? String(item.key.value) : String(item.key)) === String(segment));
        if (!pair) return line;
        line = lineOf(pair.key);
        node = pair.value;
      } else if (isSeq(node) && typeof segment === 'number' && node.items[segment] !== undefined) {
        node = node.items[segment];
        line = lineOf(node);
      } else {
        return line;
      }
    }
    return line;
  };
  const place = (issues: readonly PlyIssue[]) => issues.map((issue) => ({ line: lineAt(segmentsOf(issue.pointer === '/' ? '' : issue.pointer)), pointer: issue.pointer, message: issue.message }));
  if (syntax.length > 0) return { syntax, place };
  return { value: document.toJS({ maxAliasCount: 100 }), syntax, place };
}
