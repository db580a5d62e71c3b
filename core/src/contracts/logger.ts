/** Structured fields attached to a log line. */
export type LogFields = Record<string, unknown>;

/**
 * The logger handed to plugin code and used across core. Backed by pino; every line goes
 * through secret redaction (by key and by value) before it is written.
 */
export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
  /** A logger whose lines carry `bindings` in addition to this one's. */
  child(bindings: LogFields): Logger;
}
