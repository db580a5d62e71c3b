import { isIP } from 'node:net';
import { z } from 'zod';
import { comparison, extractObservables, indicatorOf, makeDomainObject, makeRelationship, stableIdentifier, stixTimestamp, type StixObject } from './model.js';
import { stix } from './module.js';
import { bundleResults } from './stix.schema.js';
import { outputBundle } from './stix-input.js';
import { validForDays, validityOf } from './indicator-options.schema.js';

const EPOCH = /\b(?:epoch\s*(\d+)|E(\d+))\b/i;
const IP_PORT = /^\s*(?:[*-]\s*)?((?:\d{1,3}\.){3}\d{1,3}|\[[0-9a-f:]+\]):(\d{1,5})\b/i;

/**
 * The Cryptolaemus Emotet updates (https://paste.cryptolaemus.com): sections headed "Epoch N",
 * C2 lines `ip:port`, and payload or document URLs and hashes (often defanged). Each C2 becomes an
 * indicator on network traffic to that address and port; URLs and hashes become URL and file
 * indicators; all indicate the Emotet malware (or the one named) and carry the epoch as a label.
 */
function parseFeed(feed: string): Array<{ epoch?: string; observable?: StixObject; c2?: { ip: string; port: number } }> {
  const entries: Array<{ epoch?: string; observable?: StixObject; c2?: { ip: string; port: number } }> = [];
  let epoch: string | undefined;
  for (const line of feed.split(/\r?\n/)) {
    const header = EPOCH.exec(line);
    if (header && !IP_PORT.test(line)) epoch = `epoch${header[1] ?? header[2]}`;
    const c2 = IP_PORT.exec(line.replace(/\[\.\]/g, '.'));
    if (c2 && isIP(c2[1]!.replace(/^\[|\]$/g, '')) && Number(c2[2]) <= 65535) {
      entries.push({ ...(epoch ? { epoch } : {}), c2: { ip: c2[1]!.replace(/^\[|\]$/g, ''), port: Number(c2[2]) } });
      continue;
    }
    for (const observable of extractObservables(line)) {
      if (observable.type === 'url' || observable.type === 'file') entries.push({ ...(epoch ? { epoch } : {}), observable });
    }
  }
  return entries;
}

export const cryptolaemusToStixAction = stix.action({
  uuid: '7ed9bb3f-e793-4327-88c1-d6ee6e88af26',
  slug: 'cryptolaemus_to_stix',
  docker_parameters: 'stix_cryptolaemus_to_stix',
  name: 'Cryptolaemus feed to STIX',
  description: 'Turn a Cryptolaemus Emotet update (epochs, C2 ip:port lines, payload URLs and hashes, defanged or not) into STIX indicators that indicate the malware',
  arguments: z
    .object({
      feed: z.string().min(1).describe('The text of the update'),
      malware_name: z.string().min(1).default('Emotet').describe('The malware the indicators indicate'),
      valid_for_days: validForDays,
    })
    .meta({ title: 'Arguments' }),
  results: bundleResults('bundle', 'The malware, the indicators and their indicates relationships'),
  run(ctx, args) {
    const malware = makeDomainObject('malware', { name: args.malware_name, is_family: true, malware_types: ['trojan'] }, { id: stableIdentifier('malware', args.malware_name) });
    const validity = validityOf(args.valid_for_days);
    const objects: StixObject[] = [malware];
    const seen = new Set<string>();
    for (const entry of parseFeed(args.feed)) {
      const labels = [args.malware_name.toLowerCase(), ...(entry.epoch ? [entry.epoch] : [])];
      let indicator: StixObject | undefined;
      if (entry.c2) {
        const type = isIP(entry.c2.ip) === 6 ? 'ipv6-addr' : 'ipv4-addr';
        const pattern = `[${comparison('network-traffic', ['dst_ref', 'type'], type)} AND ${comparison('network-traffic', ['dst_ref', 'value'], entry.c2.ip)} AND ${comparison('network-traffic', ['dst_port'], entry.c2.port)}]`;
        if (seen.has(pattern)) continue;
        seen.add(pattern);
        indicator = makeDomainObject('indicator', { name: `${args.malware_name} C2 ${entry.c2.ip}:${entry.c2.port}`, pattern, pattern_type: 'stix', pattern_version: '2.1', indicator_types: ['malicious-activity'], labels, ...validity });
      } else if (entry.observable) {
        if (seen.has(entry.observable.id)) continue;
        seen.add(entry.observable.id);
        indicator = indicatorOf(entry.observable, { ...validity, labels, indicator_types: ['malicious-activity'] });
      }
      if (!indicator) continue;
      objects.push(indicator, makeRelationship(indicator.id, 'indicates', malware.id));
    }
    ctx.log.info('Cryptolaemus update read', { indicators: (objects.length - 1) / 2, at: stixTimestamp() });
    return { bundle: outputBundle(objects) };
  },
});
