import type { TemplateContext, TemplateEngineOptions } from '@ply/core';

/** The bounds of a rendering (@ply/jinja's `RenderLimits`). */
export type RenderLimits = NonNullable<TemplateEngineOptions['limits']>;

/** What the template worker is started with. */
export interface RenderWorkerData {
  limits: RenderLimits | undefined;
}

/** One rendering handed to the template worker (structured-cloned). */
export interface RenderJob {
  id: number;
  value: unknown;
  context: TemplateContext;
  /** The secret input strings of the rendering (a predicate cannot cross threads). */
  secrets: string[] | undefined;
  /** An action's argument schema: a lone `{{ expr }}` is text where it accepts only strings. */
  schema?: object;
}

/** The worker's answer: the rendered value and its marked fragments, or the error as code, message and details. */
export type RenderAnswer =
  | { id: number; value: unknown; marks: string[] }
  | { id: number; error: { code: string; message: string; details: Record<string, unknown> } };
