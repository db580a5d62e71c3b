import { z } from 'zod';
import { glimpsCall } from './glimps-call.js';
import { glimps } from './module.js';
import { analysisUuid } from './retrieve-analysis.action.js';

/** The export formats and layouts GLIMPS Detect offers, with the extension of each format's file. */
const FORMATS = { misp: 'json', stix: 'json', json: 'json', pdf: 'pdf', markdown: 'md', csv: 'csv' } as const;
const LAYOUTS = ['en', 'fr'] as const;

/**
 * Export analysis result: `GET api/lite/v2/results/{uuid}/export?format=&layout=&full=`. The export
 * (a PDF, a CSV, a STIX bundle...) is written as it came to a file of the run: the reference returned
 * its raw bytes as results, which no playbook step could read.
 */
export const exportAnalysisResultAction = glimps.action({
  uuid: '8691dbce-10fb-5e7c-b0e4-a783f86612f6',
  slug: 'export_analysis_result',
  name: 'Export analysis result',
  description: 'Export analysis result with the requested layout and format',
  docker_parameters: 'ExportSubmission',
  arguments: z
    .object({
      uuid: analysisUuid('Unique analysis identifier'),
      format: z.enum(Object.keys(FORMATS) as [keyof typeof FORMATS, ...Array<keyof typeof FORMATS>]).describe('Export format'),
      layout: z.enum(LAYOUTS).describe('Export layout'),
      // A string in the reference (with a boolean default): both are taken, "true" in any case meaning true.
      is_full: z.union([z.boolean(), z.string()]).default(false).describe('Export full analysis or summarized'),
    })
    .meta({ title: 'ExportSubmissionArguments' }),
  results: z.looseObject({
    file_path: z.string().describe("The export, a file of the run's data folder"),
    content_type: z.string().optional().describe('Its media type, as GLIMPS gave it'),
    size: z.number().int().describe('Its size in bytes'),
  }),
  async run(ctx, args) {
    const full = args.is_full === true || String(args.is_full).toLowerCase() === 'true';
    const { body, contentType } = await glimpsCall(ctx, {
      method: 'GET',
      path: `api/lite/v2/results/${encodeURIComponent(args.uuid)}/export`,
      query: { format: args.format, layout: args.layout, full: full ? 'True' : 'False' },
      responseType: 'bytes',
      notFound: `analysis ${args.uuid}`,
    });
    const bytes = typeof body === 'string' ? new TextEncoder().encode(body) : body;
    const file_path = await ctx.files.writeBytes(`glimps-export-${args.uuid}.${FORMATS[args.format]}`, bytes);
    return { file_path, ...(contentType ? { content_type: contentType } : {}), size: bytes.byteLength };
  },
});
