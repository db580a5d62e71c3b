import { createHash } from 'node:crypto';
import { faultInjection } from '@ply/kit/testing';
import { Hono, type Context } from 'hono';

/** What the fake saw of one request. */
export interface ReceivedRequest {
  method: string;
  path: string;
  authorization: string | undefined;
  organisation: string | undefined;
  contentType: string | undefined;
  body: unknown;
}

type Json = Record<string, unknown>;

const DATA_TYPES = new Set(['autonomous-system', 'domain', 'file', 'filename', 'fqdn', 'hash', 'hostname', 'ip', 'mail', 'mail-subject', 'other', 'regexp', 'registry', 'uri_path', 'url', 'user-agent']);
const ALERT_FIELDS: Readonly<Record<string, 'string' | 'integer' | 'boolean' | 'array' | 'object'>> = {
  type: 'string', source: 'string', sourceRef: 'string', externalLink: 'string', title: 'string', description: 'string', severity: 'integer', date: 'integer',
  tags: 'array', flag: 'boolean', tlp: 'integer', pap: 'integer', customFields: 'array', summary: 'string', status: 'string', assignee: 'string',
  caseTemplate: 'string', observables: 'array', procedures: 'array', follow: 'boolean',
};
const OBSERVABLE_FIELDS: Readonly<Record<string, 'string' | 'integer' | 'boolean' | 'array'>> = {
  dataType: 'string', data: 'string', message: 'string', startDate: 'integer', tlp: 'integer', pap: 'integer', tags: 'array', ioc: 'boolean', sighted: 'boolean', sightedAt: 'integer', ignoreSimilarity: 'boolean', isZip: 'boolean', zipPassword: 'string',
};
const RANGES: Readonly<Record<string, [number, number]>> = { severity: [1, 4], tlp: [0, 4], pap: [0, 3] };

const typeOk = (value: unknown, type: string) =>
  type === 'integer' ? Number.isInteger(value) : type === 'array' ? Array.isArray(value) : type === 'object' ? typeof value === 'object' && value !== null : typeof value === type;

/** TheHive's "Invalid json" answer for a body whose attributes it cannot read (its words for a wrong type). */
function invalidJson(body: unknown, fields: Readonly<Record<string, string>>, required: readonly string[]): string | undefined {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return 'Invalid json';
  for (const name of required) if ((body as Json)[name] === undefined) return `Attribute ${name} is missing`;
  for (const [name, value] of Object.entries(body as Json)) {
    const type = fields[name];
    if (!type) return `Invalid json: unknown attribute ${name}`;
    if (!typeOk(value, type)) return `Invalid json: ${name} must be ${type === 'integer' ? 'a number' : `a ${type}`}`;
    const range = RANGES[name];
    if (range && ((value as number) < range[0] || (value as number) > range[1])) return `Invalid json: ${name} must be between ${range[0]} and ${range[1]}`;
  }
  return undefined;
}

/**
 * A fake of TheHive 5's API (https://docs.strangebee.com/thehive/api-docs/), as it checks requests:
 * - `Authorization: Bearer <key>`: an unknown key answers 401 `AuthenticationError`; `readOnlyKey`
 *   reads but may not write (403 `AuthorizationError`);
 * - `X-Organisation`: the key's user belongs to `organisations`; another one answers 403; without
 *   the header the user's default organisation (the first) is used; an alert is seen only from
 *   its organisation (404 from another);
 * - `POST /api/v1/alert` (`InputAlert`: required attributes, types, severity 1-4, TLP 0-4, PAP
 *   0-3, unknown attributes refused with 400 "Invalid json"; 400 `CreateError` "Alert already
 *   exists" for a second alert with the same type, source and sourceRef), `GET /api/v1/alert/{id}`;
 * - `POST /api/v1/alert/{id}/observable` (`InputObservable`, a known data type, numeric TLP/PAP as
 *   TheHive 5 requires them; 400 `CreateError` for one the alert already has) answers the list of
 *   created observables; `POST .../comment` (`{message}`); `POST .../attachments` (multipart
 *   `attachments` files) answers `{attachments: [OutputAttachment]}`;
 * - `GET /api/v1/user/current`.
 * `faults` queues 429/5xx answers and slow ones; `state` switches a malformed or a credentials-quoting answer.
 */
export function fakeTheHive(apiKey: string, readOnlyKey: string, organisations: readonly string[] = ['SOC']) {
  const received: ReceivedRequest[] = [];
  const faults = faultInjection();
  /** `malformedNext`: the next answer is a proxy's HTML page with status 200; `echoNext`: the next one quotes the request's credentials. */
  const state = { nextId: 4096, malformedNext: false, echoNext: false };
  const alerts = new Map<string, Json & { _organisation: string }>();
  const observables = new Map<string, Json[]>();
  const comments = new Map<string, Json[]>();
  const attachments = new Map<string, Json[]>();
  const app = new Hono<{ Variables: { organisation: string } }>();

  const error = (c: Context, status: 400 | 401 | 403 | 404, type: string, message: string) => c.json({ type, message }, status);
  const visible = (c: Context<{ Variables: { organisation: string } }>, id: string) => {
    const alert = alerts.get(id);
    return alert && alert._organisation === c.get('organisation') ? alert : undefined;
  };
  const output = (alert: Json) => Object.fromEntries(Object.entries(alert).filter(([key]) => key !== '_organisation'));

  app.use('/api/v1/*', faults.middleware((c, failure) => c.json({ type: 'InternalError', message: `injected failure ${failure.status}` }, failure.status)));
  app.use('/api/v1/*', async (c, next) => {
    if (state.malformedNext) {
      state.malformedNext = false;
      return c.html('<html><body>Proxy maintenance</body></html>', 200);
    }
    if (state.echoNext) {
      state.echoNext = false;
      const credentials = c.req.header('authorization') ?? '';
      return c.json({ type: 'InternalError', message: `refused ${credentials} (${encodeURIComponent(credentials)})` }, 500, { 'x-refused': credentials });
    }
    return next();
  });
  app.use('/api/v1/*', async (c, next) => {
    const contentType = c.req.header('content-type');
    let body: unknown;
    if (c.req.method === 'POST') body = contentType?.startsWith('multipart/') ? '(multipart)' : await c.req.raw.clone().json().catch(() => '(not json)');
    received.push({ method: c.req.method, path: c.req.path, authorization: c.req.header('authorization'), organisation: c.req.header('x-organisation'), contentType, body });
    const authorization = c.req.header('authorization');
    if (authorization === `Bearer ${readOnlyKey}`) {
      if (c.req.method !== 'GET') return error(c, 403, 'AuthorizationError', 'Your are not authorized to manageAlert/create');
    } else if (authorization !== `Bearer ${apiKey}`) {
      return error(c, 401, 'AuthenticationError', 'Authentication failure');
    }
    const organisation = c.req.header('x-organisation') ?? organisations[0]!;
    if (!organisations.includes(organisation)) return error(c, 403, 'AuthorizationError', `User soc@thehive.local is not a member of organisation ${organisation}`);
    c.set('organisation', organisation);
    return next();
  });

  app.get('/api/v1/user/current', (c) => c.json({ _id: '~1', login: 'soc@thehive.local', name: 'SOC', organisation: c.get('organisation'), organisations: organisations.map((name) => ({ organisation: name })) }));

  app.post('/api/v1/alert', async (c) => {
    const body = (await c.req.json().catch(() => undefined)) as Json | undefined;
    const problem = invalidJson(body, ALERT_FIELDS, ['type', 'source', 'sourceRef', 'title', 'description']);
    if (problem) return error(c, 400, problem.startsWith('Attribute') ? 'AttributeCheckingError' : 'BadRequest', problem);
    const fields = body!;
    const duplicate = [...alerts.values()].some((a) => a['type'] === fields['type'] && a['source'] === fields['source'] && a['sourceRef'] === fields['sourceRef'] && a._organisation === c.get('organisation'));
    if (duplicate) return error(c, 400, 'CreateError', 'Alert already exists');
    const id = `~${state.nextId++}`;
    const { observables: inputObservables = [], ...rest } = fields as { observables?: Json[] };
    const alert = {
      _id: id, _type: 'Alert', _createdBy: 'soc@thehive.local', _createdAt: Date.now(), severity: 2, severityLabel: 'MEDIUM', tlp: 2, tlpLabel: 'AMBER', pap: 2, papLabel: 'AMBER',
      date: Date.now(), tags: [], follow: true, status: 'New', stage: 'New', customFields: [], extraData: {}, newDate: Date.now(),
      ...rest, observableCount: inputObservables.length, _organisation: c.get('organisation'),
    };
    alerts.set(id, alert);
    observables.set(id, inputObservables.map((o) => outputObservable(o)));
    return c.json(output(alert), 201);
  });

  app.get('/api/v1/alert/:id', (c) => {
    const alert = visible(c, c.req.param('id'));
    return alert ? c.json(output(alert)) : error(c, 404, 'NotFoundError', `Alert ${c.req.param('id')} not found`);
  });

  app.post('/api/v1/alert/:id/observable', async (c) => {
    const alert = visible(c, c.req.param('id'));
    if (!alert) return error(c, 404, 'NotFoundError', `Alert ${c.req.param('id')} not found`);
    const body = (await c.req.json().catch(() => undefined)) as Json | undefined;
    const problem = invalidJson(body, OBSERVABLE_FIELDS, ['dataType', 'data']);
    if (problem) return error(c, 400, 'BadRequest', problem);
    if (!DATA_TYPES.has(body!['dataType'] as string)) return error(c, 400, 'BadRequest', `Observable dataType ${String(body!['dataType'])} does not exist`);
    const existing = observables.get(c.req.param('id'))!;
    if (existing.some((o) => o['dataType'] === body!['dataType'] && o['data'] === body!['data'])) return error(c, 400, 'CreateError', 'Observable already exists');
    const created = outputObservable(body!);
    existing.push(created);
    alert['observableCount'] = existing.length;
    return c.json([created], 201);
  });

  app.post('/api/v1/alert/:id/comment', async (c) => {
    if (!visible(c, c.req.param('id'))) return error(c, 404, 'NotFoundError', `Alert ${c.req.param('id')} not found`);
    const body = (await c.req.json().catch(() => undefined)) as Json | undefined;
    const problem = invalidJson(body, { message: 'string' }, ['message']);
    if (problem) return error(c, 400, 'BadRequest', problem);
    const comment = { _id: `~${state.nextId++}`, _type: 'Comment', createdBy: 'soc@thehive.local', createdAt: Date.now(), message: body!['message'], isEdited: false, extraData: {} };
    comments.set(c.req.param('id'), [...(comments.get(c.req.param('id')) ?? []), comment]);
    return c.json(comment, 201);
  });

  app.post('/api/v1/alert/:id/attachments', async (c) => {
    if (!visible(c, c.req.param('id'))) return error(c, 404, 'NotFoundError', `Alert ${c.req.param('id')} not found`);
    if (!c.req.header('content-type')?.startsWith('multipart/form-data')) return error(c, 400, 'BadRequest', 'A multipart/form-data body with attachments is expected');
    const form = await c.req.formData();
    const files = form.getAll('attachments').filter((value) => typeof value !== 'string');
    if (files.length === 0) return error(c, 400, 'BadRequest', 'Attribute attachments is missing');
    const stored = await Promise.all(
      files.map(async (file) => {
        const bytes = Buffer.from(await file.arrayBuffer());
        const sha256 = createHash('sha256').update(bytes).digest('hex');
        return { _id: `~${state.nextId++}`, _type: 'Attachment', _createdBy: 'soc@thehive.local', _createdAt: Date.now(), name: file.name, hashes: [sha256, createHash('sha1').update(bytes).digest('hex'), createHash('md5').update(bytes).digest('hex')], size: bytes.byteLength, contentType: file.type, id: sha256, content: bytes.toString('utf8') };
      }),
    );
    attachments.set(c.req.param('id'), [...(attachments.get(c.req.param('id')) ?? []), ...stored]);
    return c.json({ attachments: stored.map(({ content: _content, ...attachment }) => attachment) });
  });

  let observableId = 8192;
  function outputObservable(input: Json): Json {
    return { _id: `~${observableId++}`, _type: 'Observable', _createdBy: 'soc@thehive.local', _createdAt: Date.now(), tlp: 2, tlpLabel: 'AMBER', pap: 2, papLabel: 'AMBER', ioc: false, sighted: false, tags: [], reports: {}, extraData: {}, ...input };
  }

  return { app, received, faults, state, alerts, observables, comments, attachments };
}
