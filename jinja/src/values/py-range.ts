/** Python's `range`: lazy, so `range(10**9)` costs nothing until iterated (and the sandbox caps it). */
export class PyRange {
  readonly length: number;

  constructor(
    readonly start: number,
    readonly stop: number,
    readonly step: number,
  ) {
    const span = step > 0 ? stop - start : start - stop;
    this.length = span <= 0 ? 0 : Math.ceil(span / Math.abs(step));
  }

  at(index: number): number {
    return this.start + index * this.step;
  }

  toArray(): number[] {
    const items = new Array<number>(this.length);
    for (let i = 0; i < this.length; i += 1) items[i] = this.start + i * this.step;
    return items;
  }
}
