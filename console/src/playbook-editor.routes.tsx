import { isPlyError, toPlyError, type PlyIssue } from '@ply/core';
import { Hono, type Context } from 'hono';
import { stringify } from 'yaml';
import type { ConsoleDeps } from './console-app.js';
import type { ConsoleEnv } from './console-env.js';
import { page, redirectWith, viewerOf } from './console-page.js';
import { ActionCatalogue } from './editor/action-catalogue.js';
import { DryRunResults } from './editor/dry-run-results.js';
import { EditorForm, type EditorState } from './editor/editor-form.js';
import { readEditorText, type LineIssue } from './editor/issue-lines.js';

/** What a new playbook starts from: a webhook that stores one value (valid, so a dry run works at once). */
const NEW_TEXT = `name: My playbook
description: What it does
trigger:
  type: webhook
  next: [remember]
nodes:
  remember:
    type: store
    set:
      alert: "{{ trigger.alert_uuid }}"
`;

const ID = /^[A-Za-z0-9_-]{1,64}$/;

type Form = { text: string; sample: string; results: string; intent: string; id: string };

async function readForm(c: Context<ConsoleEnv>): Promise<Form> {
  const body = await c.req.parseBody();
  const field = (name: string, fallback = '') => (typeof body[name] === 'string' ? (body[name] as string).replace(/\r\n/g, '\n') : fallback);
  return { text: field('text'), sample: field('sample', '{}') || '{}', results: field('results', '{}') || '{}', intent: field('intent', 'save'), id: field('id').trim() };
}

/** A JSON field of the form, or the problem with it. */
function jsonField(text: string, name: string): { value: unknown } | { issue: LineIssue } {
  try {
    return { value: JSON.parse(text) as unknown };
  } catch (error) {
    return { issue: { line: 1, pointer: name, message: `not valid JSON: ${(error as Error).message}` } };
  }
}

/**
 * `/playbooks/new` and `/playbooks/:id/edit` (admin): the playbook as YAML with the action
 * catalogue beside it; Save validates and keeps a version (each problem shown at its line), Dry
 * run renders every node with a sample trigger event without calling anything.
 */
export function playbookEditorRoutes(deps: ConsoleDeps): Hono<ConsoleEnv> {
  const app = new Hono<ConsoleEnv>();
  const { runtime } = deps;

  /** The text's problems at their lines: syntax first, then everything validation finds. */
  const check = async (text: string): Promise<{ value?: unknown; issues: LineIssue[] }> => {
    const read = readEditorText(text);
    if (read.value === undefined) return { issues: read.syntax.length > 0 ? read.syntax : [{ line: 1, pointer: '/', message: 'the text is empty' }] };
    return { value: read.value, issues: read.place(await runtime.engine.validate(read.value)) };
  };

  const editor = async (c: Context<ConsoleEnv>, props: { title: string; action: string; state: EditorState; idField?: boolean; status?: 200 | 422; notice?: { kind: 'good' | 'bad'; text: string }; dryRun?: Awaited<ReturnType<typeof runtime.engine.dryRun>>['nodes'] }) => {
    const accounts = new Map<string, string[]>();
    for (const account of await runtime.store.accounts.list()) accounts.set(account.module, [...(accounts.get(account.module) ?? []), account.name]);
    return page(
      c,
      { title: props.title, section: '/playbooks', status: props.status ?? 200, ...(props.notice ? { notice: props.notice } : {}) },
      <div class="editor-layout">
        <div>
          <EditorForm action={props.action} csrf={viewerOf(c).csrf} state={props.state} {...(props.idField ? { idField: true } : {})} />
          {props.dryRun && <DryRunResults nodes={props.dryRun} />}
        </div>
        <ActionCatalogue modules={runtime.ply.catalog.modules()} accounts={accounts} />
      </div>,
    );
  };

  /** Save or dry run, for a new playbook (`id` undefined) or an existing one. */
  const submit = async (c: Context<ConsoleEnv>, id: string | undefined) => {
    const form = await readForm(c);
    const title = id ? `Edit ${(await runtime.store.playbooks.get(id)).name}` : 'New playbook';
    const action = id ? `/playbooks/${encodeURIComponent(id)}/edit` : '/playbooks/new';
    const { value, issues } = await check(form.text);
    const state = (more: LineIssue[] = []): EditorState => ({ text: form.text, sample: form.sample, results: form.results, issues: [...issues, ...more] });
    const show = (props: { status?: 200 | 422; notice?: { kind: 'good' | 'bad'; text: string }; more?: LineIssue[]; dryRun?: Awaited<ReturnType<typeof runtime.engine.dryRun>>['nodes'] }) =>
      editor(c, { title, action, state: state(props.more), idField: !id, ...props });
    if (value === undefined) return show({ status: 422, notice: { kind: 'bad', text: 'The text is not readable as YAML or JSON: see the marked lines.' } });
    const placeFailure = (error: unknown): LineIssue[] => {
      const failure = toPlyError(error);
      const raw: PlyIssue[] = failure.issues.length > 0 ? failure.issues : [{ pointer: '/', message: `${failure.code}: ${failure.message}` }];
      return readEditorText(form.text).place(raw).filter((issue) => !issues.some((known) => known.pointer === issue.pointer && known.message === issue.message));
    };
    if (form.intent === 'dry-run') {
      const sample = jsonField(form.sample, '/sample');
      const results = jsonField(form.results, '/results');
      const bad = [sample, results].flatMap((field) => ('issue' in field ? [field.issue] : []));
      if (bad.length > 0 || !('value' in sample) || !('value' in results)) return show({ status: 422, notice: { kind: 'bad', text: 'The sample event or results are not valid JSON.' }, more: bad });
      const sampleResults = typeof results.value === 'object' && results.value !== null && !Array.isArray(results.value) ? (results.value as Record<string, unknown>) : {};
      try {
        const { nodes } = await runtime.engine.dryRun(value, { trigger: sample.value, results: sampleResults });
        return show({ notice: { kind: issues.length > 0 ? 'bad' : 'good', text: `Dry run of ${nodes.length} node(s): nothing was called or recorded.${issues.length > 0 ? ` ${issues.length} problem(s) to fix before it can be enabled.` : ''}` }, dryRun: nodes });
      } catch (error) {
        return show({ status: 422, notice: { kind: 'bad', text: 'No dry run: the document is not a playbook yet.' }, more: placeFailure(error) });
      }
    }
    try {
      const session = c.get('consoleSession');
      const savedBy = { source: form.text, ...(session.tokenName ? { savedBy: session.tokenName } : {}) };
      if (!id && form.id && !ID.test(form.id)) return show({ status: 422, notice: { kind: 'bad', text: 'Not saved: the id may hold letters, digits, "-" and "_" only (at most 64).' } });
      const saved = id ? await runtime.engine.update(id, value, savedBy) : await runtime.engine.create(value, { ...(form.id ? { id: form.id } : {}), ...savedBy });
      const rest = issues.length > 0 ? ` ${issues.length} problem(s) remain: it cannot be enabled until they are fixed.` : ' It is valid.';
      return redirectWith(c, `/playbooks/${encodeURIComponent(saved.id)}/edit`, { kind: issues.length > 0 ? 'bad' : 'good', text: `Saved as version ${saved.version}.${rest}` });
    } catch (error) {
      if (!isPlyError(error) || (error.code !== 'PLY_PLAYBOOK_INVALID' && error.code !== 'PLY_INVALID_INPUT')) throw error;
      return show({ status: 422, notice: { kind: 'bad', text: `Not saved: ${error.code === 'PLY_INVALID_INPUT' ? error.message : 'fix the problems marked below.'}` }, more: placeFailure(error) });
    }
  };

  app.get('/new', deps.role('admin'), (c) => editor(c, { title: 'New playbook', action: '/playbooks/new', idField: true, state: { text: NEW_TEXT, sample: '{\n  "alert_uuid": "ALdemo1"\n}', results: '{}', issues: [] } }));

  app.post('/new', deps.role('admin'), (c) => submit(c, undefined));

  app.get('/:id/edit', deps.role('admin'), async (c) => {
    const playbook = await runtime.store.playbooks.get(c.req.param('id'));
    // The text it was written as, comments and layout kept; a playbook stored without one is shown as YAML.
    const text = (await runtime.store.playbookVersions.find(playbook.id, playbook.version))?.source ?? stringify(playbook.document);
    const { issues } = await check(text);
    return editor(c, { title: `Edit ${playbook.name}`, action: `/playbooks/${encodeURIComponent(playbook.id)}/edit`, state: { text, sample: '{}', results: '{}', issues } });
  });

  app.post('/:id/edit', deps.role('admin'), async (c) => submit(c, (await runtime.store.playbooks.get(c.req.param('id'))).id));

  return app;
}
