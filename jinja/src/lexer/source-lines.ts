import type { TemplatePosition } from '../errors/jinja-error.js';

/**
 * Jinja2's newline rules: `\r\n`, `\r` and `\n` all become `\n`, and one trailing newline is
 * dropped (keep_trailing_newline is off).
 */
export function normalizeSource(source: string): string {
  let text = source.includes('\r') ? source.replace(/\r\n?/g, '\n') : source;
  if (text.endsWith('\n')) text = text.slice(0, -1);
  return text;
}

/** Maps offsets in a source to 1-based line and column. */
export class SourceLines {
  private readonly starts: number[] = [0];

  constructor(source: string) {
    for (let i = source.indexOf('\n'); i !== -1; i = source.indexOf('\n', i + 1)) this.starts.push(i + 1);
  }

  at(offset: number): TemplatePosition {
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if ((this.starts[middle] as number) <= offset) low = middle;
      else high = middle - 1;
    }
    return { line: low + 1, column: offset - (this.starts[low] as number) + 1 };
  }
}
