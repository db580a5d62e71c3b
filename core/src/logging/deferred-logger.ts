import type { LogFields, Logger } from '../contracts/logger.js';

/**
 * A logger made the first time something is logged: the HTTP client of a run logs only on a retry,
 * and a pino child (bindings redacted, serializers set up) costs more than most requests' parsing.
 * A class, so that a run pays one small object, not five closures.
 */
class DeferredLogger implements Logger {
  #logger: Logger | undefined;
  readonly #make: () => Logger;

  constructor(make: () => Logger) {
    this.#make = make;
  }

  #get(): Logger {
    return (this.#logger ??= this.#make());
  }

  debug(message: string, fields?: LogFields): void {
    this.#get().debug(message, fields);
  }

  info(message: string, fields?: LogFields): void {
    this.#get().info(message, fields);
  }

  warn(message: string, fields?: LogFields): void {
    this.#get().warn(message, fields);
  }

  error(message: string, fields?: LogFields): void {
    this.#get().error(message, fields);
  }

  child(bindings: LogFields): Logger {
    return this.#get().child(bindings);
  }
}

/** A logger that calls `make` on its first line (or child) and logs through what it made. */
export function deferredLogger(make: () => Logger): Logger {
  return new DeferredLogger(make);
}
