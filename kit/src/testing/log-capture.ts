import { Writable } from 'node:stream';
import { createRootLogger, type PinoLogger } from '@ply/core';

/** A logger whose lines are kept in memory (as written), so tests can look for leaked secrets. */
export function captureLogs(level = 'debug'): { logger: PinoLogger; lines: string[]; text(): string } {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  return { logger: createRootLogger({ level, destination }), lines, text: () => lines.join('\n') };
}
