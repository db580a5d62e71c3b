import { faultInjection } from '@ply/kit/testing';
import { Hono, type Context } from 'hono';

type Json = Record<string, unknown>;

const DATA_TYPES = new Set(['autonomous-system', 'domain', 'file', 'filename', 'fqdn', 'hash', 'hostname', 'ip', 'mail', 'mail-subject', 'other', 'regexp', 'registry', 'uri_path', 'url', 'user-agent']);
const FIELDS: Readonly<Record<string, string>> = {
  title: 'string', description: 'string', severity: 'number', date: 'number', tags: 'array', tlp: 'number', pap: 'number', status: 'string', type: 'string', source: 'string',
  sourceRef: 'string', artifacts: 'array', follow: 'boolean', caseTemplate: 'string', externalLink: 'string', customFields: 'object',
};

/**
 * A fake of TheHive 4's alert API (http://docs.thehive-project.org/thehive/legacy/thehive3/api/alert/,
 * which TheHive 4 kept under `/api/alert`): `POST /api/alert` with the required attributes (title,
 * description, type, source, sourceRef), typed attributes (severity 1-4, TLP and PAP 0-3), and
 * artifacts of known data types with string data; an alert is identified by type, source and
 * sourceRef (a second one answers 400). `Authorization: Bearer <key>` (401 otherwise) and
 * `X-Organisation` among the user's organisations (403 otherwise). `GET /api/user/current`.
 */
export function fakeTheHive4(apiKey: string, organisations: readonly string[] = ['SEKOIA']) {
  const received: Array<{ path: string; authorization?: string | undefined; organisation?: string | undefined; body?: unknown }> = [];
  const faults = faultInjection();
  const alerts = new Map<string, Json>();
  let nextId = 40960;
  const app = new Hono();
  const error = (c: Context, status: 400 | 401 | 403, type: string, message: string) => c.json({ type, message }, status);

  app.use('/api/*', faults.middleware((c, failure) => c.json({ type: 'InternalError', message: `injected failure ${failure.status}` }, failure.status)));
  app.use('/api/*', async (c, next) => {
    const body = c.req.method === 'POST' ? await c.req.raw.clone().json().catch(() => '(not json)') : undefined;
    received.push({ path: c.req.path, authorization: c.req.header('authorization'), organisation: c.req.header('x-organisation'), body });
    if (c.req.header('authorization') !== `Bearer ${apiKey}`) return error(c, 401, 'AuthenticationError', 'Authentication failure');
    const organisation = c.req.header('x-organisation');
    if (organisation !== undefined && !organisations.includes(organisation)) return error(c, 403, 'AuthorizationError', `User is not a member of organisation ${organisation}`);
    return next();
  });

  app.get('/api/user/current', (c) => c.json({ id: 'soc@thehive.local', login: 'soc@thehive.local', organisation: c.req.header('x-organisation') ?? organisations[0] }));

  app.post('/api/alert', async (c) => {
    const body = (await c.req.json().catch(() => undefined)) as Json | undefined;
    if (!body || typeof body !== 'object') return error(c, 400, 'BadRequest', 'Invalid json');
    for (const name of ['title', 'description', 'type', 'source', 'sourceRef']) if (typeof body[name] !== 'string' || body[name] === '') return error(c, 400, 'AttributeCheckingError', `Attribute ${name} is missing`);
    for (const [name, value] of Object.entries(body)) {
      const type = FIELDS[name];
      if (!type) return error(c, 400, 'AttributeCheckingError', `Unknown attribute ${name}`);
      const ok = type === 'array' ? Array.isArray(value) : type === 'object' ? typeof value === 'object' && value !== null : typeof value === type;
      if (!ok) return error(c, 400, 'AttributeCheckingError', `Attribute ${name} must be a ${type}`);
    }
    if (typeof body['severity'] === 'number' && ((body['severity'] as number) < 1 || (body['severity'] as number) > 4)) return error(c, 400, 'AttributeCheckingError', 'severity must be between 1 and 4');
    for (const level of ['tlp', 'pap']) if (typeof body[level] === 'number' && ((body[level] as number) < 0 || (body[level] as number) > 3)) return error(c, 400, 'AttributeCheckingError', `${level} must be between 0 and 3`);
    for (const artifact of (body['artifacts'] as Json[] | undefined) ?? []) {
      if (!DATA_TYPES.has(String(artifact['dataType']))) return error(c, 400, 'AttributeCheckingError', `Artifact dataType ${String(artifact['dataType'])} does not exist`);
      if (typeof artifact['data'] !== 'string') return error(c, 400, 'AttributeCheckingError', 'Artifact data must be a string');
    }
    const key = `${String(body['type'])}|${String(body['source'])}|${String(body['sourceRef'])}`;
    if (alerts.has(key)) return error(c, 400, 'CreateError', `Alert ${key} already exists`);
    const id = `~${nextId++}`;
    const now = Date.now();
    const alert = { id, _id: id, _type: 'alert', createdBy: 'soc@thehive.local', createdAt: now, status: 'New', follow: true, severity: 2, tlp: 2, pap: 2, customFields: {}, ...body, artifacts: ((body['artifacts'] as Json[] | undefined) ?? []).map((artifact) => ({ id: `~${nextId++}`, ...artifact })) };
    alerts.set(key, alert);
    return c.json(alert, 201);
  });

  return { app, received, faults, alerts };
}
