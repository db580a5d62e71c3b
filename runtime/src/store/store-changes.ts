/** What a cache may depend on: rows of these kinds change. */
export type StoreTopic = 'playbooks' | 'accounts' | 'connectors' | 'modules';

export const STORE_TOPICS: readonly StoreTopic[] = ['playbooks', 'accounts', 'connectors', 'modules'];

/**
 * Change counters of the store, one per topic, so per-process caches (run states, decrypted
 * accounts, which connectors should run) know when to read again. A repository of this process
 * calls {@link changed} after its write; in a cluster the store's change bus publishes it and
 * calls {@link received} on every other process (Redis pub/sub), so their caches are invalidated too.
 */
export class StoreChanges {
  private readonly counts = new Map<StoreTopic, number>(STORE_TOPICS.map((topic) => [topic, 0]));
  private readonly listeners = new Set<(topic: StoreTopic) => void>();
  private readonly publishers = new Set<(topic: StoreTopic) => void>();

  /** Increases whenever rows of `topic` changed, here or (in a cluster) in another process. */
  generation(topic: StoreTopic): number {
    return this.counts.get(topic)!;
  }

  /** A write of this process changed rows of `topic`. */
  changed(topic: StoreTopic): void {
    this.bump(topic);
    for (const publish of this.publishers) publish(topic);
  }

  /** Another process changed rows of `topic`. */
  received(topic: StoreTopic): void {
    this.bump(topic);
  }

  /** Called on every change of any topic, local or received. Returns the unsubscribe function. */
  onChange(listener: (topic: StoreTopic) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Where this process's changes are sent (the cluster's change bus). */
  publishTo(publish: (topic: StoreTopic) => void): () => void {
    this.publishers.add(publish);
    return () => this.publishers.delete(publish);
  }

  private bump(topic: StoreTopic): void {
    this.counts.set(topic, this.counts.get(topic)! + 1);
    for (const listener of this.listeners) listener(topic);
  }
}
