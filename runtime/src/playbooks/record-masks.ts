import type { ModuleCatalog } from '@ply/core';
import { secretKeysOf, secretValuesOf } from '@ply/core';
import { Redactor } from '@ply/core';
import type { AccountForRun } from '../store/account-repository.js';

const MAX_CACHED = 500;

type MaskedAccount = Pick<AccountForRun, 'id' | 'updatedAt' | 'configuration'>;

/**
 * Redactors for execution records: per action and account, hiding the keys the module's
 * configuration and the action's arguments mark secret and every secret value of the account;
 * per run, hiding the secret values of every account the run uses. Cached (bounded) because
 * building one compiles a regular expression.
 */
export class RecordMasks {
  /** Hides keys that look secret (`token`, `password`, ...): for trigger events and store values. */
  readonly generic = new Redactor();
  private readonly cache = new Map<string, Redactor>();

  constructor(private readonly catalog: ModuleCatalog) {}

  forAction(action: string, version: string | undefined, account: MaskedAccount | undefined): Redactor {
    const key = `${action}\0${version ?? ''}\0${account ? `${account.id}\0${account.updatedAt}` : ''}`;
    return this.cached(key, () => {
      let keys: string[] = [];
      try {
        const { module, item } = this.catalog.find('action', action, version);
        keys = [...secretKeysOf(module.manifest.configuration), ...secretKeysOf(item.arguments)];
      } catch {
        // Unknown action: the executor reports it; mask by key pattern and account values only.
      }
      return new Redactor(new Set(account ? this.accountSecrets(account, keys) : []), new Set(keys));
    });
  }

  /** Hides the secret values of these accounts (the ones a run uses), wherever they appear. */
  forAccounts(accounts: readonly (MaskedAccount & { module: string })[]): Redactor {
    if (accounts.length === 0) return this.generic;
    const key = `run\0${accounts.map((account) => `${account.id}\0${account.updatedAt}`).sort().join('\0')}`;
    return this.cached(key, () => {
      const values = accounts.flatMap((account) => {
        let keys: string[] = [];
        try {
          keys = secretKeysOf(this.catalog.module(account.module).manifest.configuration);
        } catch {
          // Module gone: its node fails; mask the values under secret-looking keys.
        }
        return this.accountSecrets(account, keys);
      });
      return new Redactor(new Set(values));
    });
  }

  /** The account's values under the schema's secret keys and under keys that look secret. */
  private accountSecrets(account: MaskedAccount, keys: readonly string[]): string[] {
    const configuration = account.configuration;
    return [...secretValuesOf(configuration, keys), ...secretValuesOf(configuration, Object.keys(configuration).filter((k) => this.generic.isSecretKey(k)))];
  }

  private cached(key: string, build: () => Redactor): Redactor {
    let redactor = this.cache.get(key);
    if (redactor) return redactor;
    redactor = build();
    if (this.cache.size >= MAX_CACHED) this.cache.delete(this.cache.keys().next().value!);
    this.cache.set(key, redactor);
    return redactor;
  }
}
