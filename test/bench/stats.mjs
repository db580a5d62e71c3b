/** Median of a list of numbers. */
export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

export function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** Times `batches` batches of `size` calls; returns per-call microseconds of each batch. */
export async function timeBatches(fn, { batches = 30, size = 200 } = {}) {
  const perCall = [];
  for (let b = 0; b < batches; b++) {
    const start = process.hrtime.bigint();
    for (let i = 0; i < size; i++) await fn();
    perCall.push(Number(process.hrtime.bigint() - start) / 1000 / size);
  }
  return perCall;
}

export function row(label, value, unit = '') {
  process.stdout.write(`  ${label.padEnd(52)} ${value}${unit}\n`);
}

/**
 * Like {@link timeBatches}, also giving this process's CPU time per call (user + system): on a
 * machine other processes share, wall time includes waiting for a core, CPU time does not.
 */
export async function timeBatchesWithCpu(fn, { batches = 30, size = 200 } = {}) {
  const wall = [];
  const cpu = [];
  for (let b = 0; b < batches; b++) {
    const start = process.hrtime.bigint();
    const used = process.cpuUsage();
    for (let i = 0; i < size; i++) await fn();
    const spent = process.cpuUsage(used);
    wall.push(Number(process.hrtime.bigint() - start) / 1000 / size);
    cpu.push((spent.user + spent.system) / size);
  }
  return { wall, cpu };
}
