import { z } from 'zod';
import type { FileStore } from '@ply/core';

/**
 * The reference's `to_file` choice: the value inline as `output`, or written to
 * `output-<uuid>.json` in the run's data folder and returned as `output_path` (a string is
 * written as it is, anything else as JSON, as Sekoia's Utils does).
 */
export async function outputOf(value: unknown, toFile: boolean, files: FileStore): Promise<{ output?: unknown; output_path?: string }> {
  if (!toFile) return { output: value ?? null };
  const text = typeof value === 'string' ? value : JSON.stringify(value ?? null);
  return { output_path: await files.writeText('output.json', text) };
}

/** The reference's rule for matches: one match alone, several as a list, or always a list with `return_list`. */
export function selectMatches(matches: unknown[], returnList: boolean): unknown {
  if (returnList || matches.length > 1) return matches;
  return matches.length === 1 ? matches[0] : null;
}

/** The arguments both file readers take besides their content and expression (the reference's). */
export const readerOptions = {
  return_list: z.boolean().default(false).describe('Always return a list of results. Default to false.'),
  to_file: z.boolean().default(false).describe('Whether the event should be saved in a file or sent directly'),
};

/** The results of both file readers: the output inline, or the name of the file holding it. */
export const readerResults = z
  .object({
    output: z.unknown().optional().describe('Content read from file'),
    output_path: z.string().optional().describe('Path to the file with the content'),
  })
  .meta({ title: 'Results' });
