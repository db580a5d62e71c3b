import type { Writable } from 'node:stream';
import cliProgress from 'cli-progress';
import type { Output } from './output.js';

/** Progress of a long command: items done, the current one, the time spent. */
export interface Progress {
  /** Starts work on `item` (the previous one is done). */
  next(item: string): void;
  /** Ends the line. */
  stop(): void;
}

const QUIET: Progress = { next: () => undefined, stop: () => undefined };

/**
 * A progress line on stderr for a terminal user (`import 12/170 Sekoia.io | 3s`); nothing when
 * stderr is not a terminal (CI, pipes) or with `--json`, so output stays machine-readable.
 */
export function progressOf(output: Output, title: string, total: number, stream: Writable & { isTTY?: boolean } = process.stderr): Progress {
  if (output.json || !stream.isTTY || total < 2) return QUIET;
  const bar = new cliProgress.SingleBar(
    { stream, format: `${title} [{bar}] {value}/{total} {item} | {duration}s`, barsize: 24, hideCursor: false, clearOnComplete: false, noTTYOutput: false, fps: 10 },
    cliProgress.Presets.shades_classic,
  );
  let done = -1;
  return {
    next(item) {
      done += 1;
      if (done === 0) bar.start(total, 0, { item });
      else bar.update(done, { item });
    },
    stop() {
      if (done >= 0) {
        bar.update(done + 1, { item: 'done' });
        bar.stop();
      }
    },
  };
}

/** A one-step task's status on a terminal: `packing ./plugins/x …` then `… done in 2.1s` (quiet off a TTY and with `--json`). */
export function statusLine(output: Output, text: string, stream: Writable & { isTTY?: boolean } = process.stderr): { done(): void } {
  if (output.json || !stream.isTTY) return { done: () => undefined };
  const started = Date.now();
  stream.write(`${text} …`);
  return {
    done() {
      stream.write(` done in ${((Date.now() - started) / 1000).toFixed(1)}s\n`);
    },
  };
}
