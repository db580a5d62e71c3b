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
   * Which of its `outputs` these results select (Sekoia's `set_output(name, True)`); the run's
   * result then says, for every declared output, whether it was selected.
   */
  selectOutputs?(results: z.output<Results>, args: z.output<Args>): string | readonly string[];
  /**
   * The action's own deadline in ms when the run does not set one, for long work (submit a file,
   * then wait for its analysis): a number, or from the arguments or the account's configuration
   * (`(args) => (args.timeout + 60) * 1000`, `(_args, config) => config.analysis_timeout * 1000`), so
   * the wait they ask for fits in it. Default: the kernel's (`PLY_ACTION_TIMEOUT_MS`).
   */
  timeoutMs?: number | ((args: z.output<Args>, config: Config) => number);
  run(ctx: ActionContext<Config>, args: z.output<Args>): Promise<z.input<Results>> | z.input<Results>;
}

/** Declares an action. The object is the single source: its JSON file is generated from it. */
export function defineAction<Args extends z.ZodType, Results extends z.ZodType, Config = Record<string, unknown>>(
  definition: Omit<ActionDefinition<Args, Results, Config>, 'kind'>,
): ActionDefinition<Args, Results, Config> {
  return Object.freeze({ ...definition, kind: 'action' as const });
}
