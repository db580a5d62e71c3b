import { randomBytes } from 'node:crypto';
import { faultInjection } from '@ply/kit/testing';
import { Hono, type Context } from 'hono';

/**
 * A fake ServiceNow instance, after ServiceNow's published REST API reference:
 * - Table API (https://developer.servicenow.com/dev.do#!/reference/api/latest/rest/c_TableAPI):
 *   `GET /api/now/table/{tableName}` with `sysparm_query` (`field=value` terms joined by `^`),
 *   `sysparm_fields`, `sysparm_display_value` (`true`, `false`, `all`), `sysparm_limit`,
 *   `sysparm_offset`, answering `{ "result": [...] }` with `X-Total-Count` and a `Link` header
 *   (`rel="first"`, `"prev"`, `"next"`, `"last"`); `POST /api/now/table/{tableName}` (201, the created
 *   record), `PATCH /api/now/table/{tableName}/{sys_id}` (200; `work_notes` and `comments` append
 *   journal entries instead of replacing a value).
 * - Attachment API (https://developer.servicenow.com/dev.do#!/reference/api/latest/rest/c_AttachmentAPI):
 *   `POST /api/now/attachment/file?table_name=&table_sys_id=&file_name=` with the file as the body
 *   and its type as `Content-Type` (201, the attachment record).
 * - Errors as ServiceNow words them: `{"error": {"message", "detail"}, "status": "failure"}`: 401 "User
 *   Not Authenticated" without valid HTTP Basic credentials, 400 "Invalid table <name>", 404 "No Record
 *   found", 400 for a missing attachment parameter or a body that is not JSON.
 */
export function fakeServiceNow(credentials: { username: string; password: string }) {
  const faults = faultInjection();
  const tables = new Map<string, Map<string, Record<string, unknown>>>([
    ['incident', new Map()],
    ['sys_user', new Map()],
    ['cmdb_ci', new Map()],
  ]);
  const journal: Array<{ sys_id: string; element: 'work_notes' | 'comments'; value: string }> = [];
  const attachments: Array<{ table_name: string; table_sys_id: string; file_name: string; content_type: string; bytes: Buffer }> = [];
  const requests: Array<{ method: string; path: string; query: URLSearchParams; authorization: string | undefined }> = [];
  /** The next answer is an HTML page (a proxy or a maintenance page in front of the instance). */
  const switches = { htmlNext: false, echoCredentialsNext: false };
  let incidentNumber = 10_000;
  const app = new Hono();

  const failure = (c: Context, status: 400 | 401 | 404, message: string, detail: string | null = null) => c.json({ error: { message, detail }, status: 'failure' }, status);
  const newSysId = () => randomBytes(16).toString('hex');

  app.use('/api/now/*', async (c, next) => {
    requests.push({ method: c.req.method, path: c.req.path, query: new URL(c.req.url).searchParams, authorization: c.req.header('authorization') });
    return next();
  });
  app.use('/api/now/*', faults.middleware((c, injected) => c.json({ error: { message: injected.status === 429 ? 'Rate limit exceeded' : 'Internal server error', detail: null }, status: 'failure' }, injected.status)));
  app.use('/api/now/*', async (c, next) => {
    const expected = `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64')}`;
    if (c.req.header('authorization') !== expected) return failure(c, 401, 'User Not Authenticated', 'Required to provide Auth information');
    if (switches.echoCredentialsNext) {
      // Not something ServiceNow does: a misbehaving proxy in front of it, quoting what it received.
      switches.echoCredentialsNext = false;
      c.header('X-Received-Authorization', c.req.header('authorization') ?? '');
      return c.json({ error: { message: `rejected ${credentials.password} / ${encodeURIComponent(credentials.password)} / ${c.req.header('authorization')}`, detail: null }, status: 'failure' }, 400);
    }
    if (switches.htmlNext) {
      switches.htmlNext = false;
      return c.html('<html><body>Instance Hibernating</body></html>');
    }
    return next();
  });

  const tableOf = (c: Context) => tables.get(c.req.param('table') ?? '');

  app.get('/api/now/table/:table', (c) => {
    const table = tableOf(c);
    if (!table) return failure(c, 400, `Invalid table ${c.req.param('table')}`);
    const query = c.req.query('sysparm_query') ?? '';
    const terms = query === '' ? [] : query.split('^').filter((term) => !term.startsWith('ORDERBY')).map((term) => term.split('=') as [string, string]);
    const matching = [...table.values()].filter((record) => terms.every(([field, value]) => String(record[field] ?? '') === value));
    const limit = Number(c.req.query('sysparm_limit') ?? 10_000);
    const offset = Number(c.req.query('sysparm_offset') ?? 0);
    if (!Number.isInteger(limit) || limit < 1 || !Number.isInteger(offset) || offset < 0) return failure(c, 400, 'Invalid sysparm_limit or sysparm_offset');
    const page = matching.slice(offset, offset + limit);
    const fields = c.req.query('sysparm_fields')?.split(',').map((field) => field.trim());
    const display = c.req.query('sysparm_display_value') ?? 'false';
    const shaped = page.map((record) => {
      const kept = fields ? Object.fromEntries(fields.filter((field) => field in record).map((field) => [field, record[field]])) : { ...record };
      if (display === 'all') return Object.fromEntries(Object.entries(kept).map(([key, value]) => [key, { display_value: String(value), value }]));
      return kept;
    });
    const link = (at: number, rel: string) => {
      const url = new URL(c.req.url);
      url.searchParams.set('sysparm_offset', String(at));
      url.searchParams.set('sysparm_limit', String(limit));
      return `<${url.href}>;rel="${rel}"`;
    };
    const links = [link(0, 'first')];
    if (offset > 0) links.push(link(Math.max(0, offset - limit), 'prev'));
    if (offset + limit < matching.length) links.push(link(offset + limit, 'next'));
    links.push(link(Math.max(0, Math.floor((matching.length - 1) / limit) * limit), 'last'));
    c.header('X-Total-Count', String(matching.length));
    c.header('Link', links.join(','));
    return c.json({ result: shaped });
  });

  const jsonBody = async (c: Context): Promise<Record<string, unknown> | undefined> => {
    try {
      const body = (await c.req.json()) as unknown;
      return typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : undefined;
    } catch {
      return undefined;
    }
  };

  app.post('/api/now/table/:table', async (c) => {
    const table = tableOf(c);
    if (!table) return failure(c, 400, `Invalid table ${c.req.param('table')}`);
    const body = await jsonBody(c);
    if (!body) return failure(c, 400, 'Exception while reading request', 'The payload is not valid JSON.');
    const sysId = newSysId();
    const record: Record<string, unknown> = { ...body, sys_id: sysId, sys_created_on: '2026-12-01 10:00:00', state: body['state'] ?? '1' };
    if (c.req.param('table') === 'incident') record['number'] = `INC00${++incidentNumber}`;
    table.set(sysId, record);
    return c.json({ result: record }, 201);
  });

  app.patch('/api/now/table/:table/:sysId', async (c) => {
    const table = tableOf(c);
    if (!table) return failure(c, 400, `Invalid table ${c.req.param('table')}`);
    const record = table.get(c.req.param('sysId'));
    if (!record) return failure(c, 404, 'No Record found', "Record doesn't exist or ACL restricts the record retrieval");
    const body = await jsonBody(c);
    if (!body) return failure(c, 400, 'Exception while reading request', 'The payload is not valid JSON.');
    for (const [field, value] of Object.entries(body)) {
      if (field === 'work_notes' || field === 'comments') journal.push({ sys_id: c.req.param('sysId'), element: field, value: String(value) });
      else record[field] = value;
    }
    return c.json({ result: record });
  });

  app.post('/api/now/attachment/file', async (c) => {
    const tableName = c.req.query('table_name');
    const tableSysId = c.req.query('table_sys_id');
    const fileName = c.req.query('file_name');
    for (const [name, value] of [['table_name', tableName], ['table_sys_id', tableSysId], ['file_name', fileName]] as const) {
      if (!value) return failure(c, 400, `Missing parameter: ${name}`);
    }
    if (!tables.get(tableName!)?.has(tableSysId!)) return failure(c, 404, 'No Record found', "Record doesn't exist or ACL restricts the record retrieval");
    const bytes = Buffer.from(await c.req.arrayBuffer());
    const contentType = c.req.header('content-type') ?? 'application/octet-stream';
    attachments.push({ table_name: tableName!, table_sys_id: tableSysId!, file_name: fileName!, content_type: contentType, bytes });
    const sysId = newSysId();
    return c.json({ result: { sys_id: sysId, file_name: fileName, size_bytes: String(bytes.length), content_type: contentType, table_name: tableName, table_sys_id: tableSysId, download_link: `${new URL(c.req.url).origin}/api/now/attachment/${sysId}/file` } }, 201);
  });

  return { app, tables, journal, attachments, requests, faults, switches };
}
