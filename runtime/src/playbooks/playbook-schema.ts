import { MAX_TIMEOUT_MS } from '@ply/core';
import * as z from 'zod';

/** Node ids are keys of `nodes`; Sekoia-style numbers or identifiers, so `{{ node.<id>.x }}` parses. */
export const NODE_ID = /^[A-Za-z0-9_]+$/;

const nodeId = z.string().regex(NODE_ID, 'node ids use letters, digits and "_" only');
const nodeList = z.array(nodeId);
const templateOrValue = z.unknown();

/** Fields every node may have. */
const common = {
  name: z.string().optional(),
  description: z.string().optional(),
  /** Nodes that run after this one succeeded. */
  next: nodeList.optional(),
  /** Nodes that run instead of `next` when this one failed (after its retries): the error branch. */
  on_error: nodeList.optional(),
};

export const retrySchema = z.strictObject({
  /** Attempts in all, the first included (1 = no retry). */
  max_attempts: z.number().int().min(1).max(20),
  /** Ceiling of the first backoff, doubled on each retry (full jitter). Default 1,000 ms. */
  delay_ms: z.number().int().min(0).max(600_000).optional(),
  /** Upper bound of any single wait. Default 60,000 ms. */
  max_delay_ms: z.number().int().min(0).max(3_600_000).optional(),
});

export const actionNodeSchema = z.strictObject({
  type: z.literal('action'),
  ...common,
  /** Module slug (`mattermost`, `sekoia.io`). */
  module: z.string().min(1),
  /** Action slug within the module (or its uuid). */
  action: z.string().min(1),
  /** Semver range of the module version; default: the highest installed. */
  version: z.string().min(1).optional(),
  /** Name of the module account (configuration) to run with; default: an empty configuration. */
  account: z.string().min(1).optional(),
  /** Arguments; strings may hold Jinja templates rendered against the run's context. */
  arguments: z.record(z.string(), templateOrValue).optional(),
  retry: retrySchema.optional(),
  timeout_ms: z.number().int().min(1).max(MAX_TIMEOUT_MS).optional(),
});

export const conditionNodeSchema = z.strictObject({
  type: z.literal('condition'),
  name: common.name,
  description: common.description,
  on_error: common.on_error,
  /** Tried in order; the first whose condition is true fires its `next`. */
  branches: z
    .array(
      z.strictObject({
        name: z.string().min(1),
        /** A Jinja expression (`node.a.score > 70`) or a template (`{{ node.a.score > 70 }}`). */
        condition: z.string().min(1),
        next: nodeList,
      }),
    )
    .min(1),
  /** Fired when no branch matches. */
  else: nodeList.optional(),
});

export const foreachNodeSchema = z.strictObject({
  type: z.literal('foreach'),
  ...common,
  /** A template that yields a list (`{{ trigger.hosts }}`), or a literal list. */
  items: z.union([z.string().min(1), z.array(z.unknown())]),
  /** Entry node of the body, run once per item; the body is every node reachable from it. */
  do: nodeId,
  /** How many iterations run at once. Default 1 (in order, as Sekoia does). */
  concurrency: z.number().int().min(1).max(100).optional(),
});

export const storeNodeSchema = z.strictObject({
  type: z.literal('store'),
  ...common,
  /** Keys of the run's `store` to set (values may be templates). */
  set: z.record(z.string().min(1), templateOrValue).optional(),
  /** Keys to append a value to (the key becomes a list when it is not one). */
  append: z.record(z.string().min(1), templateOrValue).optional(),
  /** Keys to remove. */
  unset: z.array(z.string().min(1)).optional(),
});

export const joinNodeSchema = z.strictObject({
  type: z.literal('join'),
  ...common,
  /** `all`: wait for every incoming branch that runs; `any`: go on with the first one. Default `all`. */
  mode: z.enum(['all', 'any']).optional(),
});

export const playbookNodeSchema = z.discriminatedUnion('type', [actionNodeSchema, conditionNodeSchema, foreachNodeSchema, storeNodeSchema, joinNodeSchema]);

export const playbookTriggerSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('manual'), next: nodeList }),
  z.strictObject({ type: z.literal('webhook'), next: nodeList }),
  z.strictObject({ type: z.literal('schedule'), cron: z.string().min(1), timezone: z.string().optional(), next: nodeList }),
  z.strictObject({
    type: z.literal('module'),
    module: z.string().min(1),
    trigger: z.string().min(1),
    version: z.string().min(1).optional(),
    account: z.string().min(1).optional(),
    arguments: z.record(z.string(), z.unknown()).optional(),
    next: nodeList,
  }),
]);

export const playbookDocumentSchema = z.strictObject({
  name: z.string().min(1),
  description: z.string().optional(),
  trigger: playbookTriggerSchema,
  nodes: z.record(nodeId, playbookNodeSchema),
  /** At most `max_runs` runs start per `per_seconds`; more are refused (PLY_PLAYBOOK_RATE_LIMITED). */
  rate_limit: z.strictObject({ max_runs: z.number().int().min(1), per_seconds: z.number().positive() }).optional(),
  /** Consecutive technical failures that disable the playbook. Default 5. */
  max_consecutive_failures: z.number().int().min(1).max(1000).optional(),
});

export type PlaybookDocument = z.infer<typeof playbookDocumentSchema>;
export type PlaybookNode = z.infer<typeof playbookNodeSchema>;
export type PlaybookTrigger = z.infer<typeof playbookTriggerSchema>;
export type ActionNode = z.infer<typeof actionNodeSchema>;
export type ConditionNode = z.infer<typeof conditionNodeSchema>;
export type ForeachNode = z.infer<typeof foreachNodeSchema>;
export type StoreNode = z.infer<typeof storeNodeSchema>;
export type JoinNode = z.infer<typeof joinNodeSchema>;
export type NodeRetryPolicy = z.infer<typeof retrySchema>;
