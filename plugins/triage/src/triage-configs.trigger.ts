import { pollUntilStopped } from '@ply/core';
import { z } from 'zod';
import { collectOnce } from './triage-collection.js';
import { triage } from './module.js';

/** Options of the plugin's trigger (tests shorten the wait between collections). */
export interface TriageTriggerOptions {
  /** Wait between two collections in ms; default the trigger's `frequency`. */
  pollIntervalMs?: number;
  /** Timeout of one request to Triage in ms; default one minute (an overview of a large sample takes a while). */
  requestTimeoutMs?: number;
}

const REQUEST_TIMEOUT_MS = 60_000;

/** The Triage config trigger: every `frequency` seconds, the new samples of each family, written to a file and emitted as `{file_path}`. */
export function triageConfigsTrigger(options: TriageTriggerOptions = {}) {
  return triage.trigger({
    uuid: '484e4dea-9540-4535-8add-9a43ed54fcdd',
    slug: 'triage_configs',
    docker_parameters: 'trigger_triage_configs',
    name: 'Triage config',
    description: 'Get Triage configs',
    arguments: z
      .object({
        frequency: z.int().positive().describe('Frequency at which the script collects IOCs'),
        malware_list: z.array(z.string().min(1).describe('Malware name in Triage')).describe('List of malware family'),
        exclude_signed: z.boolean().default(false).describe('Do not retrieve report with signed binary'),
        exclude_suspicious_analysis: z.boolean().default(false).describe('Do not retrieve report with only one behavioral or with a score gap between two dynamic analysis'),
      })
      .meta({ title: 'Triage Configuration' }),
    results: z.object({ file_path: z.string().describe('Triage raw results file path') }).meta({ title: 'Triage raw results' }),
    async start(ctx, args) {
      await pollUntilStopped(ctx, { vendor: 'Triage', intervalMs: options.pollIntervalMs ?? args.frequency * 1000, poll: () => collectOnce(ctx, args, { requestTimeoutMs: options.requestTimeoutMs ?? REQUEST_TIMEOUT_MS }) });
    },
  });
}
