/**
 * What processes of a cluster agree on through a shared server (Redis): leases, so one process
 * runs each long-running trigger and connector, and one-time claims, so a schedule's tick starts
 * one run in the whole cluster. The embedded mode has no coordination: one process runs everything.
 */
export interface Coordination {
  /** This process, as lease values name it (`<host>:<pid>:<random>`). */
  readonly processId: string;
  /** Takes the lease `name` for `ttlMs` unless another process holds it; resolves whether this process holds it now. */
  acquire(name: string, ttlMs: number): Promise<boolean>;
  /** Extends the lease if this process still holds it; false when it was lost (expired and taken, or never held). */
  renew(name: string, ttlMs: number): Promise<boolean>;
  /** Gives the lease back if this process holds it. */
  release(name: string): Promise<void>;
  /** The process holding the lease, or undefined. */
  holder(name: string): Promise<string | undefined>;
  /** True for the first caller in the cluster to claim `key` (kept for `ttlMs`), false for every other. */
  claimOnce(key: string, ttlMs: number): Promise<boolean>;
}
