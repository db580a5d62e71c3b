import { z } from 'zod';

/** Onyphe answers `took` as a string of seconds ("0.004"), at times as a number. */
const took = z.union([z.string(), z.number()]).describe('Time to serve the request');

/** What every Onyphe answer carries; `results` items are the category's documents. */
const answerFields = {
  count: z.number().int().describe('Number of elements in results'),
  error: z.number().int().optional().describe('Error code, 0 for no error'),
  message: z.string().optional().describe('Error message, only if error is not 0'),
  myip: z.string().optional().describe('IP from which the request is made'),
  status: z.string().describe('Status of the request: ok/nok'),
  took,
  total: z.number().int().describe('Total number of pieces of information, only up to 10000 are returned in results'),
};

/** The results of a paged lookup: the pages up to the budget, aggregated as the reference does. */
export const pagedResultsSchema = z
  .looseObject({
    ...answerFields,
    results: z.array(z.looseObject({}).describe('a document of the category')).describe('array of data'),
    max_page: z.number().int().describe('Maximal number of pages'),
    page: z.number().int().describe('Last page requested'),
  })
  .meta({ title: 'Results' });

export type PagedResults = z.output<typeof pagedResultsSchema>;

const geolocation = z.looseObject({
  '@category': z.string().optional().describe('Category of the data'),
  '@timestamp': z.string().optional().describe('Timestamp of the data in RFC 3339'),
  '@type': z.string().optional().describe('Type of the data'),
  asn: z.string().optional().describe('Autonomous system number'),
  city: z.string().optional().describe('ip city if known'),
  country: z.string().optional().describe('ip country if known'),
  ip: z.string().optional().describe('IP this data block is about'),
  ipv6: z.union([z.string(), z.boolean()]).optional().describe('Boolean indicating if this block is about an ipv6 address or not'),
  latitude: z.union([z.string(), z.number()]).optional().describe('Latitude precise to four decimal places'),
  location: z.string().optional().describe('(latitude,longitude)'),
  longitude: z.union([z.string(), z.number()]).optional().describe('Longitude precise to four decimal places'),
  organization: z.string().optional().describe('Description of the autonomous system (AS) the requested ip belongs to'),
  subnet: z.string().optional().describe('Subnet assigned to the autonomous system (AS) the requested ip belongs to'),
});

/** The results of Geolocalize IP: one answer, not paged. */
export const geolocResultsSchema = z
  .looseObject({ ...answerFields, results: z.array(geolocation).describe('array of data') })
  .meta({ title: 'Results' });
