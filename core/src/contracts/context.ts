import type { CheckpointStore } from './checkpoint.js';
import type { FileStore } from './file-store.js';
import type { HttpClient } from './http.js';
import type { Logger } from './logger.js';

/** What plugin code receives for one run. Core builds it from its container; plugins never see DI. */
export interface RunContext<Config = Record<string, unknown>> {
  /** Unique id of this run (also in every log line). */
  readonly runId: string;
  /** The module configuration, validated against the manifest, secrets resolved. */
  readonly config: Config;
  readonly log: Logger;
  readonly http: HttpClient;
  /** Aborted on timeout or cancellation: pass it on to long work. */
  readonly signal: AbortSignal;
  readonly files: FileStore;
  readonly module: { readonly slug: string; readonly version: string };
}

/** Context of an action run. */
export type ActionContext<Config = Record<string, unknown>> = RunContext<Config>;

/** Options of an emitted trigger event. */
export interface EmitOptions {
  /** A folder (relative to the run data folder) whose files the event refers to. */
  directory?: string;
}

/** Context of a long-running trigger: emits events that start playbook runs. */
export interface TriggerContext<Config = Record<string, unknown>, Event = unknown> extends RunContext<Config> {
  emit(event: Event, options?: EmitOptions): Promise<void>;
  checkpoint: CheckpointStore;
  /** Tells the supervisor the trigger is alive. */
  heartbeat(): void;
}

/** Context of a long-running connector: pushes events to an intake. */
export interface ConnectorContext<Config = Record<string, unknown>, Event = unknown> extends RunContext<Config> {
  /** Pushes events to the intake; resolves with their ids once acknowledged. */
  push(events: Event[]): Promise<string[]>;
  checkpoint: CheckpointStore;
  heartbeat(): void;
}
