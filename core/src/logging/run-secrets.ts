import { Redactor } from './redactor.js';

/** Shorter values would redact ordinary text (the redactor does not hunt them either). */
const MIN_LENGTH = 4;
/** Memoised answers of {@link RunSecrets.isSecret}; cleared past this size. */
const MAX_MEMO = 10_000;
const MAX_DEPTH = 32;

/**
 * The secret values one run has met so far, and the redactor that hides them: the secrets of the
 * accounts it uses, the values under secret-looking keys of its trigger event and node results, and
 * every value a template derived from one of those (the taint marks @ply/jinja reports). It grows
 * as the run goes; each record, log line and error of the run is masked with what is known then.
 */
export class RunSecrets {
  private readonly values = new Set<string>();
  private current: Redactor;
  private stale = false;
  private readonly memo = new Map<string, boolean>();

  /** `base` hides what is known before the run starts (the accounts' secrets). */
  constructor(private readonly base: Redactor = new Redactor()) {
    this.current = base;
  }

  /** Adds secret values (other values and short strings are ignored). */
  add(values: Iterable<unknown>): void {
    for (const value of values) {
      if (typeof value !== 'string' || value.length < MIN_LENGTH || this.values.has(value)) continue;
      this.values.add(value);
      this.stale = true;
    }
  }

  /** Adds every string found under a secret-looking key (`token`, `password`, ...) of `data`, at any depth. */
  addUnderSecretKeys(data: unknown): void {
    const found: string[] = [];
    const walk = (value: unknown, secret: boolean, depth: number): void => {
      if (typeof value === 'string') {
        if (secret) found.push(value);
        return;
      }
      if (typeof value !== 'object' || value === null || depth > MAX_DEPTH) return;
      if (Array.isArray(value)) for (const item of value) walk(item, secret, depth + 1);
      else for (const [key, item] of Object.entries(value)) walk(item, secret || this.base.isSecretKey(key), depth + 1);
    };
    walk(data, false, 0);
    this.add(found);
  }

  /** The extra values, beyond the base redactor's: what the run learnt. */
  learnt(): string[] {
    return [...this.values];
  }

  /** Hides every secret known so far, by value (in any encoding) and by key. */
  get redactor(): Redactor {
    if (this.stale) {
      this.current = this.base.with(this.values);
      this.stale = false;
      this.memo.clear();
    }
    return this.current;
  }

  /**
   * Whether a string holds a known secret (whole, in part or encoded): what the template engine
   * treats as a secret input, so everything derived from it is marked too.
   */
  readonly isSecret = (text: string): boolean => {
    if (text.length < MIN_LENGTH) return false;
    const redactor = this.redactor;
    if (redactor.isEmpty) return false;
    let known = this.memo.get(text);
    if (known === undefined) {
      known = redactor.redactString(text) !== text;
      if (this.memo.size >= MAX_MEMO) this.memo.clear();
      this.memo.set(text, known);
    }
    return known;
  };
}
