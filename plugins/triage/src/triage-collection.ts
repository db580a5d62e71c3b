import { DirectoryFileStore, type TriggerContext } from '@ply/core';
import type { TriageConfiguration } from './configuration.js';
import { sampleIocs } from './sample-iocs.js';
import { FINISHED_STATUSES, searchFamily, type SearchedSample } from './sample-search.js';
import type { MalwareResults, SampleIocs } from './triage-raw-results.js';

/** Per family: the submission time the next search starts at, and the samples at or after it already emitted. */
export interface FamilyCheckpoint {
  since: string;
  ids: string[];
}

/** The trigger's checkpoint: one entry per malware family it has searched. */
export interface TriageCheckpoint {
  families: Record<string, FamilyCheckpoint>;
}

/** The trigger's arguments (the reference's). */
export interface TriageConfigArguments {
  frequency: number;
  malware_list: string[];
  exclude_signed: boolean;
  exclude_suspicious_analysis: boolean;
}

/** How the trigger calls Triage. */
export interface CollectionOptions {
  /** Timeout of one request in ms (default: the HTTP client's). */
  requestTimeoutMs?: number;
}

export type TriageTriggerContext = TriggerContext<TriageConfiguration, { file_path: string }>;

/** A sample still being analysed this long after its submission is read as it is: its analysis is stuck, and waiting for it would hold the family's checkpoint back for good. */
export const MAX_ANALYSIS_WAIT_MS = 24 * 3600_000;

/** The folder (under the trigger's data folder) each event's file goes to. */
export const RESULTS_FOLDER = 'triage_results';

/**
 * Where the family's next search starts: at the oldest sample still being analysed (it is emitted
 * once reported), else at the newest one found, else where this one started.
 */
function nextCheckpoint(found: readonly SearchedSample[], pending: ReadonlySet<string>, handled: ReadonlySet<string>, since: number): FamilyCheckpoint {
  const times = (samples: readonly SearchedSample[]) => samples.map((sample) => Date.parse(sample.submitted));
  const waiting = found.filter((sample) => pending.has(sample.id));
  const next = waiting.length > 0 ? Math.min(...times(waiting)) : found.length > 0 ? Math.max(...times(found)) : since;
  const ids = found.filter((sample) => handled.has(sample.id) && Date.parse(sample.submitted) >= next).map((sample) => sample.id);
  return { since: new Date(next).toISOString(), ids };
}

/** One family: its new, finished samples with their IOCs, and the family's next checkpoint. */
async function collectFamily(ctx: TriageTriggerContext, args: TriageConfigArguments, options: CollectionOptions, malware: string, known: FamilyCheckpoint | undefined) {
  // A first run reads what was submitted in the last `frequency` seconds, as the reference does on every run.
  const since = known ? Date.parse(known.since) : Date.now() - args.frequency * 1000;
  const emitted = new Set(known?.ids ?? []);
  const found = await searchFamily(ctx, malware, since, options.requestTimeoutMs);
  const analysing = (sample: SearchedSample) => sample.status !== undefined && !FINISHED_STATUSES.has(sample.status) && Date.now() - Date.parse(sample.submitted) < MAX_ANALYSIS_WAIT_MS;
  const pending = new Set(found.filter(analysing).map((sample) => sample.id));
  const samples: Record<string, SampleIocs> = {};
  for (const sample of found) {
    if (pending.has(sample.id) || emitted.has(sample.id)) continue;
    // Hundreds of samples take a while: the supervisor must see the trigger is alive.
    ctx.heartbeat();
    samples[sample.id] = await sampleIocs(ctx, malware, sample.id, args, options.requestTimeoutMs);
  }
  const handled = new Set([...emitted, ...Object.keys(samples)]);
  return { samples, checkpoint: nextCheckpoint(found, pending, handled, since) };
}

/**
 * One collection: every family's new samples, written as one JSON file (the reference's list of
 * `{malware, samples}`) into a folder of its own, emitted as `{file_path}` with that folder, then
 * the checkpoint moved. A failure before the emission leaves the checkpoint where it was.
 */
export async function collectOnce(ctx: TriageTriggerContext, args: TriageConfigArguments, options: CollectionOptions = {}): Promise<void> {
  const checkpoint = ((await ctx.checkpoint.get()) as TriageCheckpoint | undefined) ?? { families: {} };
  const families: Record<string, FamilyCheckpoint> = { ...checkpoint.families };
  const results: MalwareResults[] = [];
  for (const malware of args.malware_list) {
    if (ctx.signal.aborted) return;
    const family = await collectFamily(ctx, args, options, malware, checkpoint.families[malware]);
    if (Object.keys(family.samples).length > 0) results.push({ malware, samples: family.samples });
    families[malware] = family.checkpoint;
  }
  if (results.length > 0) {
    const directory = `${RESULTS_FOLDER}/${Date.now()}`;
    const filePath = await new DirectoryFileStore(ctx.files.resolve(directory)).writeJson('triage.json', results);
    ctx.log.info('Triage results written', { families: results.length, samples: results.reduce((sum, family) => sum + Object.keys(family.samples).length, 0) });
    await ctx.emit({ file_path: filePath }, { directory });
  }
  await ctx.checkpoint.set({ families });
}
