import { JinjaRuntimeError } from '../errors/jinja-error.js';
import { isUndefined } from '../values/undefined-value.js';
import { failUndefined } from '../values/undefined-use.js';

function sliceIndex(value: unknown): number | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'number' && Number.isSafeInteger(value)) return value;
  if (typeof value === 'bigint') return value > 0n ? Number.MAX_SAFE_INTEGER : Number.MIN_SAFE_INTEGER;
  if (isUndefined(value)) failUndefined(value);
  throw new JinjaRuntimeError('slice indices must be integers or None or have an __index__ method');
}

/**
 * The positions `seq[start:stop:step]` takes from a sequence of `length` items (Python's
 * slice.indices), in order.
 */
export function slicePositions(length: number, start: unknown, stop: unknown, step: unknown): number[] {
  const stride = sliceIndex(step) ?? 1;
  if (stride === 0) throw new JinjaRuntimeError('slice step cannot be zero', 'ValueError');
  const clamp = (index: number | undefined, fallback: number): number => {
    if (index === undefined) return fallback;
    if (index < 0) return Math.max(index + length, stride < 0 ? -1 : 0);
    return Math.min(index, stride < 0 ? length - 1 : length);
  };
  const from = clamp(sliceIndex(start), stride < 0 ? length - 1 : 0);
  const to = clamp(sliceIndex(stop), stride < 0 ? -1 : length);
  const positions: number[] = [];
  if (stride > 0) for (let i = from; i < to; i += stride) positions.push(i);
  else for (let i = from; i > to; i += stride) positions.push(i);
  return positions;
}

/** A contiguous slice `[from, to)` when the step is 1 (the common case, without an index list). */
export function simpleSlice(length: number, start: unknown, stop: unknown, step: unknown): [number, number] | undefined {
  if (step !== undefined && step !== null && step !== 1) return undefined;
  const norm = (value: unknown, fallback: number): number => {
    const index = sliceIndex(value);
    if (index === undefined) return fallback;
    return index < 0 ? Math.max(0, index + length) : Math.min(index, length);
  };
  const from = norm(start, 0);
  const to = norm(stop, length);
  return [from, Math.max(from, to)];
}
