import type { NodeOutcome } from './node-outcomes.js';
import { TRIGGER_BOX, type LaidBox, type LaidLine, type PlaybookLayout } from './playbook-layout.js';

/** The anchor of a node's panel: a click on its box in the picture goes there (CSS `:target` shows it). */
export const nodeAnchor = (id: string) => `node-${id}`;

const KIND_LABEL: Record<LaidBox['kind'], string> = { trigger: 'TRIGGER', action: 'ACTION', condition: 'CONDITION', foreach: 'FOR EACH', store: 'STORE', join: 'JOIN' };

export function formatDuration(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

function Shape(props: { box: LaidBox }) {
  const { x, y, width: w, height: h, kind } = props.box;
  if (kind === 'condition') {
    const d = 14;
    return <polygon class="shape" points={`${x + d},${y} ${x + w - d},${y} ${x + w},${y + h / 2} ${x + w - d},${y + h} ${x + d},${y + h} ${x},${y + h / 2}`} />;
  }
  if (kind === 'foreach') {
    return (
      <>
        <rect class="shape stack" x={x + 5} y={y - 5} width={w} height={h} rx={6} />
        <rect class="shape" x={x} y={y} width={w} height={h} rx={6} />
      </>
    );
  }
  const rx = kind === 'trigger' || kind === 'join' ? h / 2 : kind === 'store' ? 0 : 6;
  return <rect class="shape" x={x} y={y} width={w} height={h} rx={rx} />;
}

function Box(props: { box: LaidBox; outcome?: NodeOutcome | undefined; linked: boolean }) {
  const { box, outcome } = props;
  const status = outcome?.status;
  const runs = outcome && outcome.records.length > 1 ? ` · ${outcome.records.length} records` : '';
  const third = outcome && outcome.records.length > 0 ? `${status} · ${formatDuration(outcome.durationMs)}${runs}` : status ? status.replace('-', ' ') : '';
  const label = `${KIND_LABEL[box.kind].toLowerCase()} ${box.title}${box.detail ? `, ${box.detail}` : ''}${third ? `, ${third}` : ''}`;
  const inner = (
    <g class={`box kind-${box.kind}${status ? ` outcome-${status}` : ''}`} data-node={box.id} data-status={status}>
      <title>{label}</title>
      <Shape box={box} />
      <text class="kind" x={box.x + 10} y={box.y + 12}>
        {KIND_LABEL[box.kind]}
      </text>
      <text class="title" x={box.x + box.width / 2} y={box.y + 27}>
        {box.title}
      </text>
      <text class="detail" x={box.x + box.width / 2} y={box.y + 42}>
        {third || box.detail}
      </text>
    </g>
  );
  if (!props.linked || box.id === TRIGGER_BOX) return inner;
  return (
    <a href={`#${nodeAnchor(box.id)}`} aria-label={label}>
      {inner}
    </a>
  );
}

function Line(props: { line: LaidLine }) {
  const { line } = props;
  const d = line.points.map((point, i) => `${i === 0 ? 'M' : 'L'}${point.x.toFixed(1)},${point.y.toFixed(1)}`).join(' ');
  return (
    <g class={`line line-${line.kind}`} data-from={line.from} data-to={line.to}>
      <path d={d} marker-end={line.kind === 'error' ? 'url(#arrow-error)' : 'url(#arrow)'} />
      {line.label && line.labelAt && (
        <text class="edge-label" x={line.labelAt.x} y={line.labelAt.y + 4}>
          {line.label}
        </text>
      )}
    </g>
  );
}

/**
 * A playbook drawn as an SVG, server-side (no script): boxes shaped and coloured by node kind,
 * branch and error edges labelled. With `outcomes` (an execution), each box is coloured by what
 * happened to it and shows its duration; with `linked`, each box links to `#node-<id>`.
 */
export function PlaybookGraphSvg(props: { layout: PlaybookLayout; outcomes?: Map<string, NodeOutcome>; linked?: boolean; title: string }) {
  const { layout } = props;
  return (
    <figure class="graph">
      <svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label={props.title} viewBox={`0 0 ${layout.width + 10} ${layout.height + 10}`} width={layout.width + 10} height={layout.height + 10}>
        <title>{props.title}</title>
        <defs>
          <marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
            <path d="M0,0 L10,5 L0,10 z" class="arrow" />
          </marker>
          <marker id="arrow-error" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
            <path d="M0,0 L10,5 L0,10 z" class="arrow-error" />
          </marker>
        </defs>
        {layout.lines.map((line) => (
          <Line line={line} />
        ))}
        {layout.boxes.map((box) => (
          <Box box={box} outcome={props.outcomes?.get(box.id)} linked={props.linked ?? false} />
        ))}
      </svg>
      {props.outcomes && (
        <figcaption class="legend">
          <span class="swatch outcome-succeeded">succeeded</span> <span class="swatch outcome-failed">failed</span> <span class="swatch outcome-skipped">skipped</span> <span class="swatch outcome-not-reached">not reached</span>
        </figcaption>
      )}
    </figure>
  );
}

/** The picture's styles, appended to the console's stylesheet. */
export const GRAPH_CSS = `
figure.graph { margin: .5rem 0 1rem; overflow: auto; border: 1px solid var(--line); border-radius: 8px; padding: .5rem; background: #fbfcfd; }
figure.graph svg { display: block; max-width: none; font: 12px system-ui, sans-serif; }
.graph .shape { fill: #fff; stroke: #57606a; stroke-width: 1.5; } .graph .shape.stack { fill: #eef1f4; }
.graph .kind-trigger .shape { fill: #ddf4ff; stroke: #0550ae; } .graph .kind-action .shape { fill: #fff; stroke: #24292f; }
.graph .kind-condition .shape { fill: #fff8c5; stroke: #9a6700; } .graph .kind-foreach .shape { fill: #fbefff; stroke: #8250df; }
.graph .kind-store .shape { fill: #f6f8fa; stroke: #57606a; } .graph .kind-join .shape { fill: #f6f8fa; stroke: #57606a; }
.graph .outcome-succeeded .shape { fill: #dafbe1; stroke: #116329; stroke-width: 2.5; } .graph .outcome-failed .shape { fill: #ffebe9; stroke: #a40e26; stroke-width: 2.5; }
.graph .outcome-skipped .shape { fill: #f6f8fa; stroke: #8c959f; stroke-dasharray: 4 3; } .graph .outcome-not-reached .shape { fill: #fff; stroke: #d0d7de; stroke-dasharray: 2 3; }
.graph .outcome-skipped text, .graph .outcome-not-reached text { fill: #6e7781; }
.graph text { fill: #1b1f24; text-anchor: middle; } .graph text.kind { font-size: 8.5px; letter-spacing: .06em; fill: #57606a; text-anchor: start; }
.graph text.title { font-weight: 600; } .graph text.detail { fill: #57606a; font-size: 11px; }
.graph a:focus-visible .shape, .graph a:hover .shape { stroke: #0969da; stroke-width: 3; }
.graph .line path { fill: none; stroke: #57606a; stroke-width: 1.4; } .graph .arrow { fill: #57606a; } .graph .arrow-error { fill: #a40e26; }
.graph .line-error path { stroke: #a40e26; stroke-dasharray: 5 3; } .graph .line-each path { stroke: #8250df; stroke-dasharray: 2 2; }
.graph .edge-label { font-size: 11px; paint-order: stroke; stroke: #fbfcfd; stroke-width: 4px; fill: #24292f; } .graph .line-error .edge-label { fill: #a40e26; }
.legend { margin-top: .4rem; font-size: .85rem; display: flex; gap: .8rem; flex-wrap: wrap; }
.swatch::before { content: ""; display: inline-block; width: .8rem; height: .8rem; margin-right: .3rem; vertical-align: -1px; border: 2px solid; border-radius: 3px; }
.swatch.outcome-succeeded::before { background: #dafbe1; border-color: #116329; } .swatch.outcome-failed::before { background: #ffebe9; border-color: #a40e26; }
.swatch.outcome-skipped::before { background: #f6f8fa; border-color: #8c959f; border-style: dashed; } .swatch.outcome-not-reached::before { background: #fff; border-color: #d0d7de; border-style: dotted; }
.node-panel { display: none; border: 2px solid #0969da; border-radius: 8px; padding: .5rem 1rem; margin: .5rem 0 1rem; }
.node-panel:target { display: block; } .node-hint { margin: .25rem 0; }
`;
