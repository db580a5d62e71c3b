import { z } from 'zod';

const avResult = z.looseObject({ av: z.string().optional(), result: z.string().optional(), score: z.number().int().optional() });

const fileResult = z.looseObject({
  sha256: z.string().optional(),
  sha1: z.string().optional(),
  md5: z.string().optional(),
  magic: z.string().optional(),
  size: z.number().int().optional(),
  is_malware: z.boolean().optional(),
  av_result: z.array(avResult).optional(),
});

const threat = z.looseObject({
  filenames: z.array(z.string()).optional(),
  tags: z.array(z.looseObject({ name: z.string().optional(), value: z.string().optional() })).optional(),
  score: z.number().int().optional(),
  magic: z.string().optional(),
  sha256: z.string().optional(),
  sha1: z.string().optional(),
  md5: z.string().optional(),
  ssdeep: z.string().optional(),
  file_size: z.number().int().optional(),
  mime: z.string().optional(),
});

/**
 * An analysis as GLIMPS Detect answers it (`GET api/lite/v2/results/{uuid}`): every field optional,
 * since an analysis in progress, or in error, carries only some of them.
 */
export const analysisDetailsSchema = z
  .looseObject({
    status: z.boolean().optional().describe('False means an error occured'),
    special_status_code: z.number().int().optional().describe('Special error code, 0 means no special case'),
    uuid: z.string().optional().describe('Unique analysis identifier'),
    sha256: z.string().optional().describe('String hex encoded input file SHA256'),
    sha1: z.string().optional().describe('String hex encoded input file SHA1'),
    md5: z.string().optional().describe('String hex encoded input file MD5'),
    ssdeep: z.string().optional().describe("File's SSDeep"),
    is_malware: z.boolean().optional().describe('Analysis verdict, malware or not'),
    score: z.number().int().optional().describe('Highest score given by the services, of all the files in the submission'),
    done: z.boolean().optional().describe('Analysis status, true if analysis is done'),
    timestamp: z.number().int().optional().describe('Timestamp of the start of analysis in milliseconds'),
    file_count: z.number().int().optional().describe('Amount of file in the submission (input + extracted)'),
    duration: z.number().int().optional().describe('Duration of the analysis in milliseconds'),
    filetype: z.string().optional().describe('Type of the file'),
    size: z.number().int().optional().describe('Input file size (in bytes)'),
    sid: z.string().optional().describe('Analysis ID on GLIMPS Malware Expert'),
    token: z.string().optional().describe('Token that can be used to view analysis result in expert view'),
    error: z.string().optional().describe('Error message if Status is false'),
    errors: z.record(z.string(), z.string()).optional().describe('Error message by services'),
    filenames: z.array(z.string()).optional().describe('List of analysed filename'),
    malwares: z.array(z.string()).optional().describe('List of malware names found in analysis'),
    files: z.array(fileResult).optional().describe('Array of submission files (input file and extracted sub-files)'),
    threats: z.record(z.string(), threat).optional().describe("Summary of threats found in submission, by the files' SHA256"),
  })
  .describe('Analysis response details');

export type AnalysisDetails = z.output<typeof analysisDetailsSchema>;

/** What the reference's analysis actions return: the analysis and the link to its expert view. */
export const analysisResponseSchema = z
  .looseObject({
    analysis: analysisDetailsSchema,
    view_url: z.string().optional().describe("Analysis URL (empty when GLIMPS gave no link to its expert view)"),
  })
  .meta({ title: 'AnalysisResponse' });

/** An analysis with the link to its expert view: the reference's `AnalysisResponse`. */
export type AnalysisResponse = z.input<typeof analysisResponseSchema>;
