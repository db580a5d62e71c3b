import { z } from 'zod';
import { glimps } from './module.js';

/** `GET api/lite/v2/status`: the profile's quotas, cache setting and expected analysis duration. */
export const getProfileStatusAction = glimps.restAction({
  uuid: '59f36722-583b-5e49-8e1b-d6756f0c2fe5',
  slug: 'get_profile_status',
  name: 'Get profile status',
  description: 'Get Glimps detect profile status, it includes quotas, eastimated analysis duration and cache',
  docker_parameters: 'GetStatus',
  method: 'GET',
  path: 'api/lite/v2/status',
  arguments: z.object({}),
  results: z
    .looseObject({
      daily_quota: z.number().int().describe('Number of submissions authorized for the profile within 24h'),
      available_daily_quota: z.number().int().describe("Number of submissions still available within 24h. It's a sliding window, so a new slot will be released 24h after each submission"),
      cache: z.boolean().describe('If True, the profile is configured to use cached result by default'),
      estimated_analysis_duration: z
        .number()
        .int()
        .describe("Estimation of the duration for the next submissions in milliseconds. It's based on the average time of submissions and the submission queue state. The real duration could differ from the estimation"),
    })
    .meta({ title: 'ProfileStatus' }),
  // What GLIMPS leaves out counts as nothing, as the GLIMPS client reads it.
  map: (body) => {
    const status = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
    return { ...status, daily_quota: status['daily_quota'] ?? 0, available_daily_quota: status['available_daily_quota'] ?? 0, cache: status['cache'] ?? false, estimated_analysis_duration: status['estimated_analysis_duration'] ?? 0 };
  },
});
