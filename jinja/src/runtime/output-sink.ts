import { JinjaLimitError } from '../errors/jinja-error.js';

/**
 * Where a template (or a captured block) writes, bounded in length. Pieces are concatenated as
 * they come: V8 keeps the sum as a rope and flattens it once, cheaper than an array joined at
 * the end (a tenth of the e-mail benchmark's render went on the push and join).
 */
export class OutputSink {
  private written = '';
  private size = 0;

  constructor(
    private readonly maximum: number,
    private readonly limit: 'output' | 'value-size',
  ) {}

  get length(): number {
    return this.size;
  }

  write(text: string): void {
    if (text.length === 0) return;
    this.size += text.length;
    if (this.size > this.maximum) {
      throw new JinjaLimitError(this.limit, this.maximum, this.limit === 'output' ? `the output is longer than ${this.maximum} characters` : `a captured block is longer than ${this.maximum} characters`);
    }
    this.written += text;
  }

  /** The text written so far. */
  text(): string {
    return this.written;
  }
}
