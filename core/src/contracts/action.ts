import type { z } from 'zod';
import type { ActionContext } from './context.js';
import type { ItemMetadata } from './item-metadata.js';

/**
 * An action: one call, arguments in, results out. Arguments arrive validated against
 * the generated JSON Schema (defaults applied); the results are validated after `run`.
 */
export interface ActionDefinition<
  Args extends z.ZodType = z.ZodType,
  Results extends z.ZodType = z.ZodType,
  Config = Record<string, unknown>,
> extends ItemMetadata<Args, Results> {
  readonly kind: 'action';
  /**
   * The run's deadline in ms when the request sets none (default: the executor's,
   * `PLY_ACTION_TIMEOUT_MS`, 60 s). For actions whose vendor work really takes longer: a search
   * job the vendor may run for half an hour, an upload retried for an hour.
   */
  readonly timeoutMs?: number;
  run(ctx: ActionContext<Config>, args: z.output<Args>): Promise<z.input<Results>> | z.input<Results>;
}

/** Declares an action. The object is the single source: its JSON file is generated from it. */
export function defineAction<Args extends z.ZodType, Results extends z.ZodType, Config = Record<string, unknown>>(
  definition: Omit<ActionDefinition<Args, Results, Config>, 'kind'>,
): ActionDefinition<Args, Results, Config> {
  return Object.freeze({ ...definition, kind: 'action' as const });
}
