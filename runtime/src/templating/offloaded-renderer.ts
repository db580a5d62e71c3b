import { isPlyError, stringOnlyPointers, TemplateEngine, type ArgumentRenderer, type JsonSchema, type MarkedValue, type RenderValueOptions, type TemplateContext } from '@ply/core';
import type { RenderLimits } from './render-messages.js';
import { RenderWorkerPool } from './render-worker-pool.js';

type SecretMatcher = NonNullable<RenderValueOptions['secrets']>;

/** Options of an {@link OffloadedRenderer}. */
export interface OffloadedRendererOptions {
  /** The full bounds of a rendering (@ply/jinja's defaults otherwise: 1,000,000 steps). */
  limits?: RenderLimits;
  /** Steps a rendering may take on the event loop before it is run again in the worker. Default 20,000 (about 2 ms). */
  loopSteps?: number;
}

/** How deep {@link secretInputs} looks for secret strings in the data. */
const MAX_DEPTH = 200;

/**
 * Renders templates without holding the event loop: each rendering first runs here with a small
 * step budget (nearly all do, in well under a millisecond); one that runs out of it is rendered
 * again, with the full limits, in a `worker_threads` worker, and its caller awaits the answer
 * while the server goes on serving. Templates have no side effects, so the second rendering gives
 * what one rendering would; errors keep their codes (PLY_TEMPLATE_LIMIT, ...) and the taint marks
 * of secret-derived output come back with the value.
 */
export class OffloadedRenderer implements ArgumentRenderer {
  private readonly quick: TemplateEngine;
  private readonly pool: RenderWorkerPool;
  private readonly offloads: boolean;
  private full: TemplateEngine | undefined;

  constructor(private readonly options: OffloadedRendererOptions = {}) {
    const maxSteps = options.limits?.maxSteps ?? Number.POSITIVE_INFINITY;
    const loopSteps = Math.min(options.loopSteps ?? 20_000, maxSteps);
    // With no lower bound given, the full one is @ply/jinja's default (1,000,000 steps).
    this.offloads = loopSteps < maxSteps;
    this.quick = new TemplateEngine({ limits: { ...options.limits, maxSteps: loopSteps } });
    this.pool = new RenderWorkerPool(options.limits);
  }

  /** {@link TemplateEngine.renderValueMarked}, in the worker when it needs more than the loop's budget. */
  renderValueMarked(value: unknown, context: TemplateContext, options: { secrets?: SecretMatcher } = {}): Promise<MarkedValue> {
    return this.render(value, context, options.secrets, undefined);
  }

  /** An action's arguments (the kernel's {@link ArgumentRenderer}), in the worker when they need more than the loop's budget. */
  renderArguments(value: Record<string, unknown>, context: TemplateContext, options: { schema: JsonSchema; secrets?: SecretMatcher }): Promise<MarkedValue> {
    return this.render(value, context, options.secrets, options.schema);
  }

  private async render(value: unknown, context: TemplateContext, secrets: SecretMatcher | undefined, schema: JsonSchema | undefined): Promise<MarkedValue> {
    const options = { ...(secrets ? { secrets } : {}), ...(schema ? { textAt: stringOnlyPointers(schema) } : {}) };
    try {
      return this.quick.renderValueMarked(value, context, options);
    } catch (error) {
      if (!this.offloads || !isPlyError(error) || error.code !== 'PLY_TEMPLATE_LIMIT' || error.details['limit'] !== 'steps') throw error;
    }
    let rendering: Promise<MarkedValue>;
    try {
      rendering = this.pool.render({ value, context, secrets: secretInputs(secrets, value, context), ...(schema ? { schema } : {}) });
    } catch (error) {
      // Data that cannot cross threads (a function): rendered here, as before.
      if ((error as Error).name !== 'DataCloneError') throw error;
      this.full ??= new TemplateEngine(this.options.limits ? { limits: this.options.limits } : {});
      return this.full.renderValueMarked(value, context, options);
    }
    return rendering;
  }

  /** Stops the worker (an idle one does not keep the process alive anyway). */
  close(): Promise<void> {
    return this.pool.close();
  }
}

/** The strings of `value` and `context` the matcher calls secret: what the worker's rendering treats as secret inputs. */
function secretInputs(secrets: SecretMatcher | undefined, value: unknown, context: TemplateContext): string[] | undefined {
  if (secrets === undefined) return undefined;
  if (typeof secrets !== 'function') return [...secrets];
  const found = new Set<string>();
  const seen = new Set<object>();
  const walk = (item: unknown, depth: number): void => {
    if (typeof item === 'string') {
      if (secrets(item)) found.add(item);
      return;
    }
    if (typeof item !== 'object' || item === null || depth > MAX_DEPTH || seen.has(item)) return;
    seen.add(item);
    for (const child of Array.isArray(item) ? item : Object.values(item)) walk(child, depth + 1);
  };
  walk(value, 0);
  walk(context, 0);
  return [...found];
}
