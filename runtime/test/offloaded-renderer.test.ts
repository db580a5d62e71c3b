import { afterEach, describe, expect, it } from 'vitest';
import { PlyError } from '@ply/core';
import { OffloadedRenderer } from '../src/templating/offloaded-renderer.js';

/** About n² steps: 300 items take some 100,000, past the loop's 20,000 and under the full 1,000,000. */
const LOOP = '{% for a in xs %}{% for b in xs %}{% endfor %}{% endfor %}';
const xs = Array.from({ length: 300 }, (_, i) => i);

const renderers: OffloadedRenderer[] = [];
afterEach(async () => {
  for (const renderer of renderers.splice(0)) await renderer.close();
});

function renderer(): OffloadedRenderer {
  const made = new OffloadedRenderer();
  renderers.push(made);
  return made;
}

/** Counts event-loop turns (setImmediate) until `work` settles: more than a few means the loop was free meanwhile. */
async function loopTurnsDuring<T>(work: () => Promise<T>): Promise<{ result: T; turns: number }> {
  let turns = 0;
  let done = false;
  const spin = (): void => {
    if (done) return;
    turns++;
    setImmediate(spin);
  };
  setImmediate(spin);
  try {
    return { result: await work(), turns };
  } finally {
    done = true;
  }
}

async function errorOf(work: Promise<unknown>): Promise<PlyError> {
  try {
    await work;
  } catch (error) {
    if (error instanceof PlyError) return error;
    throw error;
  }
  throw new Error('expected a PlyError');
}

describe('OffloadedRenderer', () => {
  it('renders a light template on the event loop, without giving it up', async () => {
    const { result, turns } = await loopTurnsDuring(() => renderer().renderValueMarked({ a: '{{ x + 1 }}', b: 'n={{ x }}' }, { x: 2 }));
    expect(result).toEqual({ value: { a: 3, b: 'n=2' }, marks: [] });
    expect(turns).toBe(0);
  });

  it('renders a template past the loop budget in the worker while the loop keeps turning', async () => {
    const { result, turns } = await loopTurnsDuring(() => renderer().renderValueMarked({ out: `${LOOP}{{ xs | length }}`, typed: `{{ xs | length }}` }, { xs }));
    expect(result.value).toEqual({ out: '300', typed: 300 });
    expect(turns).toBeGreaterThan(5);
  });

  it('brings back the marks of what the worker derived from a secret (given by a predicate)', async () => {
    const secret = 'hunter2-very-secret-value';
    const { value, marks } = await renderer().renderValueMarked(`${LOOP}{{ token | upper | reverse }}`, { xs, token: secret, other: 'plain' }, { secrets: (text) => text === secret });
    const derived = [...secret.toUpperCase()].reverse().join('');
    expect(value).toBe(derived);
    expect(marks).toContain(derived);
  });

  it('keeps the error codes of a rendering in the worker: PLY_TEMPLATE_LIMIT at the full step bound', async () => {
    const error = await errorOf(renderer().renderValueMarked('{% for a in xs %}{% for b in xs %}{% for c in xs %}{% endfor %}{% endfor %}{% endfor %}', { xs }));
    expect(error.code).toBe('PLY_TEMPLATE_LIMIT');
    expect(error.details).toMatchObject({ limit: 'steps', maximum: 1_000_000 });
    expect(error.status).toBe(422);
  });

  it('keeps the error codes of a rendering in the worker: PLY_TEMPLATE_ERROR with the pointer of the faulty value', async () => {
    const error = await errorOf(renderer().renderValueMarked({ ok: 'x', bad: `${LOOP}{{ 1 / 0 }}` }, { xs }));
    expect(error.code).toBe('PLY_TEMPLATE_ERROR');
    expect(error.details['pointer']).toBe('/bad');
    expect(error.message).toMatch(/division by zero/i);
  });

  it('honours a lower full bound: no worker when the loop budget is the whole bound', async () => {
    const small = new OffloadedRenderer({ limits: { maxSteps: 10_000 } });
    renderers.push(small);
    const error = await errorOf(small.renderValueMarked(LOOP, { xs }));
    expect(error.details).toMatchObject({ limit: 'steps', maximum: 10_000 });
  });
});

describe('OffloadedRenderer.renderArguments (an action\'s arguments)', () => {
  const schema = { type: 'object', properties: { text: { type: 'string' }, count: { type: 'integer' } } };

  it('renders heavy argument templates in the worker, a lone expression becoming text where the schema takes only strings', async () => {
    // The loop runs out of the loop's budget, so both arguments are rendered again in the worker.
    const value = { text: '{{ xs | length }}', count: '{{ xs | length }}', heavy: `${LOOP}done` };
    const { result, turns } = await loopTurnsDuring(() => renderer().renderArguments(value, { xs }, { schema }));
    expect(turns).toBeGreaterThan(3);
    expect(result.value).toEqual({ text: '300', count: 300, heavy: 'done' });
  });

  it('renders light argument templates on the loop with the same typing', async () => {
    const { value } = await renderer().renderArguments({ text: '{{ n }}', count: '{{ n }}' }, { n: 7 }, { schema });
    expect(value).toEqual({ text: '7', count: 7 });
  });
});
