import { PlyError } from '@ply/core';
import { theHiveRequest } from '@ply/plugin-thehive/client';
import { fieldsFromSekoiaAlert } from '@ply/plugin-thehive/sekoia-alert-fields';
import { z } from 'zod';
import { artifactsOfEvents } from './artifacts.js';
import { theHive4 } from './module.js';

const text = z.string().nullish();
const number = z.number().nullish();

/** An alert as TheHive 4 answers `POST /api/alert`: the reference's fields, each optional, others kept. */
const alertResults = z
  .looseObject({
    id: text,
    _id: text,
    createdBy: text,
    // TheHive 4 answers dates in ms; the reference's schema types them as strings: both are taken.
    createdAt: z.union([z.string(), z.number()]).nullish(),
    updatedAt: z.union([z.string(), z.number()]).nullish(),
    type: text,
    source: text,
    sourceRef: text,
    externalLink: text,
    title: text,
    description: text,
    severity: number,
    date: number,
    tags: z.array(z.string()).nullish(),
    tlp: number,
    pap: number,
    status: text,
    follow: z.boolean().nullish(),
    customFields: z.union([z.record(z.string(), z.unknown()), z.array(z.unknown())]).nullish(),
    artifacts: z.array(z.unknown()).nullish(),
  })
  .meta({ title: 'Results' });

export const createAlert = theHive4.action({
  uuid: '2356ea35-c875-41da-b9f2-6fdbf9e372e6',
  slug: 'create_an_alert_in_the_hive',
  name: 'Create an alert in The Hive',
  description: 'Create an alert in TheHive 4 from a Sekoia.io alert, with artifacts from its events',
  docker_parameters: 'thehive_create_alert',
  group: 'Third-party applications',
  arguments: z
    .object({
      alert: z.record(z.string(), z.unknown()).describe('A Sekoia.io alert'),
      events: z.array(z.unknown()).optional().describe('The alert events used to create TheHive alert artifacts'),
      artifact_tlp: z.int().default(1).describe("Case's TLP: 0, 1, 2, 3 for WHITE, GREEN, AMBER, RED. Default: 1"),
      artifact_sighted: z.boolean().default(true).describe("Observable's sighted flag, True to mark the observable as sighted. Default: True"),
      artifact_ignore_similarity: z.boolean().default(true).describe("Observable's similarity ignore flag. `True` to ignore the observable during similarity computing. Default: True"),
      sekoia_base_url: z.string().default('https://app.sekoia.io').describe('Ply addition: the Sekoia.io app the alert link points to (your region\u2019s)'),
    })
    .meta({ title: 'Arguments' }),
  results: alertResults,
  async run(ctx, args) {
    const fields = fieldsFromSekoiaAlert(args.alert, args.sekoia_base_url);
    const missing = ['title', 'sourceRef'].filter((key) => typeof fields[key] !== 'string');
    if (missing.length > 0) {
      throw new PlyError('PLY_ARGUMENTS_INVALID', `the Sekoia.io alert has no ${missing.map((key) => (key === 'sourceRef' ? 'short_id' : key)).join(' nor ')}`, {
        details: { issues: missing.map((key) => ({ pointer: `/alert/${key === 'sourceRef' ? 'short_id' : key}`, message: 'is required' })) },
      });
    }
    const artifacts = artifactsOfEvents(args.events ?? [], { tlp: args.artifact_tlp, sighted: args.artifact_sighted, ignoreSimilarity: args.artifact_ignore_similarity });
    // thehive4py's Alert defaults: TLP and PAP AMBER, no tags.
    const body = { tlp: 2, pap: 2, tags: [], ...fields, artifacts };
    const created = await theHiveRequest<z.input<typeof alertResults>>(ctx, 'api/alert', { method: 'POST', json: body });
    ctx.log.info('alert created', { id: String(created.id ?? created._id ?? ''), artifacts: artifacts.length });
    return created;
  },
});
