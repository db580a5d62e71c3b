/** A run accepted by an API process and handed to a worker. */
export interface QueuedRun {
  executionId: string;
  playbookId: string;
  /** The trigger event as sent (the execution row holds it masked). */
  event: unknown;
}

/** Where a queued run goes once its execution row is committed (BullMQ in a cluster). */
export interface RunQueue {
  /** Resolves once the run is durably queued. */
  enqueue(run: QueuedRun): Promise<void>;
}
