import type { PlyIssue } from '@ply/core';
import { pointerOf } from './playbook-parser.js';
import type { PlaybookDocument, PlaybookNode } from './playbook-schema.js';

/** Which outcome of its source node fires an edge. */
export type EdgeOutlet = { kind: 'next' } | { kind: 'error' } | { kind: 'branch'; index: number } | { kind: 'else' };

/** One edge of the graph; `from` is undefined for the trigger's edges. */
export interface GraphEdge {
  from: string | undefined;
  to: string;
  outlet: EdgeOutlet;
  /** Where the edge is written in the document. */
  pointer: string;
}

/**
 * A playbook as a graph: edges by source and by target, and the body of each foreach. Built
 * once per playbook version and shared by its runs.
 */
export interface PlaybookGraph {
  document: PlaybookDocument;
  nodes: ReadonlyMap<string, PlaybookNode>;
  outgoing: ReadonlyMap<string, GraphEdge[]>;
  incoming: ReadonlyMap<string, GraphEdge[]>;
  /** The trigger's edges. */
  entries: GraphEdge[];
  /** The nodes of each foreach's body (its `do` node and every node reachable from it). */
  bodies: ReadonlyMap<string, ReadonlySet<string>>;
}

function edgesOf(id: string, node: PlaybookNode): GraphEdge[] {
  const at = pointerOf(['nodes', id]);
  const edges: GraphEdge[] = [];
  const add = (targets: readonly string[] | undefined, outlet: EdgeOutlet, path: PropertyKey[]) =>
    targets?.forEach((to, i) => edges.push({ from: id, to, outlet, pointer: `${at}${pointerOf([...path, i])}` }));
  if (node.type === 'condition') {
    node.branches.forEach((branch, index) => add(branch.next, { kind: 'branch', index }, ['branches', index, 'next']));
    add(node.else, { kind: 'else' }, ['else']);
  } else {
    add(node.next, { kind: 'next' }, ['next']);
  }
  add(node.on_error, { kind: 'error' }, ['on_error']);
  return edges;
}

/** Builds the graph of a document whose shape is valid (references are not checked here). */
export function buildPlaybookGraph(document: PlaybookDocument): PlaybookGraph {
  const nodes = new Map(Object.entries(document.nodes));
  const outgoing = new Map<string, GraphEdge[]>();
  const incoming = new Map<string, GraphEdge[]>();
  for (const id of nodes.keys()) incoming.set(id, []);
  const entries = document.trigger.next.map((to, i): GraphEdge => ({ from: undefined, to, outlet: { kind: 'next' }, pointer: pointerOf(['trigger', 'next', i]) }));
  for (const edge of entries) incoming.get(edge.to)?.push(edge);
  for (const [id, node] of nodes) {
    const edges = edgesOf(id, node);
    outgoing.set(id, edges);
    for (const edge of edges) incoming.get(edge.to)?.push(edge);
  }
  const bodies = new Map<string, Set<string>>();
  for (const [id, node] of nodes) {
    if (node.type !== 'foreach' || !nodes.has(node.do)) continue;
    const body = new Set<string>();
    const stack = [node.do];
    while (stack.length > 0) {
      const current = stack.pop()!;
      if (body.has(current) || !nodes.has(current) || current === id) continue;
      body.add(current);
      for (const edge of outgoing.get(current) ?? []) stack.push(edge.to);
      const inner = nodes.get(current);
      if (inner?.type === 'foreach') stack.push(inner.do);
    }
    bodies.set(id, body);
  }
  return { document, nodes, outgoing, incoming, entries, bodies };
}

/**
 * Structural problems: references to unknown nodes, cycles, unreachable nodes, and foreach
 * bodies entered from outside. Each issue points at the faulty edge or node.
 */
export function structuralIssues(graph: PlaybookGraph): PlyIssue[] {
  const issues: PlyIssue[] = [];
  const { nodes, outgoing } = graph;
  const allEdges = [...graph.entries, ...[...outgoing.values()].flat()];
  for (const edge of allEdges) {
    if (!nodes.has(edge.to)) issues.push({ pointer: edge.pointer, message: `unknown node "${edge.to}"${suggest(edge.to, nodes.keys())}` });
  }
  for (const [id, node] of nodes) {
    if (node.type === 'foreach' && !nodes.has(node.do)) issues.push({ pointer: pointerOf(['nodes', id, 'do']), message: `unknown node "${node.do}"${suggest(node.do, nodes.keys())}` });
  }
  issues.push(...cycleIssues(graph));
  issues.push(...reachabilityIssues(graph));
  issues.push(...bodyIssues(graph));
  return issues;
}

/** Successors of a node including its foreach body entry, with where each link is written. */
function links(graph: PlaybookGraph, id: string): Array<{ to: string; pointer: string }> {
  const result = (graph.outgoing.get(id) ?? []).map((edge) => ({ to: edge.to, pointer: edge.pointer }));
  const node = graph.nodes.get(id);
  if (node?.type === 'foreach') result.push({ to: node.do, pointer: pointerOf(['nodes', id, 'do']) });
  return result.filter((link) => graph.nodes.has(link.to));
}

function cycleIssues(graph: PlaybookGraph): PlyIssue[] {
  const issues: PlyIssue[] = [];
  const state = new Map<string, 'open' | 'done'>();
  const path: string[] = [];
  const visit = (id: string): void => {
    state.set(id, 'open');
    path.push(id);
    for (const link of links(graph, id)) {
      const seen = state.get(link.to);
      if (seen === 'open') {
        const loop = [...path.slice(path.indexOf(link.to)), link.to].join(' → ');
        issues.push({ pointer: link.pointer, message: `this edge closes a cycle (${loop}); playbooks must be acyclic` });
      } else if (seen === undefined) {
        visit(link.to);
      }
    }
    path.pop();
    state.set(id, 'done');
  };
  for (const id of graph.nodes.keys()) if (!state.has(id)) visit(id);
  return issues;
}

function reachabilityIssues(graph: PlaybookGraph): PlyIssue[] {
  const reached = new Set<string>();
  const stack = graph.entries.map((edge) => edge.to).filter((to) => graph.nodes.has(to));
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (reached.has(id)) continue;
    reached.add(id);
    for (const link of links(graph, id)) stack.push(link.to);
  }
  return [...graph.nodes.keys()]
    .filter((id) => !reached.has(id))
    .map((id) => ({ pointer: pointerOf(['nodes', id]), message: `node "${id}" is not reachable from the trigger` }));
}

function bodyIssues(graph: PlaybookGraph): PlyIssue[] {
  const issues: PlyIssue[] = [];
  for (const [foreachId, body] of graph.bodies) {
    for (const id of body) {
      for (const edge of graph.incoming.get(id) ?? []) {
        if (edge.from !== undefined && body.has(edge.from)) continue;
        issues.push({ pointer: edge.pointer, message: `node "${id}" is in the body of foreach "${foreachId}" and cannot be reached from outside that body` });
      }
      for (const [otherId, other] of graph.nodes) {
        if (other.type === 'foreach' && other.do === id && otherId !== foreachId && !body.has(otherId)) {
          issues.push({ pointer: pointerOf(['nodes', otherId, 'do']), message: `node "${id}" is already in the body of foreach "${foreachId}"` });
        }
      }
    }
  }
  return issues;
}

function suggest(name: string, known: Iterable<string>): string {
  const close = [...known].filter((id) => id.toLowerCase().includes(name.toLowerCase()) || name.toLowerCase().includes(id.toLowerCase())).slice(0, 3);
  return close.length > 0 ? ` (did you mean ${close.map((id) => `"${id}"`).join(', ')}?)` : '';
}

/** The foreach whose body holds the node directly (innermost), or undefined at top level. */
export function scopeOf(graph: PlaybookGraph, id: string): string | undefined {
  let best: string | undefined;
  for (const [foreachId, body] of graph.bodies) {
    if (body.has(id) && (best === undefined || graph.bodies.get(best)!.has(foreachId))) best = foreachId;
  }
  return best;
}
