import type { ModuleCatalog } from '@ply/core';
import { secretKeysOf, secretValuesOf } from '@ply/core';
import { Redactor } from '@ply/core';

const MAX_CACHED = 500;

/**
 * Redactors for execution records: per action and account, hiding the keys the module's
 * configuration and the action's arguments mark secret and every secret value of the account.
 * Cached (bounded) because building one compiles a regular expression.
 */
export class RecordMasks {
  /** Hides keys that look secret (`token`, `password`, ...): for trigger events and store values. */
  readonly generic = new Redactor();
  private readonly cache = new Map<string, Redactor>();

  constructor(private readonly catalog: ModuleCatalog) {}

  forAction(action: string, version: string | undefined, account: { id: string; updatedAt: number; configuration: Record<string, unknown> } | undefined): Redactor {
    const key = `${action}\0${version ?? ''}\0${account ? `${account.id}\0${account.updatedAt}` : ''}`;
    let redactor = this.cache.get(key);
    if (redactor) return redactor;
    let keys: string[] = [];
    try {
      const { module, item } = this.catalog.find('action', action, version);
      keys = [...secretKeysOf(module.manifest.configuration), ...secretKeysOf(item.arguments)];
    } catch {
      // Unknown action: the executor reports it; mask by key pattern and account values only.
    }
    const values = account ? [...secretValuesOf(account.configuration, keys), ...secretValuesOf(account.configuration, Object.keys(account.configuration).filter((k) => this.generic.isSecretKey(k)))] : [];
    redactor = new Redactor(new Set(values), new Set(keys));
    if (this.cache.size >= MAX_CACHED) this.cache.delete(this.cache.keys().next().value!);
    this.cache.set(key, redactor);
    return redactor;
  }
}
