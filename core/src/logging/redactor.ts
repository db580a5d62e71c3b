import { secretForms } from './secret-forms.js';

const REDACTED = '[REDACTED]';
/** Keys whose values are secret whatever the schema says. */
const SECRET_KEY = /(pass(word|phrase)?|secret|token|api[_-]?key|apikey|authorization|private[_-]?key|credential|cookie)$/i;
/** Shorter values would redact ordinary text; such secrets are refused by nobody, but not hunted in strings. */
const MIN_SECRET_LENGTH = 4;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Removes secrets from anything about to leave the process (logs, errors, records):
 * by key (known secret keys and names that look like secrets) and by value (every
 * occurrence of a secret value, also inside longer strings, in any of the forms a vendor or a
 * URL may give it back: URL-encoded, JSON-escaped, base64; see {@link secretForms}).
 */
export class Redactor {
  private readonly pattern: RegExp | undefined;

  constructor(
    private readonly values: ReadonlySet<string> = new Set(),
    private readonly keys: ReadonlySet<string> = new Set(),
  ) {
    const usable = [...new Set([...values].filter((value) => value.length >= MIN_SECRET_LENGTH).flatMap(secretForms))].sort((a, b) => b.length - a.length);
    this.pattern = usable.length > 0 ? new RegExp(usable.map(escapeRegExp).join('|'), 'g') : undefined;
  }

  /** A redactor that also hides these values and keys. */
  with(values: Iterable<unknown>, keys: Iterable<string> = []): Redactor {
    const nextValues = new Set(this.values);
    for (const value of values) if (typeof value === 'string' && value.length > 0) nextValues.add(value);
    return new Redactor(nextValues, new Set([...this.keys, ...keys]));
  }

  get isEmpty(): boolean {
    return this.pattern === undefined && this.keys.size === 0;
  }

  isSecretKey(key: string): boolean {
    return this.keys.has(key) || SECRET_KEY.test(key);
  }

  redactString(text: string): string {
    return this.pattern ? text.replace(this.pattern, REDACTED) : text;
  }

  /** A deep copy of `value` with secrets replaced; the input is not modified. */
  redact<T>(value: T): T {
    return this.walk(value, new WeakSet()) as T;
  }

  private walk(value: unknown, seen: WeakSet<object>): unknown {
    if (typeof value === 'string') return this.redactString(value);
    if (typeof value !== 'object' || value === null) return value;
    if (seen.has(value)) return '[Circular]';
    seen.add(value);
    if (Array.isArray(value)) return value.map((item) => this.walk(item, seen));
    if (value instanceof Error) {
      return { name: value.name, message: this.redactString(value.message), ...(this.walk({ ...value }, seen) as object) };
    }
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      out[key] = this.isSecretKey(key) && item !== undefined && item !== null && item !== '' ? REDACTED : this.walk(item, seen);
    }
    return out;
  }
}

export const REDACTED_MARK = REDACTED;
