import { Writable } from 'node:stream';
import { createRootLogger, type PinoLogger } from '@ply/core';

/**
 * A logger whose lines are kept in memory (as written), so tests can look for leaked secrets;
 * `records(message)` gives the lines with that message, parsed (`{ msg, status, delayMs, ... }`).
 */
export function captureLogs(level = 'debug'): { logger: PinoLogger; lines: string[]; text(): string; records(message?: string): Array<Record<string, unknown>> } {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  const records = (message?: string) => lines.map((line) => JSON.parse(line) as Record<string, unknown>).filter((record) => message === undefined || record['msg'] === message);
  return { logger: createRootLogger({ level, destination }), lines, text: () => lines.join('\n'), records };
}
