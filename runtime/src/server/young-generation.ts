import { constants, PerformanceObserver } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';

/** V8's own default: the young generation doubles when a scavenge finds it too small. */
const DEFAULT_GROWTH_FACTOR = 2;

/**
 * Keeps V8's young generation at its smallest while `ply serve` starts, and returns what lets it
 * grow again. What start-up allocates (modules, manifests, schemas) lives on, so a young
 * generation grown for it buys nothing and stays resident: about 14 MiB of an idle server's
 * memory. Under load V8 grows it as usual (see {@link releaseUnderLoad}). Left alone when the
 * user tunes the semi-space through node options.
 */
export function holdYoungGeneration(): () => void {
  const tuned = [...process.execArgv, process.env['NODE_OPTIONS'] ?? ''].some((option) => option.includes('semi-space') || option.includes('semi_space'));
  if (tuned) return () => {};
  setFlagsFromString('--semi-space-growth-factor=1');
  return () => setFlagsFromString(`--semi-space-growth-factor=${DEFAULT_GROWTH_FACTOR}`);
}

/** Minor GCs within {@link LOAD_WINDOW_MS} that mean steady allocation: with the held 1 MiB semi-space, about 16 MB/s. */
const SCAVENGES_UNDER_LOAD = 16;
const LOAD_WINDOW_MS = 1000;

/**
 * Calls `release` (what {@link holdYoungGeneration} returned) once the process allocates
 * steadily, told by V8's minor GCs: {@link SCAVENGES_UNDER_LOAD} within a second. Why not at
 * once after start-up: the demo run and the first few requests are one-off bursts, and a young
 * generation grown for them stays resident while the server idles (about 2 MiB of an idle
 * `ply serve`); a server under load gets its young generation grown as V8 does. Returns what
 * stops watching and releases at once (shutdown).
 */
export function releaseUnderLoad(release: () => void): () => void {
  const scavenges: number[] = [];
  let done = false;
  const stop = () => {
    if (done) return;
    done = true;
    observer.disconnect();
    release();
  };
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      // A `gc` entry's detail says which GC it was (its type in @types/node is the generic entry's).
      if ((entry as { detail?: { kind?: number } }).detail?.kind !== constants.NODE_PERFORMANCE_GC_MINOR) continue;
      scavenges.push(entry.startTime);
      while (entry.startTime - scavenges[0]! > LOAD_WINDOW_MS) scavenges.shift();
      if (scavenges.length >= SCAVENGES_UNDER_LOAD) return stop();
    }
  });
  observer.observe({ entryTypes: ['gc'] });
  return stop;
}
