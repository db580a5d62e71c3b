import type { LogFields, Logger } from '../contracts/logger.js';

/**
 * A logger made the first time something is logged: the HTTP client of a run logs only on a retry,
 * and a pino child (bindings redacted, serializers set up) costs more than most requests' parsing.
 */
export function deferredLogger(make: () => Logger): Logger {
  let logger: Logger | undefined;
  const get = () => (logger ??= make());
  return {
    debug: (message: string, fields?: LogFields) => get().debug(message, fields),
    info: (message: string, fields?: LogFields) => get().info(message, fields),
    warn: (message: string, fields?: LogFields) => get().warn(message, fields),
    error: (message: string, fields?: LogFields) => get().error(message, fields),
    child: (bindings: LogFields) => get().child(bindings),
  };
}
