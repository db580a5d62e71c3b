import { isIPv4, isIPv6 } from 'node:net';
import { PlyError } from '@ply/core';
import { z } from 'zod';
import { sekoia } from '../module.js';
import { SekoiaApi } from '../sekoia-api.js';

/** The reference's indicator types and the STIX pattern path the IOC collection takes for each. */
const FORMATS = { domain: 'domain-name.value', url: 'url.value', email: 'email-addr.value', hash: 'file.hashes' } as const;

/** `YYYY-MM-DDTHH:MM:SSZ`, the reference's `datetime_to_str`. */
const isoSeconds = (date: Date) => `${date.toISOString().slice(0, 19)}Z`;

/**
 * `POST api/v2/inthreat/ioc-collections/{id}/indicators/text` `{format, indicators: "<one per line>", valid_until?}`.
 * IP addresses go in two requests, IPv4 then IPv6, as the reference sends them; other values of
 * an "IP address" list are dropped, as there.
 */
export const addToIocCollection = sekoia.action({
  uuid: '0acabc04-43b4-4564-b9b2-08b80e0e1ecf',
  slug: 'add_to_ioc_collection',
  name: 'Add IOC to IOC Collection',
  description: 'Add indicators to an IOC Collection',
  docker_parameters: 'add_ioc_to_ioc_collection',
  group: 'Setters',
  arguments: z
    .object({
      indicator: z.string().optional().describe('Single indicator to add to an IOC collection.'),
      indicators: z.array(z.unknown()).optional().describe('List of indicators to add to an IOC collection'),
      indicators_path: z.string().optional().describe('Path of the indicators file to add to an IOC collection'),
      ioc_collection_id: z.string().describe('Identifier of the IOC collection'),
      indicator_type: z.enum(['IP address', 'domain', 'url', 'email', 'hash']).describe('Type of IOC'),
      valid_for: z.int().min(1).optional().describe('Validity period for the created indicators (in days)'),
    })
    .meta({ title: 'Arguments' }),
  results: z.looseObject({}),
  async run(ctx, args) {
    const fromFile = args.indicators ?? (args.indicators_path === undefined ? undefined : await ctx.files.readJson<unknown[]>(args.indicators_path));
    const indicators = (fromFile ?? (args.indicator === undefined ? [] : [args.indicator])).map(String);
    if (indicators.length === 0) {
      throw new PlyError('PLY_ARGUMENTS_INVALID', 'add_to_ioc_collection needs indicator, indicators or indicators_path', { details: { issues: [{ pointer: '/indicators', message: 'is required' }] } });
    }
    const api = SekoiaApi.fromModuleConfiguration(ctx.http, ctx.config);
    const path = `v2/inthreat/ioc-collections/${encodeURIComponent(args.ioc_collection_id)}/indicators/text`;
    const validUntil = args.valid_for === undefined ? undefined : isoSeconds(new Date(Date.now() + args.valid_for * 86_400_000));
    const post = async (format: string, values: string[]) => {
      if (values.length === 0) return;
      await api.request(path, { method: 'POST', json: { format, indicators: values.join('\n'), ...(validUntil ? { valid_until: validUntil } : {}) } });
      ctx.log.info('indicators added to the IOC collection', { format, indicators: values.length });
    };
    if (args.indicator_type === 'IP address') {
      const ipv4 = indicators.filter((value) => isIPv4(value));
      const ipv6 = indicators.filter((value) => isIPv6(value));
      if (ipv4.length + ipv6.length < indicators.length) ctx.log.warn('values that are not IP addresses were skipped', { skipped: indicators.length - ipv4.length - ipv6.length });
      await post('ipv4-addr.value', ipv4);
      await post('ipv6-addr.value', ipv6);
    } else {
      await post(FORMATS[args.indicator_type], indicators);
    }
    return {};
  },
});
