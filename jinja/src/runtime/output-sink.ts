import { JinjaLimitError } from '../errors/jinja-error.js';

/** Where a template (or a captured block) writes, bounded in length. */
export class OutputSink {
  private parts: string[] = [];
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
    this.parts.push(text);
  }

  /** The text written so far. */
  text(): string {
    if (this.parts.length > 1) this.parts = [this.parts.join('')];
    return this.parts[0] ?? '';
  }
}
