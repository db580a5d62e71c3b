import { join } from 'node:path';
import { toPlyError } from '@ply/core';
import { backoffDelay } from '@ply/core';
import { sleep } from '@ply/core';
import type { AccountForRun } from '../store/account-repository.js';
import type { NodeRecord } from '../store/execution-record.js';
import { attemptKey } from './run-recorder.js';
import { templateContextOf, type RunEnvironment, type RunScope } from './run-environment.js';
import type { ActionNode } from './playbook-schema.js';

const DEFAULT_DELAY_MS = 1000;
const DEFAULT_MAX_DELAY_MS = 60_000;

/** What a worker that died recorded of this node: how many attempts failed, and the one that succeeded. */
function recordedAttempts(resumed: ReadonlyMap<string, NodeRecord>, id: string, iteration: string | undefined): { failed: number; succeeded?: NodeRecord } {
  let failed = 0;
  for (let attempt = 1; ; attempt += 1) {
    const record = resumed.get(attemptKey(id, iteration, attempt));
    if (!record) return { failed };
    if (record.status === 'succeeded') return { failed, succeeded: record };
    failed += 1;
  }
}

/**
 * Runs an action node through the executor (which renders, validates and runs), retrying
 * operational failures with exponential backoff. Every attempt is recorded, masked.
 *
 * @returns the action's results.
 * @throws PlyError of the last attempt.
 */
export async function runActionNode(environment: RunEnvironment, scope: RunScope, id: string, node: ActionNode, signal: AbortSignal): Promise<unknown> {
  const { services } = environment;
  const action = `${node.module}.${node.action}`;
  const previous = environment.resumed ? recordedAttempts(environment.resumed, id, scope.iteration) : undefined;
  if (previous?.succeeded) return previous.succeeded.results;
  const account: AccountForRun | undefined =
    node.account === undefined ? undefined : (services.accounts.cachedForRun(node.module, node.account) ?? (await services.accounts.configurationForRun(node.module, node.account)));
  const actionMask = services.masks.forAction(action, node.version, account);
  // The action's secret keys, then every secret the run knows at the time of the record.
  const mask = { redact: <T>(value: T): T => environment.secrets.redactor.redact(actionMask.redact(value)), redactString: (text: string) => environment.secrets.redactor.redactString(actionMask.redactString(text)) };
  const maxAttempts = node.retry?.max_attempts ?? 1;
  const policy = { baseDelayMs: node.retry?.delay_ms ?? DEFAULT_DELAY_MS, maxDelayMs: node.retry?.max_delay_ms ?? DEFAULT_MAX_DELAY_MS };
  const recordedArguments = mask.redact(node.arguments ?? {});
  for (let attempt = (previous?.failed ?? 0) + 1; ; attempt += 1) {
    const startedAt = Date.now();
    try {
      const result = await services.executor.run({
        action,
        ...(node.version ? { version: node.version } : {}),
        arguments: node.arguments ?? {},
        configuration: account?.configuration ?? {},
        templateContext: templateContextOf(environment, scope),
        ...(node.timeout_ms ? { timeoutMs: node.timeout_ms } : {}),
        signal,
        secrets: environment.secrets,
        // Heavy argument templates render in the worker thread, not on the server's event loop.
        renderer: services.renderer,
        runId: environment.executionId,
        dataDir: join(services.executionsDir, environment.executionId, 'files'),
      });
      environment.secrets.addUnderSecretKeys(result.results);
      environment.recorder.add({
        nodeId: id,
        kind: 'action',
        ...(scope.iteration !== undefined ? { iteration: scope.iteration } : {}),
        attempt,
        status: 'succeeded',
        // What actually ran: the rendered arguments, not the templates.
        arguments: mask.redact(result.arguments),
        results: mask.redact(result.results),
        startedAt,
        finishedAt: Date.now(),
      });
      return result.results;
    } catch (thrown) {
      const error = toPlyError(thrown);
      environment.recorder.add({
        nodeId: id,
        kind: 'action',
        ...(scope.iteration !== undefined ? { iteration: scope.iteration } : {}),
        attempt,
        status: 'failed',
        arguments: recordedArguments,
        error: { code: error.code, message: mask.redactString(error.message) },
        startedAt,
        finishedAt: Date.now(),
      });
      // A user error (bad arguments, unknown action) fails the same way every time.
      if (error.userError || attempt >= maxAttempts || signal.aborted) throw error;
      try {
        await sleep(backoffDelay(attempt - 1, policy), signal);
      } catch {
        throw error;
      }
    }
  }
}
