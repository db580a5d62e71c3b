import { PlyError, isPlyError } from '@ply/core';
import { z } from 'zod';
import { theHive } from './module.js';
import { outputAlertSchema } from './schemas/alert.schema.js';
import { inputObservableSchema } from './schemas/observable.schema.js';
import { fieldsFromSekoiaAlert } from './sekoia-alert-fields.js';
import { theHiveRequest } from './thehive-client.js';

const REQUIRED_FIELDS = ['title', 'description', 'type', 'source', 'sourceRef'] as const;

/** TheHive refuses a second alert with the same type, source and sourceRef (400 `CreateError` "... already exists"). */
function isDuplicateAlert(error: unknown): error is PlyError {
  if (!isPlyError(error) || error.code !== 'PLY_VENDOR_HTTP_ERROR') return false;
  const message = String(error.details['vendorMessage'] ?? '');
  return (error.details['status'] === 400 || error.details['status'] === 409) && /alert/i.test(message) && /already exists/i.test(message);
}

export const createAlert = theHive.action({
  uuid: '366a9bed-e124-4ad2-9498-acc54a285eba',
  slug: 'create_an_alert_in_the_hive_v5',
  name: 'Create an alert in The Hive v5',
  description: 'Create an alert in TheHive 5, from its fields or from a Sekoia.io alert',
  docker_parameters: 'thehive_create_alert',
  group: 'Third-party applications',
  arguments: z
    .object({
      alert: z.record(z.string(), z.unknown()).describe('A Sekoia.io alert: title, type, severity, date, sourceRef and link are derived from it (as the reference module does); the fields below override them (give `{}` to set them all)'),
      sekoia_base_url: z.string().default('https://app.sekoia.io').describe('[Optional] Sekoia base url, depends of the region you want to use'),
      title: z.string().min(1).optional().describe('Title of the alert (derived from `alert` when not given)'),
      description: z.string().min(1).optional().describe('Description of the alert (derived from `alert` when not given)'),
      type: z.string().min(1).max(32).optional().describe('Type of the alert, e.g. external (derived from `alert` when not given)'),
      source: z.string().min(1).optional().describe('Source of the alert, e.g. SIEM (derived from `alert` when not given)'),
      sourceRef: z.string().min(1).optional().describe('Reference of the alert in its source; TheHive refuses a second alert with the same type, source and sourceRef (derived from `alert` when not given)'),
      severity: z.int().min(1).max(4).optional().describe('Severity: 1 LOW, 2 MEDIUM, 3 HIGH, 4 CRITICAL'),
      date: z.int().optional().describe('Date of the alert in milliseconds since epoch'),
      tags: z.array(z.string()).optional().describe('Tags of the alert'),
      tlp: z.int().min(0).max(4).nullable().default(null).describe("Case's TLP: 0, 1, 2, 3, 4"),
      pap: z.int().min(0).max(3).nullable().default(null).describe("Case's PAP: 0, 1, 2, 3"),
      externalLink: z.string().optional().describe('Link to the alert in its source'),
      summary: z.string().optional().describe('Summary of the alert'),
      follow: z.boolean().optional().describe('Whether to follow the alert for updates'),
      caseTemplate: z.string().optional().describe('Case template to use when the alert becomes a case'),
      observables: z.array(inputObservableSchema).optional().describe('Observables (artifacts) to create with the alert'),
    })
    .meta({ title: 'Arguments' }),
  results: outputAlertSchema,
  async run(ctx, args) {
    const { alert, sekoia_base_url: sekoiaBaseUrl, ...fields } = args;
    const explicit = Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined && value !== null));
    const body = { ...(Object.keys(alert).length > 0 ? fieldsFromSekoiaAlert(alert, sekoiaBaseUrl) : {}), ...explicit };
    const missing = REQUIRED_FIELDS.filter((key) => typeof body[key] !== 'string' || body[key] === '');
    if (missing.length > 0) {
      throw new PlyError('PLY_ARGUMENTS_INVALID', `arguments of create_an_alert_in_the_hive_v5: ${missing.map((key) => `/${key}`).join(', ')} required (give them, or an \`alert\` they derive from)`, {
        details: { issues: missing.map((key) => ({ pointer: `/${key}`, message: 'required unless derived from `alert`' })) },
      });
    }
    try {
      const created = await theHiveRequest<z.input<typeof outputAlertSchema>>(ctx, 'api/v1/alert', { method: 'POST', json: body });
      ctx.log.info('alert created', { id: created._id, observables: args.observables?.length ?? 0 });
      return created;
    } catch (error) {
      if (!isDuplicateAlert(error)) throw error;
      const { type, source, sourceRef } = body as Record<string, unknown>;
      throw new PlyError('PLY_VENDOR_HTTP_ERROR', `TheHive already has an alert with type "${String(type)}", source "${String(source)}" and sourceRef "${String(sourceRef)}": ${String(error.details['vendorMessage'])}`, {
        details: { ...error.details, duplicate: true, type, source, sourceRef },
      });
    }
  },
});
