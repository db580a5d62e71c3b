import { z } from 'zod';

/** `query/dataleaks/email/{email}`: the leaks an address was found in. */
export const emailLeaksSchema = z.looseObject({
  total: z.number().int().optional(),
  events: z.array(z.string()).optional(),
  query: z.string().optional(),
});

/** `query/dataleaks/organization/{domain}`: how many addresses of a domain each leak holds. */
export const organizationLeaksSchema = z.looseObject({
  total: z.number().int().optional(),
  groups: z.array(z.looseObject({ leak: z.string().optional(), count: z.number().int().optional() })).optional(),
  query: z.string().optional(),
});

/** One data leak BinaryEdge tracks. */
const tracker = z.looseObject({
  label: z.string().optional(),
  description: z.string().optional(),
  techname: z.string().optional(),
  logo: z.string().optional(),
  data: z.string().optional(),
  year: z.string().optional(),
  name: z.string().optional(),
  fullname: z.string().optional(),
});

/** `query/dataleaks/info`: every tracked leak, by its technical name. */
export const leakTrackersSchema = z
  .object({ sktorrent: tracker.optional(), samsclub: tracker.optional(), yandex: tracker.optional() })
  .catchall(tracker)
  .describe('The tracked leaks by technical name');
