import { z } from 'zod';
import { utils } from './module.js';

/** Groups by value, keyed by the value's JSON so that 1 and "1" stay apart (Python's dict keys do). */
function groupKey(value: unknown): string {
  return value === undefined ? 'undefined' : JSON.stringify(value);
}

export const groupbyAction = utils.action({
  uuid: '576c1fcd-bcec-4c7e-b96d-185faaf770b6',
  slug: 'groupby',
  docker_parameters: 'action_groupby',
  name: 'GroupBy',
  description: 'GroupBy',
  arguments: z
    .object({
      group_key: z.string().describe('GroupBy element by value for a specific key'),
      filter_key: z.string().optional().describe('GroupBy element with filter for a specific key'),
      filter_value: z.string().optional().describe('GroupBy element with a filter for a specific value on a specific key'),
      input: z.array(z.unknown()).describe('Input Data to sort'),
    })
    .meta({ title: 'Arguments' }),
  results: z
    .object({
      results: z
        .array(
          z.object({
            group_index: z.number().int(),
            total_groups: z.number().int(),
            group_value: z.unknown(),
            group_data: z.array(z.unknown()),
          }),
        )
        .optional(),
    })
    .meta({ title: 'Results' }),
  run(_ctx, args) {
    const groups = new Map<string, { value: unknown; items: unknown[] }>();
    for (const element of args.input) {
      const record = typeof element === 'object' && element !== null && !Array.isArray(element) ? (element as Record<string, unknown>) : {};
      const value = record[args.group_key] ?? null;
      const key = groupKey(value);
      if (!groups.has(key)) groups.set(key, { value, items: [] });
      groups.get(key)!.items.push(element);
    }
    const kept = [...groups.values()]
      .map(({ value, items }) => {
        if (args.filter_key === undefined) return { value, items };
        const key = args.filter_key;
        const field = (item: unknown) => (typeof item === 'object' && item !== null ? (item as Record<string, unknown>)[key] : undefined);
        return { value, items: items.filter((item) => (args.filter_value === undefined ? field(item) !== undefined && field(item) !== null : field(item) === args.filter_value)) };
      })
      .filter(({ items }) => items.length > 0);
    return { results: kept.map(({ value, items }, index) => ({ group_index: index, total_groups: kept.length, group_value: value, group_data: items })) };
  },
});
