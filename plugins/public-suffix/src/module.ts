import { defineModule } from '@ply/core';
import { z } from 'zod';

/** Where publicsuffix.org publishes the list (https://publicsuffix.org/list/). */
export const PUBLIC_SUFFIX_LIST_URL = 'https://publicsuffix.org/list/public_suffix_list.dat';

/**
 * The reference has no configuration; `url` is a Ply addition (a mirror, a proxy, a test fake),
 * defaulting to the official list, so the reference's empty configuration still validates.
 */
export const publicSuffixConfigurationSchema = z
  .object({
    url: z.url().default(PUBLIC_SUFFIX_LIST_URL).describe(`Where to download the list from (default ${PUBLIC_SUFFIX_LIST_URL})`),
  })
  .meta({ title: 'Configuration' });

export const publicSuffix = defineModule({
  uuid: '735b9f36-50eb-4a36-8d08-0996966ee9aa',
  slug: 'public-suffix',
  name: 'Public Suffix',
  description: 'The Public Suffix List is an initiative of Mozilla to list of all known public suffixes',
  categories: ['Threat Intelligence'],
  group: 'Data collection',
  configuration: publicSuffixConfigurationSchema,
  engines: { ply: '>=0.1.0 <1.0.0' },
});
