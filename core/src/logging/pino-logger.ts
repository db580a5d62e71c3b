import { pino, type DestinationStream, type Logger as Pino } from 'pino';
import type { LogFields, Logger } from '../contracts/logger.js';
import { Redactor } from './redactor.js';

export interface RootLoggerOptions {
  level?: string;
  /** Where lines go (default: stderr, so command output on stdout stays clean). */
  destination?: DestinationStream;
}

/** The Logger contract on top of pino; every message and field passes through the redactor. */
export class PinoLogger implements Logger {
  constructor(
    private readonly pino: Pino,
    /** What this logger hides; also used to clean errors before they leave a run. */
    readonly redactor: Redactor = new Redactor(),
  ) {}

  debug(message: string, fields?: LogFields): void {
    if (this.pino.isLevelEnabled('debug')) this.pino.debug(this.clean(fields), this.redactor.redactString(message));
  }

  info(message: string, fields?: LogFields): void {
    if (this.pino.isLevelEnabled('info')) this.pino.info(this.clean(fields), this.redactor.redactString(message));
  }

  warn(message: string, fields?: LogFields): void {
    if (this.pino.isLevelEnabled('warn')) this.pino.warn(this.clean(fields), this.redactor.redactString(message));
  }

  error(message: string, fields?: LogFields): void {
    if (this.pino.isLevelEnabled('error')) this.pino.error(this.clean(fields), this.redactor.redactString(message));
  }

  isLevelEnabled(level: 'debug' | 'info' | 'warn' | 'error'): boolean {
    return this.pino.isLevelEnabled(level);
  }

  child(bindings: LogFields): PinoLogger {
    return new PinoLogger(this.pino.child(this.redactor.redact(bindings)), this.redactor);
  }

  /** The same logger, also hiding these secret values (and keys). */
  withSecrets(values: Iterable<unknown>, keys: Iterable<string> = []): PinoLogger {
    return new PinoLogger(this.pino, this.redactor.with(values, keys));
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
