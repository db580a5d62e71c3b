import type { Child } from 'hono/jsx';

/** Deeper levels are not drawn: records made before bodies were bounded may nest thousands deep. */
const MAX_TREE_DEPTH = 64;

function Scalar(props: { value: unknown }) {
  const { value } = props;
  if (value === null || value === undefined) return <span class="null">null</span>;
  if (typeof value === 'string') return <span class="str">{JSON.stringify(value)}</span>;
  if (typeof value === 'number') return <span class="num">{String(value)}</span>;
  if (typeof value === 'boolean') return <span class="bool">{String(value)}</span>;
  return <span>{String(value)}</span>;
}

function Node(props: { label: Child; value: unknown; depth: number }): Child {
  const { value, depth } = props;
  if (typeof value !== 'object' || value === null) {
    return (
      <div>
        {props.label}
        <Scalar value={value} />
      </div>
    );
  }
  if (depth >= MAX_TREE_DEPTH) {
    return (
      <div>
        {props.label}
        <span class="muted">{`nested deeper than ${MAX_TREE_DEPTH} levels, not shown`}</span>
      </div>
    );
  }
  const entries: Array<[string, unknown]> = Array.isArray(value) ? value.map((item, index) => [String(index), item]) : Object.entries(value);
  const summary = Array.isArray(value) ? `[${entries.length} item${entries.length === 1 ? '' : 's'}]` : `{${entries.length} key${entries.length === 1 ? '' : 's'}}`;
  return (
    <details class="json" open={depth < 2}>
      <summary>
        {props.label}
        <span class="muted">{summary}</span>
      </summary>
      {entries.map(([key, item]) => (
        <Node label={<span class="key">{`${key}: `}</span>} value={item} depth={depth + 1} />
      ))}
    </details>
  );
}

/**
 * A JSON value as nested `<details>` elements: collapsible with the keyboard and without any
 * script; the first two levels start open.
 */
export function JsonTree(props: { value: unknown; label?: string }) {
  return (
    <div class="json json-root">
      <Node label={props.label ? <span class="key">{`${props.label}: `}</span> : ''} value={props.value} depth={0} />
    </div>
  );
}
