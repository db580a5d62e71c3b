import { Redactor, toPlyError, type CatalogEntry } from '@ply/core';
import { type RecordedError } from '@ply/runtime';
import type { Runtime } from '@ply/runtime';
import { secretKeysOf } from './json-schema-parts.js';

/** One action run started from the console. */
export interface ConsoleRunRequest {
  entry: CatalogEntry;
  /** Account name of the module, or none (empty configuration). */
  account?: string;
  arguments: Record<string, unknown>;
  /** Who asked (the token's name), recorded with the run. */
  caller: string;
  timeoutMs?: number;
}

export interface ConsoleRunOutcome {
  executionId: string;
  status: 'succeeded' | 'failed';
  results?: unknown;
  error?: RecordedError;
}

/** Ids of the playbooks that hold console runs start with this. */
export const CONSOLE_RUN_PREFIX = 'console-run.';

/** The playbook id under which the console records runs of one action. */
export function consoleRunPlaybookId(module: string, action: string): string {
  return `${CONSOLE_RUN_PREFIX}${module}.${action}`;
}

async function createRunPlaybook(runtime: Runtime, id: string, module: string, action: string): Promise<number> {
  try {
    const created = await runtime.engine.create(
      {
        name: `Console run: ${module}.${action}`,
        description: 'Runs started from the web console are recorded under this playbook. It is never triggered.',
        trigger: { type: 'manual', next: ['action'] },
        nodes: { action: { type: 'action', module, action } },
      },
      { id },
    );
    return created.version;
  } catch (error) {
    // Two first runs at once: the other one made it.
    const version = (await runtime.store.playbooks.runState(id))?.version;
    if (version === undefined) throw error;
    return version;
  }
}

/**
 * Runs an action through the executor and records it as an execution, so it shows under
 * Executions like a playbook run: executions belong to a playbook, so each action gets one
 * disabled one-node playbook "Console run: <module>.<action>", made on first use. Arguments,
 * results and errors are masked before they are written (the module's secret keys, the
 * action's secret arguments and the account's secret values).
 */
export async function runAndRecord(runtime: Runtime, request: ConsoleRunRequest): Promise<ConsoleRunOutcome> {
  const { module, item } = request.entry;
  const slug = module.manifest.slug;
  const playbookId = consoleRunPlaybookId(slug, item.slug);
  const playbookVersion = (await runtime.store.playbooks.runState(playbookId))?.version ?? (await createRunPlaybook(runtime, playbookId, slug, item.slug));
  const configuration = request.account ? (await runtime.store.accounts.configurationForRun(slug, request.account)).configuration : {};
  const secretKeys = [...secretKeysOf(module.manifest.configuration), ...secretKeysOf(item.arguments)];
  const secretValues = secretKeys.flatMap((key) => [configuration[key], request.arguments[key]]).filter((value): value is string => typeof value === 'string');
  const mask = new Redactor(new Set(secretValues), new Set(secretKeys));

  const executionId = await runtime.store.executions.createDurably({
    playbookId,
    playbookVersion,
    triggerEvent: { source: 'console', caller: request.caller, action: `${slug}.${item.slug}`, version: module.manifest.version, ...(request.account ? { account: request.account } : {}) },
  });
  const startedAt = Date.now();
  let outcome: ConsoleRunOutcome;
  try {
    const result = await runtime.ply.run({
      action: `${slug}.${item.slug}`,
      version: module.manifest.version,
      arguments: request.arguments,
      configuration,
      runId: executionId,
      ...(request.timeoutMs ? { timeoutMs: request.timeoutMs } : {}),
    });
    outcome = { executionId, status: 'succeeded', results: mask.redact(result.results) };
  } catch (caught) {
    const error = toPlyError(caught);
    outcome = { executionId, status: 'failed', error: { code: error.code, message: mask.redactString(error.message) } };
  }
  await runtime.store.executions.finish(executionId, {
    status: outcome.status,
    ...(outcome.error ? { error: outcome.error } : {}),
    firstSeq: 0,
    nodes: [
      {
        nodeId: 'action',
        kind: 'action',
        attempt: 1,
        status: outcome.status,
        arguments: mask.redact(request.arguments),
        ...(outcome.results !== undefined ? { results: outcome.results } : {}),
        ...(outcome.error ? { error: outcome.error } : {}),
        startedAt,
        finishedAt: Date.now(),
      },
    ],
  });
  return outcome;
}
