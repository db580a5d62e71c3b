import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { Output } from './output.js';
import { progressOf, statusLine } from './progress.js';

function terminal(isTTY: boolean): Writable & { isTTY: boolean; text(): string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk.toString());
      done();
    },
  }) as Writable & { isTTY: boolean; text(): string; columns: number; cursorTo: () => boolean; clearLine: () => boolean; moveCursor: () => boolean };
  stream.isTTY = isTTY;
  stream.columns = 120;
  stream.cursorTo = () => true;
  stream.clearLine = () => true;
  stream.moveCursor = () => true;
  stream.text = () => chunks.join('');
  return stream;
}

const output = (json: boolean): Output => ({ json, out: () => undefined, err: () => undefined });

describe('progress of long commands', () => {
  it('shows the count, the current item and the time on a terminal', () => {
    const stream = terminal(true);
    const progress = progressOf(output(false), 'import', 3, stream);
    for (const item of ['AWS', 'Sekoia.io', 'Zscaler']) progress.next(item);
    progress.stop();
    const text = stream.text();
    expect(text).toMatch(/import \[.*\] 0\/3 AWS \| \d+s/);
    expect(text).toMatch(/3\/3 done/);
  });

  it('prints nothing when stderr is not a terminal, or with --json', () => {
    for (const [json, isTTY] of [[false, false], [true, true]] as const) {
      const stream = terminal(isTTY);
      const progress = progressOf(output(json), 'import', 3, stream);
      progress.next('AWS');
      progress.stop();
      expect(stream.text()).toBe('');
    }
  });

  it('shows a one-step task and its time on a terminal, and nothing off a terminal or with --json', () => {
    const stream = terminal(true);
    statusLine(output(false), 'packing ./plugins/whois', stream).done();
    expect(stream.text()).toMatch(/^packing \.\/plugins\/whois … done in \d+\.\ds\n$/);
    for (const [json, isTTY] of [[false, false], [true, true]] as const) {
      const quiet = terminal(isTTY);
      statusLine(output(json), 'packing', quiet).done();
      expect(quiet.text()).toBe('');
    }
  });
});
