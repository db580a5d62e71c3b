/**
 * A bounded map that drops the least recently used entry. A hit only stamps the entry (a Map
 * delete and re-insert on every hit cost about 5% of an executor run with five templated
 * arguments); the oldest stamp is looked for when an insertion overflows, which happens only
 * after a compilation, itself far costlier than the scan.
 */
export class TemplateCache<V> {
  private readonly entries = new Map<string, { value: V; used: number }>();
  private clock = 0;

  constructor(private readonly capacity: number) {
    if (!Number.isSafeInteger(capacity) || capacity < 1) throw new RangeError(`cache size must be a positive integer, got ${capacity}`);
  }

  get(key: string): V | undefined {
    const entry = this.entries.get(key);
    if (entry === undefined) return undefined;
    entry.used = ++this.clock;
    return entry.value;
  }

  set(key: string, value: V): void {
    this.entries.set(key, { value, used: ++this.clock });
    if (this.entries.size > this.capacity) this.dropOldest();
  }

  get size(): number {
    return this.entries.size;
  }

  private dropOldest(): void {
    let oldest: string | undefined;
    let stamp = Infinity;
    for (const [key, entry] of this.entries) {
      if (entry.used < stamp) {
        stamp = entry.used;
        oldest = key;
      }
    }
    if (oldest !== undefined) this.entries.delete(oldest);
  }
}
