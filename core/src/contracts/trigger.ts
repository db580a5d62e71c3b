import type { z } from 'zod';
import type { TriggerContext } from './context.js';
import type { ItemMetadata } from './item-metadata.js';

/**
 * A trigger: long-lived; `start` runs until `ctx.signal` aborts and calls `ctx.emit(event)` for
 * each event. If `start` returns or throws before the signal aborts, the supervisor restarts it
 * with backoff, as Sekoia's SDK re-enters `run()`.
 */
export interface TriggerDefinition<
  Args extends z.ZodType = z.ZodType,
  Event extends z.ZodType = z.ZodType,
  Config = Record<string, unknown>,
> extends ItemMetadata<Args, Event> {
  readonly kind: 'trigger';
  start(ctx: TriggerContext<Config, z.input<Event>>, args: z.output<Args>): Promise<void>;
}

export function defineTrigger<Args extends z.ZodType, Event extends z.ZodType, Config = Record<string, unknown>>(
  definition: Omit<TriggerDefinition<Args, Event, Config>, 'kind'>,
): TriggerDefinition<Args, Event, Config> {
  return Object.freeze({ ...definition, kind: 'trigger' as const });
}
