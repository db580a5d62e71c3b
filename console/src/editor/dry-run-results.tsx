import type { DryRunNode } from '@ply/runtime';
import { JsonTree } from '../json-tree.js';

/** What a dry run rendered, node by node: arguments with templates evaluated, branches, what was not known. */
export function DryRunResults(props: { nodes: readonly DryRunNode[] }) {
  return (
    <section aria-label="Dry run" id="dry-run">
      <h2>Dry run</h2>
      <p class="hint">Templates evaluated with the sample trigger event; no vendor was called and no execution was recorded. Results of earlier nodes are not known unless you give sample results.</p>
      <ol class="timeline">
        {props.nodes.map((node) => (
          <li class="dry-node" data-node={node.nodeId}>
            <h3>
              {node.nodeId} <span class="muted">({node.kind})</span>
              {node.kind === 'condition' && (node.branch === undefined ? <span class="muted"> branch not known</span> : <span class="status succeeded">{` takes ${node.branch === null ? 'else' : `branch ${node.branch}`}`}</span>)}
            </h3>
            {node.error && (
              <p class="notice bad">
                <code>{node.error.code}</code>
                {node.error.pointer ? ` at ${node.error.pointer}` : ''}: {node.error.message}
              </p>
            )}
            {node.unknown.length > 0 && <p class="muted">{`Not known in a dry run: ${node.unknown.join(', ')}`}</p>}
            {node.rendered !== undefined && <JsonTree value={node.rendered} label={node.kind === 'action' ? 'arguments' : node.kind === 'foreach' ? 'items' : 'values'} />}
          </li>
        ))}
      </ol>
    </section>
  );
}
