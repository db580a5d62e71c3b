import type { z } from 'zod';
import type { ConnectorContext } from './context.js';
import type { ItemMetadata } from './item-metadata.js';

/**
 * A connector: long-lived, collects events and `ctx.push`es them to an intake; keeps its
 * position with `ctx.checkpoint`, written only after a push is acknowledged. One running
 * instance per configuration.
 */
export interface ConnectorDefinition<
  Args extends z.ZodType = z.ZodType,
  Event extends z.ZodType = z.ZodType,
  Config = Record<string, unknown>,
> extends ItemMetadata<Args, Event> {
  readonly kind: 'connector';
  start(ctx: ConnectorContext<Config, z.input<Event>>, args: z.output<Args>): Promise<void>;
}

export function defineConnector<Args extends z.ZodType, Event extends z.ZodType, Config = Record<string, unknown>>(
  definition: Omit<ConnectorDefinition<Args, Event, Config>, 'kind'>,
): ConnectorDefinition<Args, Event, Config> {
  return Object.freeze({ ...definition, kind: 'connector' as const });
}
