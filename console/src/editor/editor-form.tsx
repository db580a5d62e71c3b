import { CsrfField } from '../csrf-field.js';
import type { LineIssue } from './issue-lines.js';

/** What the editor page shows: the text, the sample event and results, and the problems at their lines. */
export interface EditorState {
  text: string;
  sample: string;
  results: string;
  issues: LineIssue[];
}

/** The text with line numbers, each problem under its line (a link target `#line-<n>`). */
function Listing(props: { text: string; issues: readonly LineIssue[] }) {
  const byLine = new Map<number, LineIssue[]>();
  for (const issue of props.issues) byLine.set(issue.line, [...(byLine.get(issue.line) ?? []), issue]);
  return (
    <ol class="listing" aria-label="The text with its problems">
      {props.text.split('\n').map((line, index) => {
        const here = byLine.get(index + 1) ?? [];
        return (
          <li id={`line-${index + 1}`} class={here.length > 0 ? 'bad' : undefined}>
            <code>{line || ' '}</code>
            {here.map((issue) => (
              <div class="line-issue" role="note">
                <code>{issue.pointer}</code> {issue.message}
              </div>
            ))}
          </li>
        );
      })}
    </ol>
  );
}

/**
 * The playbook editor: one form, two buttons (save, dry run). The problems are listed with
 * their lines and shown again under each line of the listing; no script is needed.
 */
export function EditorForm(props: { action: string; csrf: string; state: EditorState; idField?: boolean }) {
  const { state } = props;
  return (
    <>
      {state.issues.length > 0 && (
        <section aria-label="Problems" class="problems">
          <h2>{`${state.issues.length} problem${state.issues.length === 1 ? '' : 's'}`}</h2>
          <ul>
            {state.issues.map((issue) => (
              <li>
                <a href={`#line-${issue.line}`}>{`line ${issue.line}`}</a>: <code>{issue.pointer}</code> {issue.message}
              </li>
            ))}
          </ul>
        </section>
      )}
      <form class="stack editor" method="post" action={props.action}>
        <CsrfField token={props.csrf} />
        {props.idField && (
          <div class="field">
            <label for="editor-id">Id (optional)</label>
            <input type="text" id="editor-id" name="id" pattern="[A-Za-z0-9_-]{1,64}" />
            <p class="hint">Letters, digits, "-" and "_": the webhook URL is /hooks/&lt;id&gt;. Default: a random id.</p>
          </div>
        )}
        <div class="field">
          <label for="editor-text">Playbook (YAML or JSON)</label>
          <textarea id="editor-text" name="text" rows={24} spellcheck={false} aria-invalid={state.issues.length > 0 ? 'true' : undefined}>
            {state.text}
          </textarea>
        </div>
        <details open={state.sample !== '{}' || state.results !== '{}'}>
          <summary>Sample trigger event and results for the dry run</summary>
          <div class="field">
            <label for="editor-sample">Sample trigger event (JSON)</label>
            <textarea id="editor-sample" name="sample" rows={5} spellcheck={false}>
              {state.sample}
            </textarea>
          </div>
          <div class="field">
            <label for="editor-results">Sample results by node id (JSON, optional)</label>
            <textarea id="editor-results" name="results" rows={4} spellcheck={false}>
              {state.results}
            </textarea>
          </div>
        </details>
        <div class="actions">
          <button type="submit" name="intent" value="save">
            Save
          </button>
          <button type="submit" name="intent" value="dry-run" class="secondary">
            Dry run
          </button>
        </div>
      </form>
      {state.issues.length > 0 && (
        <>
          <h2>Where</h2>
          <Listing text={state.text} issues={state.issues} />
        </>
      )}
    </>
  );
}

/** The editor's styles: the form and the catalogue side by side, the listing with its marked lines. */
export const EDITOR_CSS = `
.editor-layout { display: grid; grid-template-columns: minmax(0, 1fr) 22rem; gap: 1.5rem; align-items: start; }
@media (max-width: 60rem) { .editor-layout { grid-template-columns: 1fr; } }
form.editor textarea { max-width: none; font: .88rem/1.45 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
.catalogue { border-left: 1px solid var(--line); padding-left: 1rem; font-size: .92rem; } .catalogue h2 { margin-top: 0; }
.catalogue details.module { margin: .35rem 0; } .catalogue details.action { margin: .3rem 0 .3rem .8rem; } .catalogue pre { font-size: .8rem; }
ol.listing { font: .85rem/1.45 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; background: var(--soft); border-radius: 6px; padding: .5rem .5rem .5rem 3rem; white-space: pre; overflow: auto; }
ol.listing li.bad { background: #ffebe9; } ol.listing li:target { outline: 2px solid #0969da; }
.line-issue { white-space: normal; color: var(--bad); font-family: system-ui, sans-serif; font-weight: 600; }
.problems ul { margin: 0 0 1rem; }
`;
