import { z } from 'zod';

/** Every action's results: the file of the run that holds them (Sekoia's `json_result` convention). */
export const resultFileSchema = (description: string) =>
  z
    .looseObject({
      result_path: z.string().describe(description),
    })
    .meta({ title: 'Results' });
