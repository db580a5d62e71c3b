import { setMaxListeners } from 'node:events';
import { join } from 'node:path';
import { PlyError, RunSecrets, toPlyError, type PlyIssue } from '@ply/core';
import { OffloadedRenderer } from '../templating/offloaded-renderer.js';
import type { PinoLogger } from '@ply/core';
import type { Ply } from '@ply/core';
import type { AccountForRun } from '../store/account-repository.js';
import type { ExecutionStatus, RecordedError } from '../store/execution-record.js';
import type { PlaybookRecord, PlaybookRunState, RunOutcome } from '../store/playbook-repository.js';
import type { PlyStore } from '../store/ply-store.js';
import type { NodeServices } from './node-services.js';
import type { PlaybookGraph } from './playbook-graph.js';
import { invalidPlaybook, parsePlaybookDocument, parsePlaybookText } from './playbook-parser.js';
import type { PlaybookDocument } from './playbook-schema.js';
import { validatePlaybook } from './playbook-validator.js';
import { RecordMasks } from './record-masks.js';
import { dryRunPlaybook, type DryRunNode, type DryRunSample } from './playbook-dry-run.js';
import { moveEventFiles } from './event-files.js';
import { RunRateLimiter } from './run-rate-limiter.js';
import { attemptKey, RunRecorder, type RecordedProgress } from './run-recorder.js';
import type { QueuedRun, RunQueue } from './run-queue.js';
import { ScopeWalker } from './scope-walker.js';

/** Options of a {@link PlaybookEngine}. */
export interface PlaybookEngineOptions {
  ply: Ply;
  store: PlyStore;
  /** Consecutive technical failures that disable a playbook, unless its document says otherwise. Default 5. */
  maxConsecutiveFailures?: number;
  logger?: PinoLogger;
  /**
   * Where {@link PlaybookEngine.submit} sends runs (BullMQ in a cluster): the execution is
   * committed `queued` and a worker runs it ({@link PlaybookEngine.runQueued}). Absent: runs
   * start in this process.
   */
  queue?: RunQueue;
}

/** Options of one run. */
export interface StartOptions {
  /** Run even when the playbook is disabled (a manual test run). The rate limit still applies. */
  force?: boolean;
  /** Cancels the run: running actions are aborted and the execution ends `interrupted`. */
  signal?: AbortSignal;
  /**
   * Absolute path of a folder whose files the run's actions find in their data folder (a trigger
   * event's `directory`): moved there when the execution is recorded, before it runs.
   */
  files?: string;
}

/** How an execution ended. The full record, node by node, is in `store.executions.get(id)`. */
export interface ExecutionSummary {
  executionId: string;
  playbookId: string;
  status: Extract<ExecutionStatus, 'succeeded' | 'failed' | 'interrupted'>;
  error?: RecordedError;
  /** The run's `store` at the end. */
  store: Record<string, unknown>;
  /** Set when this run's failure disabled the playbook. */
  disabledPlaybook?: boolean;
}

/** A run that has been recorded and is under way. */
export interface StartedRun {
  executionId: string;
  /** Settles when the run ends; never rejects for a failure of the playbook (that is `status: 'failed'`). */
  done: Promise<ExecutionSummary>;
}

interface CompiledPlaybook {
  version: number;
  document: PlaybookDocument;
  graph: PlaybookGraph;
}

const INTERRUPTED = Symbol('interrupted');

/** Who saved a playbook's document and the text it was written as (kept with its version). */
export interface SaveOptions {
  savedBy?: string;
  source?: string;
}

/**
 * Runs playbooks stored in a {@link PlyStore}: parses and validates them (a playbook is enabled
 * only when valid), starts executions from trigger events, walks their graphs, runs actions
 * through the executor and records every node. Applies each playbook's rate limit and disables
 * it after N consecutive technical failures.
 */
export class PlaybookEngine {
  private readonly ply: Ply;
  private readonly store: PlyStore;
  private readonly services: NodeServices;
  private readonly maxConsecutiveFailures: number;
  private readonly compiled = new Map<string, CompiledPlaybook>();
  private readonly limiters = new Map<string, { key: string; limiter: RunRateLimiter }>();
  private readonly running = new Map<string, { controller: AbortController | undefined; control: RunControl; done: Promise<ExecutionSummary> }>();
  /** Interrupts every run at shutdown: one for all, so a run without a signal of its own makes no AbortController. */
  private stopAll = unboundedController();
  private readonly logger: PinoLogger;
  private readonly runStates = new Map<string, { generation: number; state: PlaybookRunState }>();
  private readonly queue: RunQueue | undefined;

  constructor(options: PlaybookEngineOptions) {
    this.ply = options.ply;
    this.store = options.store;
    this.maxConsecutiveFailures = options.maxConsecutiveFailures ?? 5;
    this.queue = options.queue;
    this.logger = (options.logger ?? this.ply.logger).child({ component: 'playbooks' });
    this.services = {
      executor: this.ply.executor,
      templates: this.ply.templates,
      renderer: new OffloadedRenderer(),
      catalog: this.ply.catalog,
      accounts: this.store.accounts,
      masks: new RecordMasks(this.ply.catalog),
      logger: this.logger,
      executionsDir: join(this.ply.settings.home, 'executions'),
    };
  }

  /** The data folder of an execution's actions (their `ctx.files`). */
  runDataDir(executionId: string): string {
    return join(this.services.executionsDir, executionId, 'files');
  }

  /** Reads a playbook from JSON or YAML text and checks its shape (PLY_PLAYBOOK_INVALID otherwise). */
  parse(text: string): PlaybookDocument {
    return parsePlaybookText(text);
  }

  /** Every problem found in a document (shape, graph, modules, actions, accounts, literal arguments); empty when valid. */
  async validate(document: unknown): Promise<PlyIssue[]> {
    let parsed: PlaybookDocument;
    try {
      parsed = parsePlaybookDocument(document);
    } catch (error) {
      return toPlyError(error).issues;
    }
    return (await this.check(parsed)).issues;
  }

  /**
   * Renders every node of a document with a sample trigger event, calling nothing and recording
   * nothing (see {@link dryRunPlaybook}), with the document's validation issues beside.
   *
   * @throws PlyError PLY_PLAYBOOK_INVALID when the document's shape is not a playbook's.
   */
  async dryRun(document: unknown, sample: DryRunSample): Promise<{ issues: PlyIssue[]; nodes: DryRunNode[] }> {
    const parsed = parsePlaybookDocument(document);
    const { graph, issues } = await this.check(parsed);
    return { issues, nodes: dryRunPlaybook(graph, sample, this.services) };
  }

  /**
   * Stores a new playbook, disabled: its shape must be valid; the rest is checked by
   * {@link enable}. With `enable`, it is validated whole first and stored enabled; an invalid one
   * is refused (PLY_PLAYBOOK_INVALID) and nothing is stored.
   */
  async create(document: unknown, options: { id?: string; enable?: boolean } & SaveOptions = {}): Promise<PlaybookRecord> {
    const parsed = parsePlaybookDocument(document);
    const { enable, ...save } = options;
    if (enable) await this.assertValid(parsed);
    return this.store.playbooks.create({ name: parsed.name, document, ...save, ...(enable ? { enabled: true } : {}) });
  }

  /** Replaces a playbook's document (new version, kept with the earlier ones). An enabled playbook must stay valid. */
  async update(id: string, document: unknown, options: SaveOptions = {}): Promise<PlaybookRecord> {
    const parsed = parsePlaybookDocument(document);
    if ((await this.store.playbooks.get(id)).enabled) await this.assertValid(parsed);
    this.compiled.delete(id);
    return this.store.playbooks.update(id, { name: parsed.name, document, ...options });
  }

  /**
   * Makes a kept version the current document again (as a new version: history is never rewritten).
   *
   * @throws PlyError PLY_PLAYBOOK_NOT_FOUND when the playbook or that version does not exist.
   */
  async restore(id: string, version: number, options: Pick<SaveOptions, 'savedBy'> = {}): Promise<PlaybookRecord> {
    const kept = await this.store.playbookVersions.find(id, version);
    if (!kept) throw new PlyError('PLY_PLAYBOOK_NOT_FOUND', `playbook ${id} has no version ${version}`, { details: { id, version } });
    return this.update(id, kept.document, { ...options, ...(kept.source !== null ? { source: kept.source } : {}) });
  }

  /**
   * Validates the stored playbook and enables it.
   *
   * @throws PlyError PLY_PLAYBOOK_INVALID with every issue, located by JSON pointer.
   */
  async enable(id: string): Promise<PlaybookRecord> {
    const record = await this.store.playbooks.get(id);
    await this.assertValid(parsePlaybookDocument(record.document));
    return this.store.playbooks.setEnabled(id, true);
  }

  disable(id: string): Promise<PlaybookRecord> {
    return this.store.playbooks.setEnabled(id, false);
  }

  /**
   * Records a new execution of the playbook for `triggerEvent` and starts it in this process.
   *
   * @throws PlyError PLY_PLAYBOOK_NOT_FOUND, PLY_PLAYBOOK_DISABLED, PLY_PLAYBOOK_INVALID (the
   *   catalog changed since it was enabled) or PLY_PLAYBOOK_RATE_LIMITED; no execution is recorded then.
   */
  async start(playbookId: string, triggerEvent: unknown = {}, options: StartOptions = {}): Promise<StartedRun> {
    return this.begin(playbookId, triggerEvent, options, options.signal);
  }

  /** Records and launches a run; `external` interrupts it (undefined: only shutdown or its {@link RunControl} does). */
  private async begin(playbookId: string, triggerEvent: unknown, options: Omit<StartOptions, 'signal'>, external: AbortSignal | undefined): Promise<StartedRun> {
    const { state, compiled } = await this.admit(playbookId, options);
    const executionId = this.store.executions.create({ playbookId, playbookVersion: compiled.version, triggerEvent: this.services.masks.generic.redact(triggerEvent) });
    if (options.files) await moveEventFiles(options.files, this.runDataDir(executionId));
    return this.launch(executionId, playbookId, compiled, triggerEvent, external, state.consecutiveFailures);
  }

  /**
   * Accepts a run durably: resolves once its execution is committed and, with a queue, handed
   * to the workers (what a webhook's 202 waits for). Without a queue the run starts here.
   *
   * @throws PlyError as {@link start}.
   */
  async submit(playbookId: string, triggerEvent: unknown = {}, options: Omit<StartOptions, 'signal'> = {}): Promise<{ executionId: string }> {
    if (!this.queue) {
      // A row the store could not commit (a full disk) stops its run: the caller is told 503 and may send again.
      const { executionId } = await this.begin(playbookId, triggerEvent, options, undefined);
      try {
        await this.store.executions.created(executionId);
      } catch (error) {
        this.running.get(executionId)?.control.stop();
        throw error;
      }
      return { executionId };
    }
    const { compiled } = await this.admit(playbookId, options);
    const executionId = await this.store.executions.createDurably({ playbookId, playbookVersion: compiled.version, triggerEvent: this.services.masks.generic.redact(triggerEvent), status: 'queued' });
    // Before the job is queued. In a cluster the worker reads them from its own $PLY_HOME: the files reach it only where the executions folder is shared.
    if (options.files) await moveEventFiles(options.files, this.runDataDir(executionId));
    // The event travels unmasked in the job: the worker runs what the sender sent.
    await this.queue.enqueue({ executionId, playbookId, event: triggerEvent });
    return { executionId };
  }

  /**
   * Runs an execution a queue handed to this worker. A queued one is claimed and run; one that is
   * `running` was left by a worker that died (the queue's stalled-job recovery): it resumes
   * after the node records that worker wrote, and an action recorded as succeeded is not run
   * again. One that is finished already is left alone (resolves undefined), so a job delivered
   * twice is recorded once.
   */
  async runQueued(run: QueuedRun, signal?: AbortSignal): Promise<ExecutionSummary | undefined> {
    const claimed = await this.store.executions.markRunning(run.executionId);
    let progress: RecordedProgress | undefined;
    if (!claimed) {
      let record;
      try {
        record = await this.store.executions.get(run.executionId);
      } catch (error) {
        // Deleted with its playbook meanwhile: nothing to run.
        if (error instanceof PlyError && error.code === 'PLY_EXECUTION_NOT_FOUND') return undefined;
        throw error;
      }
      if (record.status !== 'running') return undefined;
      progress = { nodes: record.nodes ?? [] };
    }
    let compiled: CompiledPlaybook;
    let failuresBefore: number;
    try {
      const state = await this.runState(run.playbookId);
      if (!state) throw new PlyError('PLY_PLAYBOOK_NOT_FOUND', `no playbook with id ${run.playbookId}`, { details: { id: run.playbookId } });
      compiled = await this.compile(run.playbookId, state.version);
      failuresBefore = state.consecutiveFailures;
    } catch (error) {
      const failure = toPlyError(error);
      await this.store.executions.finish(run.executionId, { status: 'failed', error: { code: failure.code, message: failure.message }, firstSeq: 1, nodes: [] });
      return { executionId: run.executionId, playbookId: run.playbookId, status: 'failed', error: { code: failure.code, message: failure.message }, store: {} };
    }
    return (await this.launch(run.executionId, run.playbookId, compiled, run.event, signal, failuresBefore, progress)).done;
  }

  /** Starts a run and waits for its end. */
  async run(playbookId: string, triggerEvent: unknown = {}, options: StartOptions = {}): Promise<ExecutionSummary> {
    return (await this.start(playbookId, triggerEvent, options)).done;
  }

  /** Whether runs go through a queue to workers. */
  get queued(): boolean {
    return this.queue !== undefined;
  }

  private async admit(playbookId: string, options: Omit<StartOptions, 'signal'>): Promise<{ state: PlaybookRunState; compiled: CompiledPlaybook }> {
    const state = await this.runState(playbookId);
    if (!state) throw new PlyError('PLY_PLAYBOOK_NOT_FOUND', `no playbook with id ${playbookId}`, { details: { id: playbookId } });
    if (!state.enabled && !options.force) throw new PlyError('PLY_PLAYBOOK_DISABLED', `playbook ${playbookId} is disabled`, { details: { id: playbookId } });
    const compiled = await this.compile(playbookId, state.version);
    const limiter = this.limiterOf(playbookId, compiled.document);
    if (limiter && !limiter.tryTake()) {
      throw new PlyError('PLY_PLAYBOOK_RATE_LIMITED', `playbook ${playbookId} may start at most ${limiter.maxRuns} runs per ${limiter.perMs / 1000} s`, {
        details: { id: playbookId, maxRuns: limiter.maxRuns, perSeconds: limiter.perMs / 1000 },
      });
    }
    return { state, compiled };
  }

  private launch(executionId: string, playbookId: string, compiled: CompiledPlaybook, triggerEvent: unknown, external: AbortSignal | undefined, failuresBefore: number, progress?: RecordedProgress): StartedRun {
    const controller = external ? new AbortController() : undefined;
    const detach = controller ? linkAbort(external, controller, this.stopAll.signal) : () => {};
    const signal = controller?.signal ?? this.stopAll.signal;
    const control = new RunControl();
    const done = this.execute(executionId, playbookId, compiled, triggerEvent, signal, control, failuresBefore, progress).finally(() => {
      detach();
      this.running.delete(executionId);
    });
    this.running.set(executionId, { controller, control, done });
    return { executionId, done };
  }

  /** Runs in progress in this process. */
  get inFlight(): number {
    return this.running.size;
  }

  /**
   * Stops the engine's runs: waits up to `graceMs` for them to finish, then aborts the rest,
   * which end `interrupted`. Resolves when every run has settled.
   */
  async shutdown(graceMs = 0): Promise<void> {
    const all = () => Promise.allSettled([...this.running.values()].map((run) => run.done));
    if (graceMs > 0 && this.running.size > 0) {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([all(), new Promise((resolve) => (timer = setTimeout(resolve, graceMs)))]);
      clearTimeout(timer);
    }
    for (const run of this.running.values()) {
      run.controller?.abort(INTERRUPTED);
      run.control.stop();
    }
    this.stopAll.abort(INTERRUPTED);
    await all();
    await this.services.renderer.close();
    this.stopAll = unboundedController();
  }

  private async execute(executionId: string, playbookId: string, compiled: CompiledPlaybook, trigger: unknown, signal: AbortSignal, control: RunControl, failuresBefore: number, progress?: RecordedProgress): Promise<ExecutionSummary> {
    const recorder = new RunRecorder(
      this.store.executions,
      executionId,
      (error) => this.logger.error('could not write node records', { executionId, error: toPlyError(error).message }),
      progress,
    );
    const resumed = progress ? new Map(progress.nodes.map((node) => [attemptKey(node.nodeId, node.iteration, node.attempt), node])) : undefined;
    const secrets = new RunSecrets(this.services.masks.forAccounts(await this.accountsOf(compiled.graph)));
    secrets.addUnderSecretKeys(trigger);
    const environment = { executionId, playbookId, graph: compiled.graph, trigger, store: {}, recorder, services: this.services, signal, secrets, ...(resumed ? { resumed } : {}) };
    let error: PlyError | undefined;
    try {
      // On the engine-wide signal, shutdown stops the run through its control: no listener per run.
      await control.walk(new ScopeWalker(environment, { nodes: {} }, undefined, signal, signal !== this.stopAll.signal));
    } catch (thrown) {
      error = toPlyError(thrown);
    }
    const interrupted = control.stopped || (signal.aborted && signal.reason === INTERRUPTED);
    const status = interrupted ? 'interrupted' : error ? 'failed' : 'succeeded';
    const recorded = error && !interrupted ? { code: error.code, message: secrets.redactor.redactString(error.message) } : undefined;
    await recorder.finish(status, recorded);
    const summary: ExecutionSummary = { executionId, playbookId, status, store: environment.store, ...(recorded ? { error: recorded } : {}) };
    const outcome: RunOutcome = !error ? 'success' : error.userError ? 'user_failure' : 'technical_failure';
    // A success with no failure counted before needs no write (the common case).
    if (!interrupted && !(outcome === 'success' && failuresBefore === 0)) {
      const max = compiled.document.max_consecutive_failures ?? this.maxConsecutiveFailures;
      const { disabled, consecutiveFailures } = await this.store.playbooks.recordOutcome(playbookId, outcome, max);
      if (disabled) {
        summary.disabledPlaybook = true;
        this.logger.warn('playbook disabled after consecutive technical failures', { playbookId, consecutiveFailures });
      }
    }
    return summary;
  }

  /**
   * The accounts the graph's action nodes use, so that their secrets are masked in every record
   * of the run from its start. One that cannot be read is left out: its node fails and says why.
   */
  private async accountsOf(graph: PlaybookGraph): Promise<AccountForRun[]> {
    const accounts: AccountForRun[] = [];
    for (const node of graph.nodes.values()) {
      if (node.type !== 'action' || node.account === undefined) continue;
      const account = this.store.accounts.cachedForRun(node.module, node.account) ?? (await this.store.accounts.configurationForRun(node.module, node.account).catch(() => undefined));
      if (account && !accounts.includes(account)) accounts.push(account);
    }
    return accounts;
  }

  /** The playbook's run state, read again only when the repository changed something. */
  private async runState(playbookId: string): Promise<PlaybookRunState | undefined> {
    const generation = this.store.playbooks.generation;
    const cached = this.runStates.get(playbookId);
    if (cached && cached.generation === generation) return cached.state;
    const state = await this.store.playbooks.runState(playbookId);
    if (this.runStates.size > 10_000) this.runStates.clear();
    if (state) this.runStates.set(playbookId, { generation, state });
    return state;
  }

  private async compile(playbookId: string, version: number): Promise<CompiledPlaybook> {
    const cached = this.compiled.get(playbookId);
    if (cached && cached.version === version) return cached;
    const record = await this.store.playbooks.get(playbookId);
    const document = parsePlaybookDocument(record.document);
    // Accounts are checked when enabling, not here: one deleted since then fails the run
    // (PLY_ACCOUNT_NOT_FOUND, recorded) rather than leaving no trace of the trigger event.
    const graph = await this.assertValid(document, { checkAccounts: false });
    const compiled: CompiledPlaybook = { version: record.version, document, graph };
    this.compiled.set(playbookId, compiled);
    return compiled;
  }

  private async check(document: PlaybookDocument, options: { checkAccounts?: boolean } = {}): Promise<{ graph: PlaybookGraph; issues: PlyIssue[] }> {
    // Validation is synchronous: the accounts are read first (few, and only when validating).
    const accounts = options.checkAccounts === false ? undefined : new Set((await this.store.accounts.list()).map((account) => `${account.module}\0${account.name}`));
    return validatePlaybook(document, {
      catalog: this.ply.catalog,
      schemas: this.ply.schemas,
      ...(accounts ? { accountExists: (module: string, name: string) => accounts.has(`${module}\0${name}`) } : {}),
    });
  }

  private async assertValid(document: PlaybookDocument, options: { checkAccounts?: boolean } = {}): Promise<PlaybookGraph> {
    const { graph, issues } = await this.check(document, options);
    if (issues.length > 0) throw invalidPlaybook(issues, `playbook "${document.name}" is invalid`);
    return graph;
  }

  private limiterOf(playbookId: string, document: PlaybookDocument): RunRateLimiter | undefined {
    const limit = document.rate_limit;
    if (!limit) {
      this.limiters.delete(playbookId);
      return undefined;
    }
    const key = `${limit.max_runs}/${limit.per_seconds}`;
    let entry = this.limiters.get(playbookId);
    if (!entry || entry.key !== key) {
      entry = { key, limiter: new RunRateLimiter(limit.max_runs, limit.per_seconds * 1000) };
      this.limiters.set(playbookId, entry);
    }
    return entry.limiter;
  }
}

/**
 * Stops one run (its execution row could not be committed, or the engine shuts down) without an
 * AbortController or a listener per run (together about 5% of a webhook's CPU): its top scope is
 * stopped when asked, or as soon as it starts if asked before. The run then ends `interrupted`.
 */
class RunControl {
  stopped = false;
  private walker: ScopeWalker | undefined;

  walk(walker: ScopeWalker): Promise<void> {
    this.walker = walker;
    if (this.stopped) walker.stop(INTERRUPTED);
    return walker.run();
  }

  stop(): void {
    this.stopped = true;
    this.walker?.stop(INTERRUPTED);
  }
}

/** Aborts `controller` (interrupted) when the run's own signal or the engine's shutdown signal aborts. */
function linkAbort(external: AbortSignal | undefined, controller: AbortController, shutdown: AbortSignal): () => void {
  const abort = () => controller.abort(INTERRUPTED);
  const sources = [shutdown, ...(external ? [external] : [])];
  if (sources.some((source) => source.aborted)) abort();
  else for (const source of sources) source.addEventListener('abort', abort, { once: true });
  return () => {
    for (const source of sources) source.removeEventListener('abort', abort);
  };
}

/** The engine-wide signal has a listener per scope of every run in flight: no leak warning past 10. */
function unboundedController(): AbortController {
  const controller = new AbortController();
  setMaxListeners(0, controller.signal);
  return controller;
}
