import { z } from 'zod';

/** The score of each category the IP score is made of (0-100 each). */
const scoresByCategory = z.looseObject({
  cve: z.number().optional(),
  attack_surface: z.number().optional(),
  encryption: z.number().optional(),
  rms: z.number().optional(),
  storage: z.number().optional(),
  web: z.number().optional(),
  torrents: z.number().optional(),
});

/** What a category's score was drawn from: its findings (port by port) and its score. */
const category = z.looseObject({
  result: z.array(z.looseObject({ port: z.number().int().optional(), score: z.number().optional() })).optional(),
  score: z.number().optional(),
});

/** `query/score/ip/{target}`: the host's exposure score and how it was made. */
export const ipScoreSchema = z.looseObject({
  normalized_ip_score: z.number().optional(),
  normalized_ip_score_detailed: scoresByCategory.optional(),
  ip_score_detailed: scoresByCategory.optional(),
  results_detailed: z
    .looseObject({
      ports: z.looseObject({ open: z.array(z.number().int()).optional(), score: z.number().optional() }).optional(),
      cve: category.optional(),
      ssh: category.optional(),
      rms: category.optional(),
      ssl: category.optional(),
      wec: category.optional(),
      ftp: category.optional(),
      http: category.optional(),
      storage: category.optional(),
      web: category.optional(),
      torrents: category.optional(),
    })
    .optional(),
  ip_address: z.string().optional(),
});
