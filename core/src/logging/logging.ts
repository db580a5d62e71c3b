// The logging on its own (`@ply/core/logging`): what an HTTP server outside the kernel (the
// registry) needs to log through pino with a child logger per request, without the executor,
// templating or DI.
export type * from '../contracts/logger.js';
export { PinoLogger, createRootLogger, type RootLoggerOptions } from './pino-logger.js';
export { Redactor } from './redactor.js';
export { startRequestLog, type RequestLog } from './request-log.js';
