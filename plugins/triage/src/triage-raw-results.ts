import { z } from 'zod';

/** What the trigger gathered for one sample: its C2s, dropper URLs and hashes (the reference's keys). */
export const sampleIocsSchema = z.looseObject({
  sample_c2s: z.array(z.string()).default([]),
  sample_urls: z.array(z.string()).default([]),
  sample_hashes: z.array(z.string()).default([]),
});

/** One malware family's results: `{malware, samples: {<sample id>: iocs}}`, as the reference's trigger writes them. */
export const malwareResultsSchema = z.looseObject({
  malware: z.string().min(1),
  samples: z.record(z.string(), sampleIocsSchema),
});

export type SampleIocs = z.output<typeof sampleIocsSchema>;
export type MalwareResults = z.output<typeof malwareResultsSchema>;
