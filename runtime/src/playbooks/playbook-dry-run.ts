import { toPlyError, type TemplateEngine } from '@ply/core';
import { holdsTemplate } from './holds-template.js';
import type { PlaybookGraph } from './playbook-graph.js';
import type { PlaybookNode } from './playbook-schema.js';
import type { RecordMasks } from './record-masks.js';
import { isTruthy } from './truthiness.js';

/** What a dry run is given: a sample trigger event and, optionally, sample results of some nodes. */
export interface DryRunSample {
  trigger?: unknown;
  /** `node.<id>` as templates see it, for the nodes whose results the author wants to assume. */
  results?: Record<string, unknown>;
}

/** One node of a dry run, in graph order. */
export interface DryRunNode {
  nodeId: string;
  kind: PlaybookNode['type'];
  /** The node's arguments (action), `set`/`append` values (store), or `items` (foreach), templates evaluated and secret keys masked. */
  rendered?: unknown;
  /** For a condition: the branch it would take (`null`: else), or undefined when its inputs are not known. */
  branch?: string | null;
  /** References to earlier results that a dry run does not know (`node.<id>`, `foreach`), so the values using them are placeholders. */
  unknown: string[];
  /** A template that failed to render (syntax, a filter error), with where it is. */
  error?: { code: string; message: string; pointer?: string };
}

/** The text put where a value depends on results that a dry run does not know. */
export const NOT_KNOWN = (names: readonly string[]) => `⟨not known in a dry run: ${names.join(', ')}⟩`;

const NODE_REFERENCE = /\bnode\s*(?:\.\s*([A-Za-z0-9_]+)|\[\s*["']([A-Za-z0-9_]+)["']\s*\])/g;

/** The earlier results a template reads that the dry run has no sample for. */
function unknownReferences(template: string, known: ReadonlySet<string>, foreachKnown: boolean): string[] {
  const missing = new Set<string>();
  for (const match of template.matchAll(NODE_REFERENCE)) {
    const id = match[1] ?? match[2]!;
    if (!known.has(id)) missing.add(`node.${id}`);
  }
  if (!foreachKnown && /\bforeach\b/.test(template)) missing.add('foreach');
  return [...missing];
}

/** Nodes in the order a run meets them: breadth first from the trigger, foreach bodies after their foreach. */
function graphOrder(graph: PlaybookGraph): string[] {
  const order: string[] = [];
  const queue = graph.entries.map((edge) => edge.to);
  const deferred = new Map<string, number>();
  while (queue.length > 0) {
    const id = queue.shift()!;
    if (order.includes(id) || !graph.nodes.has(id)) continue;
    const incoming = (graph.incoming.get(id) ?? []).filter((edge) => edge.from !== undefined && graph.nodes.has(edge.from));
    // A join (or any node with several parents) comes after all of them when they are reachable;
    // the bound keeps a (invalid) cycle from deferring forever.
    const waits = deferred.get(id) ?? 0;
    if (waits < graph.nodes.size && incoming.some((edge) => !order.includes(edge.from!) && queue.includes(edge.from!))) {
      deferred.set(id, waits + 1);
      queue.push(id);
      continue;
    }
    order.push(id);
    const node = graph.nodes.get(id)!;
    if (node.type === 'foreach') queue.push(node.do);
    for (const edge of graph.outgoing.get(id) ?? []) queue.push(edge.to);
  }
  for (const id of graph.nodes.keys()) if (!order.includes(id)) order.push(id);
  return order;
}

/**
 * Renders every node of a playbook with a sample trigger event, without running anything: no
 * vendor is called, no account is read and nothing is recorded. Earlier nodes' results are
 * unknown unless `sample.results` gives them; a value whose template reads an unknown result is
 * replaced by {@link NOT_KNOWN} and the reference is listed. Store nodes update the `store` that
 * later templates see; a foreach body sees the first item when the items are known.
 */
export function dryRunPlaybook(graph: PlaybookGraph, sample: DryRunSample, services: { templates: TemplateEngine; masks: RecordMasks }): DryRunNode[] {
  const results = sample.results ?? {};
  const known = new Set(Object.keys(results));
  const store: Record<string, unknown> = {};
  let foreach: { item: unknown; index: number } | undefined;
  const context = () => ({ trigger: sample.trigger ?? {}, node: results, store, ...(foreach ? { foreach } : {}) });

  const render = (value: unknown, entry: DryRunNode, pointer = ''): unknown => {
    if (typeof value === 'string') {
      if (!holdsTemplate(value)) return value;
      const missing = unknownReferences(value, known, foreach !== undefined);
      if (missing.length > 0) {
        entry.unknown.push(...missing.filter((name) => !entry.unknown.includes(name)));
        return NOT_KNOWN(missing);
      }
      try {
        return services.templates.renderValue(value, context());
      } catch (error) {
        const failure = toPlyError(error);
        entry.error ??= { code: failure.code, message: failure.message, ...(pointer ? { pointer } : {}) };
        return value;
      }
    }
    if (Array.isArray(value)) return value.map((item, i) => render(item, entry, `${pointer}/${i}`));
    if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, render(item, entry, `${pointer}/${key}`)]));
    return value;
  };

  return graphOrder(graph).map((id) => {
    const node = graph.nodes.get(id)!;
    const entry: DryRunNode = { nodeId: id, kind: node.type, unknown: [] };
    if (node.type === 'action') {
      entry.rendered = services.masks.forAction(`${node.module}.${node.action}`, node.version, undefined).redact(render(node.arguments ?? {}, entry));
    } else if (node.type === 'store') {
      const rendered = { ...(node.set ? { set: render(node.set, entry, '/set') } : {}), ...(node.append ? { append: render(node.append, entry, '/append') } : {}), ...(node.unset ? { unset: node.unset } : {}) };
      if (entry.unknown.length === 0 && !entry.error) Object.assign(store, (rendered as { set?: object }).set ?? {});
      entry.rendered = services.masks.generic.redact(rendered);
    } else if (node.type === 'foreach') {
      const items = Array.isArray(node.items) ? node.items : render(node.items, entry, '/items');
      entry.rendered = items;
      foreach = Array.isArray(items) && items.length > 0 ? { item: items[0], index: 0 } : undefined;
    } else if (node.type === 'condition') {
      let decided: string | null | undefined = null;
      for (const branch of node.branches) {
        const template = holdsTemplate(branch.condition) ? branch.condition : `{{ ${branch.condition} }}`;
        const value = render(template, entry, `/branches`);
        if (entry.unknown.length > 0 || entry.error) {
          decided = undefined;
          break;
        }
        if (isTruthy(value)) {
          decided = branch.name;
          break;
        }
      }
      if (decided !== undefined) entry.branch = decided;
    }
    return entry;
  });
}
