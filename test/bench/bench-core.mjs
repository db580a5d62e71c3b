// Benchmarks run against the built packages (pnpm build first), as users run them.
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { PinoLogger } from '@ply/core';

export * from '@ply/core';
export { PlyStore, PlaybookEngine, sql } from '@ply/runtime';
export { ModuleInstaller } from '@ply/installer';

/** A logger that drops every line, so benchmarks time the runtime rather than the terminal. */
export function captureNothing() {
  return new PinoLogger(pino({ level: 'warn' }, new Writable({ write: (_c, _e, done) => done() })));
}
