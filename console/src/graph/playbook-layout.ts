import dagre from '@dagrejs/dagre';
import { buildPlaybookGraph, playbookDocumentSchema, type EdgeOutlet, type PlaybookDocument, type PlaybookNode } from '@ply/runtime';

/** The id of the trigger in a layout (node ids are `[A-Za-z0-9_]+`, so it cannot clash). */
export const TRIGGER_BOX = '@trigger';

/** What a box stands for: the trigger or one node kind, each drawn in its own shape and colour. */
export type BoxKind = 'trigger' | PlaybookNode['type'];

/** What fires an edge: drawn plain (`next`), dashed red (`error`), labelled (`branch`, `else`, `each`). */
export type LineKind = 'next' | 'error' | 'branch' | 'else' | 'each';

export interface LaidBox {
  id: string;
  kind: BoxKind;
  /** The first line: the node id (or the trigger type). */
  title: string;
  /** The second line: `module/action`, the foreach items, the join mode... */
  detail: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface LaidLine {
  from: string;
  to: string;
  kind: LineKind;
  label: string;
  points: Array<{ x: number; y: number }>;
  labelAt?: { x: number; y: number };
}

/** A playbook's graph with positions, ready to draw. */
export interface PlaybookLayout {
  width: number;
  height: number;
  boxes: LaidBox[];
  lines: LaidLine[];
}

const BOX = { width: 190, height: 52 };
const CHAR_WIDTH = 6.6;
const MAX_DETAIL = 28;

const clip = (text: string, max = MAX_DETAIL) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

function triggerDetail(document: PlaybookDocument): string {
  const trigger = document.trigger;
  if (trigger.type === 'schedule') return trigger.cron;
  if (trigger.type === 'module') return `${trigger.module}/${trigger.trigger}`;
  return trigger.type === 'webhook' ? 'POST /hooks/…' : 'run by hand';
}

function nodeDetail(node: PlaybookNode): string {
  switch (node.type) {
    case 'action':
      return `${node.module}/${node.action}`;
    case 'condition':
      return `${node.branches.length} branch${node.branches.length === 1 ? '' : 'es'}${node.else ? ' + else' : ''}`;
    case 'foreach':
      return `each of ${Array.isArray(node.items) ? `${node.items.length} items` : node.items}`;
    case 'store':
      return `store ${[...Object.keys(node.set ?? {}), ...Object.keys(node.append ?? {}), ...(node.unset ?? [])].join(', ')}`;
    case 'join':
      return `join (${node.mode ?? 'all'})`;
  }
}

function lineOf(document: PlaybookDocument, from: string | undefined, outlet: EdgeOutlet): { kind: LineKind; label: string } {
  if (outlet.kind === 'error') return { kind: 'error', label: 'on error' };
  if (outlet.kind === 'else') return { kind: 'else', label: 'else' };
  if (outlet.kind === 'branch') {
    const node = from === undefined ? undefined : document.nodes[from];
    const name = node?.type === 'condition' ? node.branches[outlet.index]?.name : undefined;
    return { kind: 'branch', label: name ?? `branch ${outlet.index + 1}` };
  }
  return { kind: 'next', label: '' };
}

/**
 * Lays out a playbook document with dagre (top to bottom, one rank per step). A document whose
 * shape is not valid has no picture: the caller shows its issues instead.
 */
export function layoutPlaybook(value: unknown): PlaybookLayout | undefined {
  const parsed = playbookDocumentSchema.safeParse(value);
  if (!parsed.success) return undefined;
  const document = parsed.data;
  const graph = buildPlaybookGraph(document);
  const layout = new dagre.graphlib.Graph({ multigraph: true });
  layout.setGraph({ rankdir: 'TB', nodesep: 36, ranksep: 46, edgesep: 14, marginx: 12, marginy: 12 });
  const boxes = new Map<string, Omit<LaidBox, 'x' | 'y'>>();
  const add = (box: Omit<LaidBox, 'x' | 'y' | 'width' | 'height'>) => {
    const width = Math.max(BOX.width, Math.max(box.title.length, box.detail.length) * CHAR_WIDTH + 24);
    boxes.set(box.id, { ...box, width, height: BOX.height });
    layout.setNode(box.id, { width, height: BOX.height });
  };
  add({ id: TRIGGER_BOX, kind: 'trigger', title: `${document.trigger.type} trigger`, detail: clip(triggerDetail(document)) });
  for (const [id, node] of graph.nodes) add({ id, kind: node.type, title: clip(node.name ? `${id} · ${node.name}` : id, 34), detail: clip(nodeDetail(node)) });
  const lines: Array<Omit<LaidLine, 'points'> & { name: string }> = [];
  const link = (from: string, to: string, kind: LineKind, label: string) => {
    if (!boxes.has(to)) return;
    const name = `e${lines.length}`;
    lines.push({ from, to, kind, label, name });
    layout.setEdge(from, to, label ? { label, width: label.length * CHAR_WIDTH + 8, height: 16, labelpos: 'c' } : {}, name);
  };
  for (const edge of graph.entries) link(TRIGGER_BOX, edge.to, 'next', '');
  for (const [id, edges] of graph.outgoing) {
    for (const edge of edges) {
      const line = lineOf(document, id, edge.outlet);
      link(id, edge.to, line.kind, line.label);
    }
    const node = graph.nodes.get(id);
    if (node?.type === 'foreach') link(id, node.do, 'each', 'each item');
  }
  dagre.layout(layout);
  const size = layout.graph();
  return {
    width: Math.ceil(size.width ?? 0),
    height: Math.ceil(size.height ?? 0),
    boxes: [...boxes.values()].map((box) => {
      const at = layout.node(box.id);
      return { ...box, x: at.x - box.width / 2, y: at.y - box.height / 2 };
    }),
    lines: lines.map(({ name, ...line }) => {
      const at = layout.edge({ v: line.from, w: line.to, name });
      return { ...line, points: at.points ?? [], ...(line.label && at.x !== undefined && at.y !== undefined ? { labelAt: { x: at.x, y: at.y } } : {}) };
    }),
  };
}
