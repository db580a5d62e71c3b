/**
 * Durable state of one trigger or connector instance (a cursor, the last date seen).
 * A connector writes its checkpoint only after the intake acknowledged the events it covers.
 */
export interface CheckpointStore<T = unknown> {
  get(): Promise<T | undefined>;
  set(value: T): Promise<void>;
}
