import { z } from 'zod';

/** Shodan's documented API root (https://developer.shodan.io/api). */
export const SHODAN_API_ROOT = 'https://api.shodan.io/';

/** The reference's configuration: the key (a secret) and the API root. */
export const shodanConfigurationSchema = z
  .object({
    api_key: z.string().min(1).meta({ secret: true }).describe('The user API key'),
    base_url: z.url().default(SHODAN_API_ROOT).describe('Shodan base url, like https://api.shodan.io/.'),
  })
  .meta({ title: 'Shodan' });
