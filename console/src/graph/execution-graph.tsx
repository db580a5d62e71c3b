import type { ExecutionRecord, NodeRecord } from '@ply/runtime';
import { JsonTree } from '../json-tree.js';
import { nodeOutcomes } from './node-outcomes.js';
import { layoutPlaybook, TRIGGER_BOX } from './playbook-layout.js';
import { formatDuration, nodeAnchor, PlaybookGraphSvg } from './playbook-graph.svg.js';

const when = (iso: string) => iso.replace('T', ' ').slice(0, 19);
const spent = (record: NodeRecord) => formatDuration(Date.parse(record.finishedAt) - Date.parse(record.startedAt));

function RecordDetails(props: { record: NodeRecord; load: (value: unknown) => unknown }) {
  const { record } = props;
  return (
    <div class="record">
      <p class="muted">
        <span class={`status ${record.status}`}>{record.status}</span> · {when(record.startedAt)} · {spent(record)} · attempt {record.attempt}
        {record.iteration !== undefined && ` · iteration ${record.iteration}`}
      </p>
      {record.error && (
        <p class="notice bad">
          <code>{record.error.code}</code>: {record.error.message}
        </p>
      )}
      {record.arguments !== undefined && <JsonTree value={props.load(record.arguments)} label="arguments" />}
      {record.results !== undefined && <JsonTree value={props.load(record.results)} label="results" />}
    </div>
  );
}

/**
 * An execution as a picture: the playbook's graph with each node coloured by its outcome, a
 * panel per node (shown by CSS `:target` when its box is clicked) with its rendered arguments and
 * results as recorded (masked before they were written), and the records in order below.
 */
export function ExecutionGraph(props: { execution: ExecutionRecord; document: unknown; load: (value: unknown) => unknown }) {
  const { execution, load } = props;
  const records = execution.nodes ?? [];
  const layout = layoutPlaybook(props.document);
  const outcomes = layout ? nodeOutcomes(layout, execution) : undefined;
  return (
    <>
      {layout && outcomes ? (
        <>
          <PlaybookGraphSvg layout={layout} outcomes={outcomes} linked title={`Path of execution ${execution.id}`} />
          <p class="hint node-hint">Select a node in the picture to see its arguments and results here.</p>
          {layout.boxes
            .filter((box) => box.id !== TRIGGER_BOX)
            .map((box) => {
              const outcome = outcomes.get(box.id)!;
              return (
                <section class="node-panel" id={nodeAnchor(box.id)} aria-label={`Node ${box.id}`}>
                  <h3>
                    {box.id} <span class="muted">({box.kind})</span> <span class={`status ${outcome.status}`}>{outcome.status.replace('-', ' ')}</span>
                  </h3>
                  {outcome.records.length === 0 ? <p class="muted">No record: this node did not run in this execution.</p> : outcome.records.map((record) => <RecordDetails record={record} load={load} />)}
                </section>
              );
            })}
        </>
      ) : (
        <p class="muted">No picture: the playbook's document is not readable as a playbook.</p>
      )}
      <h2>Timeline</h2>
      {records.length === 0 ? (
        <p>No node has run.</p>
      ) : (
        <ol class="timeline">
          {records.map((record) => (
            <li>
              <a href={`#${nodeAnchor(record.nodeId)}`}>{`${record.seq + 1}. ${record.nodeId}`}</a> <span class="muted">({record.kind})</span> <span class={`status ${record.status}`}>{record.status}</span>{' '}
              <span class="muted">
                {when(record.startedAt)} · {spent(record)} · attempt {record.attempt}
                {record.iteration !== undefined && ` · iteration ${record.iteration}`}
              </span>
              {record.error && (
                <div>
                  <code>{record.error.code}</code>: {record.error.message}
                </div>
              )}
              {!layout && <RecordDetails record={record} load={load} />}
            </li>
          ))}
        </ol>
      )}
    </>
  );
}
