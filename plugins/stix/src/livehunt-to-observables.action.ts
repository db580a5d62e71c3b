import { PlyError } from '@ply/core';
import { z } from 'zod';
import { fileWithHashes, type StixObject } from './model.js';
import { stix } from './module.js';
import { bundleResults } from './stix.schema.js';
import { outputBundle } from './stix-input.js';

/**
 * One item of VirusTotal's `GET /api/v3/intelligence/hunting_notification_files` (what the
 * VirusTotal LiveHunt trigger emits): a file object whose `id` is its SHA-256, `attributes` its
 * report, and `context_attributes` the matching rule.
 * https://docs.virustotal.com/reference/list-hunting-notification-files
 */
const notificationSchema = z.looseObject({
  type: z.string().optional(),
  id: z.string().optional().describe('The SHA-256 of the file'),
  attributes: z
    .looseObject({
      md5: z.string().optional(),
      sha1: z.string().optional(),
      sha256: z.string().optional(),
      size: z.number().optional(),
      meaningful_name: z.string().optional(),
      type_description: z.string().optional(),
    })
    .optional(),
  context_attributes: z.looseObject({ rule_name: z.string().optional(), ruleset_name: z.string().optional(), notification_date: z.number().optional() }).optional(),
});

function fileOf(notification: z.output<typeof notificationSchema>, index: number): StixObject {
  const attributes = notification.attributes ?? {};
  const hashes: Record<string, string> = {};
  if (attributes.md5) hashes['MD5'] = attributes.md5.toLowerCase();
  if (attributes.sha1) hashes['SHA-1'] = attributes.sha1.toLowerCase();
  const sha256 = attributes.sha256 ?? (notification.type === 'file' ? notification.id : undefined);
  if (sha256) hashes['SHA-256'] = sha256.toLowerCase();
  if (Object.keys(hashes).length === 0) throw new PlyError('PLY_INVALID_INPUT', `notification ${index} names no file: no md5, sha1 or sha256 in its attributes and no file id`);
  const context = notification.context_attributes ?? {};
  return fileWithHashes(hashes, {
    ...(attributes.meaningful_name ? { name: attributes.meaningful_name } : {}),
    ...(attributes.size !== undefined ? { size: attributes.size } : {}),
    ...(context.rule_name ? { x_virustotal_rule_name: context.rule_name } : {}),
    ...(context.ruleset_name ? { x_virustotal_ruleset_name: context.ruleset_name } : {}),
    ...(attributes.type_description ? { x_virustotal_type_description: attributes.type_description } : {}),
  });
}

export const livehuntToObservablesAction = stix.action({
  uuid: 'e04d36cc-7861-49ad-9185-95276ee762af',
  slug: 'livehunt_notification_to_observables',
  docker_parameters: 'stix_livehunt_notification_to_observables',
  name: 'VirusTotal LiveHunt notification to observables',
  description: 'Turn VirusTotal LiveHunt notification files (as the VirusTotal trigger emits them) into STIX file observables with their hashes, name, size and the matching rule',
  arguments: z
    .object({
      notification: z.union([notificationSchema, z.array(notificationSchema)]).describe('One notification file, or a list (or give notification_path)'),
    })
    .meta({ title: 'Arguments' }),
  results: bundleResults('observables', 'A bundle of file observables'),
  run(_ctx, args) {
    const notifications = Array.isArray(args.notification) ? args.notification : [args.notification];
    const files = new Map<string, StixObject>();
    notifications.forEach((notification, index) => {
      const file = fileOf(notification, index);
      files.set(file.id, file);
    });
    return { observables: outputBundle([...files.values()]) };
  },
});
