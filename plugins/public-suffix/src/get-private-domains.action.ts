import { PlyError } from '@ply/core';
import { z } from 'zod';
import { publicSuffix } from './module.js';
import { privateDomains } from './private-domains.js';

/**
 * Not a REST declaration: the list is a text file, not JSON. The download goes through the run's
 * HTTP client (timeouts, retries of this GET on 5xx, `Retry-After`).
 */
export const getPrivateDomainsAction = publicSuffix.action({
  uuid: '9d990989-2faf-4e25-9607-baf7a4b2cc2c',
  slug: 'get_private_domains',
  name: 'Get Private Domains',
  description: 'Get the list of private domains',
  docker_parameters: 'get-private-domains',
  arguments: z.object({}).meta({ title: 'Arguments' }),
  results: z
    .looseObject({
      domains_path: z.string().describe('Domain file path on disk'),
      count: z.int().optional().describe('How many private domains the file lists (Ply addition)'),
    })
    .meta({ title: 'Results' }),
  async run(ctx) {
    const url = new URL(ctx.config.url);
    const where = `${url.origin}${url.pathname}`;
    const response = await ctx.http.request<string>(url, { responseType: 'text', throwOnHttpError: false, headers: { accept: 'text/plain' } });
    if (response.status === 404) throw new PlyError('PLY_VENDOR_HTTP_ERROR', `the Public Suffix List was not found at ${where} (HTTP 404)`, { details: { status: 404, url: where, attempts: response.attempts } });
    if (response.status < 200 || response.status >= 300) {
      throw new PlyError('PLY_VENDOR_HTTP_ERROR', `GET ${where} answered HTTP ${response.status} (${response.attempts} attempt${response.attempts === 1 ? '' : 's'})`, { details: { status: response.status, url: where, attempts: response.attempts } });
    }
    const domains = privateDomains(response.body ?? '', where);
    const domainsPath = await ctx.files.writeJson('domains.json', domains);
    ctx.log.info('private domains written', { count: domains.length });
    return { domains_path: domainsPath, count: domains.length };
  },
});
