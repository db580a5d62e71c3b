import { z } from 'zod';

/** WatchGuard Cloud's OData-style list parameters (`$top`, `$skip`, `$search`, `$count`, `$orderby`), sent in the query. */
export const listParameters = {
  $top: z.int().min(1).optional().describe('Specifies the number of objects to retrieve. Example: 5'),
  $skip: z.int().min(0).optional().describe('Bypasses the specified number of objects in the results returned. For example, if you specify 10, the first 10 objects are skipped'),
  $search: z.string().optional().describe('Returns only objects that include the specified text string. For example, "name" returns objects that include "name"'),
  $count: z.boolean().optional().describe('Indicates whether to return a counter that shows the total number of objects in the total_items response parameter'),
  $orderby: z.string().optional().describe('Specifies how to order results. You can order by any parameter in the response and sort results in ascending (asc) or descending (desc) order'),
};

/** `{total_items, data}`, WatchGuard's list answer. */
export function listResults(item: string) {
  return z
    .looseObject({
      total_items: z.int().nullish().describe(`Total number of ${item}s (null unless $count is true)`),
      data: z.array(z.looseObject({})).describe(`Array of ${item} data`),
    })
    .meta({ title: 'Results' });
}

const deviceIds = (what: string) => z.array(z.string().min(1)).min(1).describe(`List of IDs of devices to ${what}. Example: "cb509c17-7b88-461a-ba3b-3d43e29e6cd4","2c13685e-7d1f-4726-a66e-a6fbd0e7e1f9"`);
export { deviceIds };

/** `{processed_device_ids}`, the answer of the device actions. */
export const processedResults = z.looseObject({ processed_device_ids: z.array(z.string()).optional().describe('List of IDs of the devices the action was sent to') }).meta({ title: 'Results' });
