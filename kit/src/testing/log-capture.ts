import { Writable } from 'node:stream';
import { pino } from 'pino';
import { PinoLogger } from '@ply/core';

/** A logger whose lines are kept in memory (as written), so tests can look for leaked secrets. */
export function captureLogs(level = 'debug'): { logger: PinoLogger; lines: string[]; text(): string } {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  return { logger: new PinoLogger(pino({ level, base: undefined }, stream)), lines, text: () => lines.join('\n') };
}
