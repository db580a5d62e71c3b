import { pino, type DestinationStream, type Logger as Pino } from 'pino';
import type { LogFields, Logger } from '../contracts/logger.js';
import { Redactor } from './redactor.js';

export interface RootLoggerOptions {
  level?: string;
  /** Where lines go (default: stderr, so command output on stdout stays clean). */
  destination?: DestinationStream;
}

/**
 * The Logger contract on top of pino; every message and field passes through the redactor.
 * A child's pino logger is made when it first writes a line: the runtime makes one per HTTP
 * request and per run, and most of them write nothing at the default level (a pino child,
 * bindings redacted and serialised, cost about 3% of a webhook's CPU).
 */
export class PinoLogger implements Logger {
  private made: Pino | undefined;

  constructor(
    /** The logger this one writes through (its parent's, until a child writes). */
    private readonly base: Pino,
    /** What this logger hides; also used to clean errors before they leave a run. */
    readonly redactor: Redactor = new Redactor(),
    /** A child's bindings, not yet given to pino. */
    private readonly bindings?: LogFields,
  ) {
    if (!bindings) this.made = base;
  }

  debug(message: string, fields?: LogFields): void {
    if (this.isLevelEnabled('debug')) this.pino.debug(this.clean(fields), this.redactor.redactString(message));
  }

  info(message: string, fields?: LogFields): void {
    if (this.isLevelEnabled('info')) this.pino.info(this.clean(fields), this.redactor.redactString(message));
  }

  warn(message: string, fields?: LogFields): void {
    if (this.isLevelEnabled('warn')) this.pino.warn(this.clean(fields), this.redactor.redactString(message));
  }

  error(message: string, fields?: LogFields): void {
    if (this.isLevelEnabled('error')) this.pino.error(this.clean(fields), this.redactor.redactString(message));
  }

  /** A child not made yet has its parent's level (pino copies the level when it makes a child). */
  isLevelEnabled(level: 'debug' | 'info' | 'warn' | 'error'): boolean {
    return (this.made ?? this.base).isLevelEnabled(level);
  }

  child(bindings: LogFields): PinoLogger {
    // A child of a child not made yet carries both bindings (the later win, as pino writes them).
    return this.made ? new PinoLogger(this.made, this.redactor, bindings) : new PinoLogger(this.base, this.redactor, { ...this.bindings, ...bindings });
  }

  /** The same logger, also hiding these secret values (and keys). */
  withSecrets(values: Iterable<unknown>, keys: Iterable<string> = []): PinoLogger {
    const redactor = this.redactor.with(values, keys);
    return this.made ? new PinoLogger(this.made, redactor) : new PinoLogger(this.base, redactor, this.bindings);
  }

  private get pino(): Pino {
    return (this.made ??= this.base.child(this.redactor.redact(this.bindings ?? {})));
  }

  private clean(fields: LogFields | undefined): LogFields {
    return fields ? this.redactor.redact(fields) : {};
  }
}

export function createRootLogger(options: RootLoggerOptions = {}): PinoLogger {
  const level = options.level ?? process.env['PLY_LOG_LEVEL'] ?? 'warn';
  const destination = options.destination ?? pino.destination({ fd: 2, sync: true });
  return new PinoLogger(pino({ level, base: undefined }, destination));
}
