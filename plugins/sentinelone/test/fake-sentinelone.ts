import type { IncomingMessage } from 'node:http';
import { Hono, type Context } from 'hono';
import { Uint8ArrayReader, Uint8ArrayWriter, ZipWriter } from '@zip.js/zip.js';
import { faultInjection } from '@ply/kit/testing';

/**
 * A fake of the SentinelOne Management API v2.1, as documented in the console's API reference
 * (https://<console>/api-doc/overview, "Agents > Actions", "Threats", "Threat Notes", "Remote
 * Script Orchestration", "Deep Visibility", "Threat Intelligence", "Activities") and the reference
 * module's tests (automation-library/SentinelOne/tests):
 * - every call under `/web/api/v2.1/` needs `Authorization: ApiToken <token>` (the unified alerts
 *   GraphQL endpoint takes `Bearer <token>`); a bad token answers 401
 *   `{"errors": [{"code": 4010010, "detail": null, "title": "Authentication Failed"}]}`;
 * - bulk actions take `{"filter": {...}, "data": {...}}` (a `filter` object is required, its keys
 *   camelCase and its values lists or `query`) and answer `{"data": {"affected": N}}`; unknown
 *   filter keys answer 400 `Validation Error`;
 * - lists answer `{"data": [...], "pagination": {"nextCursor": ..., "totalItems": N}}`, `limit` at
 *   most 1000, `createdAt__gte`/`createdAt__gt` filters, `sortBy=createdAt`, `sortOrder`;
 * - 429 `{"errors": [{"code": 4290010, "title": "Too Many Requests"}]}` with `Retry-After`.
 * Test switches: `faults` (429/5xx, delay), `pendingLooks` (looks at a job before it finishes),
 * `dvState`/`scriptStatus` (how the job ends), `malformed` (next answer is not JSON),
 * `dropNext` (the connection is cut), `echoToken` (a 400 echoing the token raw, URL-encoded and in
 * a header, as a careless vendor might).
 */
export const AGENT_ID = '1111111111111111111';
export const THREAT_ID = '2222222222222222222';
export const SCRIPT_ID = '3333333333333333333';

type Status = 400 | 401 | 404 | 429 | 500 | 502 | 503 | 504;

export interface Received {
  method: string;
  path: string;
  query: Record<string, string>;
  authorization: string | undefined;
  body: unknown;
}

const FILTER_KEYS = new Set(['ids', 'uuids', 'agentIds', 'accountIds', 'groupIds', 'siteIds', 'query', 'analystVerdicts']);

function timeline(kind: 'activity' | 'threat', count: number, start: number): Array<Record<string, unknown>> {
  // Two events share each instant: collectors must not lose the second one at a page boundary.
  return Array.from({ length: count }, (_, index) => {
    const createdAt = new Date(start + Math.floor(index / 2) * 1000).toISOString();
    return kind === 'activity'
      ? { id: `a${index}`, activityType: 27, createdAt, primaryDescription: `User logged in (${index})`, accountId: '99', siteId: '77', data: {} }
      : { id: `t${index}`, createdAt, threatInfo: { threatId: `t${index}`, createdAt, classification: 'Malware', threatName: `evil-${index}.exe`, sha1: 'a'.repeat(40) }, agentRealtimeInfo: { agentComputerName: 'host-1' } };
  });
}

export function fakeSentinelOne(token: string, options: { activities?: number; threats?: number; agents?: number; identityAlerts?: number } = {}) {
  const received: Received[] = [];
  const faults = faultInjection();
  const state = {
    pendingLooks: 0,
    dvState: 'FINISHED',
    scriptStatus: 'completed',
    malformed: false,
    dropNext: 0,
    archivePassword: '',
    start: Date.now() - 60 * 60 * 1000,
    activities: [] as Array<Record<string, unknown>>,
    threats: [] as Array<Record<string, unknown>>,
    agents: [] as Array<Record<string, unknown>>,
    identityAlerts: [] as Array<Record<string, unknown>>,
    iocs: [] as Array<Record<string, unknown>>,
    notes: [] as string[],
  };
  state.activities = timeline('activity', options.activities ?? 0, state.start);
  state.threats = timeline('threat', options.threats ?? 0, state.start);
  state.agents = Array.from({ length: options.agents ?? 0 }, (_, index) => ({
    id: `${AGENT_ID.slice(0, -3)}${String(index).padStart(3, '0')}`,
    uuid: `uuid-${index}`,
    computerName: `host-${index}`,
    createdAt: new Date(state.start + index * 1000).toISOString(),
    osType: index % 2 ? 'linux' : 'windows',
    osName: index % 2 ? 'Ubuntu' : 'Windows 11',
    osRevision: '22.04',
    machineType: 'laptop',
    agentVersion: '23.4.1',
    externalIp: '198.51.100.7',
    networkInterfaces: [{ id: 'if0', name: 'eth0', physical: '00:11:22:33:44:55', inet: ['10.0.0.5'] }],
    isUpToDate: true,
    infected: false,
  }));
  state.identityAlerts = Array.from({ length: options.identityAlerts ?? 0 }, (_, index) => ({ id: `ia${index}`, name: 'Kerberoasting', detectedAt: new Date(state.start + Math.floor(index / 2) * 1000).toISOString(), detectionSource: { product: 'Identity' }, status: 'NEW' }));

  const app = new Hono();
  const error = (c: Context, status: Status, title: string, code: number, detail: string | null = null) => c.json({ errors: [{ code, detail, title }] }, status);

  app.use('*', async (c, next) => {
    const url = new URL(c.req.url);
    let body: unknown;
    if (c.req.method !== 'GET') body = await c.req.raw.clone().json().catch(() => undefined);
    received.push({ method: c.req.method, path: url.pathname, query: Object.fromEntries(url.searchParams), authorization: c.req.header('authorization'), body });
    if (state.dropNext > 0) {
      state.dropNext -= 1;
      // A connection cut before any answer: the client sees a network error.
      (c.env as { incoming: IncomingMessage }).incoming.socket.destroy();
      return new Response(null);
    }
    return next();
  });
  app.use('*', faults.middleware((c, failure) => (failure.status === 429 ? error(c, 429, 'Too Many Requests', 4290010) : error(c, failure.status, 'Internal Server Error', 5000010))));
  app.use('/web/api/v2.1/*', async (c, next) => {
    const expected = c.req.path.endsWith('/unifiedalerts/graphql') ? `Bearer ${token}` : `ApiToken ${token}`;
    if (c.req.header('authorization') !== expected) return error(c, 401, 'Authentication Failed', 4010010);
    if (state.malformed) {
      state.malformed = false;
      return c.text('<html>502 Bad Gateway</html>', 200, { 'content-type': 'application/json' });
    }
    return next();
  });

  /** The request's `{filter, data}`, or a 400 naming what is wrong. */
  async function bulk(c: Context): Promise<{ filter: Record<string, unknown>; data: Record<string, unknown> } | Response> {
    const body = (await c.req.json().catch(() => undefined)) as { filter?: unknown; data?: unknown } | undefined;
    if (!body || typeof body.filter !== 'object' || body.filter === null) return error(c, 400, 'Validation Error', 4000010, 'filter: Missing data for required field.');
    for (const [key, value] of Object.entries(body.filter)) {
      if (!FILTER_KEYS.has(key)) return error(c, 400, 'Validation Error', 4000010, `filter.${key}: Unknown field.`);
      if (key !== 'query' && !Array.isArray(value)) return error(c, 400, 'Validation Error', 4000010, `filter.${key}: Not a valid list.`);
    }
    return { filter: body.filter as Record<string, unknown>, data: (body.data ?? {}) as Record<string, unknown> };
  }
  const agentsMatching = (filter: Record<string, unknown>) => {
    const ids = (filter['ids'] ?? filter['uuids']) as string[] | undefined;
    return ids ? ids.filter((id) => id === AGENT_ID || id.startsWith('uuid-') || id.startsWith(AGENT_ID.slice(0, -3))).length : 1;
  };

  app.get('/web/api/v2.1/agents/count', (c) => c.json({ data: { total: state.agents.length } }));
  for (const verb of ['disconnect', 'connect', 'initiate-scan']) {
    app.post(`/web/api/v2.1/agents/actions/${verb}`, async (c) => {
      const request = await bulk(c);
      if (request instanceof Response) return request;
      if (c.req.header('x-echo') === 'token' || (request.filter['query'] as string | undefined) === 'echo-token') {
        c.header('X-Debug-Token', token);
        return error(c, 400, 'Validation Error', 4000010, `bad token ${token} (${encodeURIComponent(token)})`);
      }
      return c.json({ data: { affected: agentsMatching(request.filter) } });
    });
  }
  app.post('/web/api/v2.1/threats/notes', async (c) => {
    const request = await bulk(c);
    if (request instanceof Response) return request;
    if (typeof request.data['text'] !== 'string' || request.data['text'] === '') return error(c, 400, 'Validation Error', 4000010, 'data.text: Missing data for required field.');
    state.notes.push(request.data['text']);
    return c.json({ data: { affected: ((request.filter['ids'] as string[] | undefined) ?? [THREAT_ID]).filter((id) => id === THREAT_ID).length } });
  });
  app.post('/web/api/v2.1/threats/incident', async (c) => {
    const request = await bulk(c);
    if (request instanceof Response) return request;
    if (!['unresolved', 'in_progress', 'resolved'].includes(String(request.data['incidentStatus']))) return error(c, 400, 'Validation Error', 4000010, 'data.incidentStatus: Must be one of: unresolved, in_progress, resolved.');
    if (request.data['analystVerdict'] !== undefined && !['true_positive', 'suspicious', 'false_positive', 'undefined'].includes(String(request.data['analystVerdict']))) return error(c, 400, 'Validation Error', 4000010, 'data.analystVerdict: invalid');
    return c.json({ data: { affected: 1 } });
  });
  app.post('/web/api/v2.1/threats/fetch-file', async (c) => {
    const request = await bulk(c);
    if (request instanceof Response) return request;
    const password = request.data['password'];
    // The documented rule: 10 or more characters, upper and lower case, a digit, no spaces.
    if (typeof password !== 'string' || password.length < 10 || /\s/.test(password)) return error(c, 400, 'Validation Error', 4000010, 'data.password: invalid password');
    const ids = request.filter['ids'] as string[] | undefined;
    if (!ids?.includes(THREAT_ID)) return c.json({ data: { affected: 0 } });
    state.archivePassword = password;
    return c.json({ data: { affected: 1 } });
  });
  app.get('/web/api/v2.1/activities', (c) => {
    const threatIds = c.req.query('threatIds');
    if (threatIds) {
      if (state.pendingLooks > 0) {
        state.pendingLooks -= 1;
        return c.json({ data: [], pagination: { nextCursor: null, totalItems: 0 } });
      }
      const upload = { id: 'act-86', activityType: 86, createdAt: new Date().toISOString(), threatId: threatIds, data: { downloadUrl: `/threats/${threatIds}/uploads/1.zip`, fileName: 'evil.zip' } };
      return c.json({ data: [{ id: 'act-1', activityType: 87, data: {} }, upload], pagination: { nextCursor: null, totalItems: 2 } });
    }
    return list(c, state.activities);
  });
  app.get('/web/api/v2.1/threats', (c) => list(c, state.threats));
  app.get('/web/api/v2.1/agents', (c) => list(c, state.agents));
  app.get('/web/api/v2.1/threats/:id/uploads/1.zip', async (c) => {
    if (c.req.param('id') !== THREAT_ID || state.archivePassword === '') return error(c, 404, 'Not Found', 4040010);
    const writer = new ZipWriter(new Uint8ArrayWriter(), { password: state.archivePassword, zipCrypto: true });
    await writer.add('manifest.json', new Uint8ArrayReader(new TextEncoder().encode('{"threatId": "' + THREAT_ID + '"}')));
    await writer.add('C/Users/bob/evil.exe', new Uint8ArrayReader(new TextEncoder().encode('MZ not really a program')));
    return new Response(await writer.close(), { headers: { 'content-type': 'application/zip' } });
  });

  /** A list endpoint: `createdAt__gte`/`__gt`, ascending, `limit` ≤ 1000, cursor paging. */
  function list(c: Context, items: Array<Record<string, unknown>>): Response {
    const limit = Number(c.req.query('limit') ?? '10');
    if (!Number.isInteger(limit) || limit < 1 || limit > 1000) return error(c, 400, 'Validation Error', 4000010, 'limit: Must be between 1 and 1000.');
    const cursor = c.req.query('cursor');
    let from = 0;
    let selected: Array<Record<string, unknown>>;
    if (cursor) {
      const decoded = /^c(\d+)\|(.*)$/.exec(Buffer.from(cursor, 'base64url').toString());
      if (!decoded) return error(c, 400, 'Validation Error', 4000010, 'cursor: invalid');
      from = Number(decoded[1]);
      selected = filtered(items, new URLSearchParams(decoded[2]));
    } else {
      selected = filtered(items, new URL(c.req.url).searchParams);
    }
    const page = selected.slice(from, from + limit);
    const next = from + limit < selected.length ? Buffer.from(`c${from + limit}|${new URL(c.req.url).searchParams.toString()}`).toString('base64url') : null;
    return c.json({ data: page, pagination: { nextCursor: next, totalItems: selected.length } });
  }
  function filtered(items: Array<Record<string, unknown>>, query: URLSearchParams): Array<Record<string, unknown>> {
    const gte = query.get('createdAt__gte');
    const gt = query.get('createdAt__gt');
    const sorted = [...items].sort((a, b) => String(a['createdAt']).localeCompare(String(b['createdAt'])));
    return sorted.filter((item) => (!gte || String(item['createdAt']) >= gte) && (!gt || String(item['createdAt']) > gt));
  }

  app.post('/web/api/v2.1/remote-scripts/execute', async (c) => {
    const request = await bulk(c);
    if (request instanceof Response) return request;
    const data = request.data;
    if (data['scriptId'] !== SCRIPT_ID) return error(c, 404, 'Not Found', 4040010, 'Script not found');
    if (!['SentinelCloud', 'Local', 'None'].includes(String(data['outputDestination']))) return error(c, 400, 'Validation Error', 4000010, 'data.outputDestination: invalid');
    if (typeof data['taskDescription'] !== 'string') return error(c, 400, 'Validation Error', 4000010, 'data.taskDescription: Missing data for required field.');
    return c.json({ data: { pending: false, pendingExecutionId: null, affected: 1, parentTaskId: 'task-42' } });
  });
  app.get('/web/api/v2.1/remote-scripts/status', (c) => {
    if (c.req.query('parent_task_id') !== 'task-42') return error(c, 400, 'Validation Error', 4000010, 'parent_task_id: Missing data for required field.');
    const pending = state.pendingLooks > 0;
    if (pending) state.pendingLooks -= 1;
    const status = pending ? 'in_progress' : state.scriptStatus;
    return c.json({ data: [{ parentTaskId: 'task-42', id: 'exec-1', agentId: AGENT_ID, siteId: '77', status, detailedStatus: status === 'failed' ? 'Script failed on the endpoint' : 'Running', scriptResultsSignature: 'f'.repeat(64) }], pagination: { nextCursor: null, totalItems: 1 } });
  });
  app.get('/web/api/v2.1/remote-scripts/fetch-file', (c) => {
    if (c.req.query('agentId') !== AGENT_ID || c.req.query('signatureType') !== 'SHA256' || !c.req.query('signature')) return error(c, 400, 'Validation Error', 4000010, 'agentId, siteId, signature and signatureType are required');
    return c.json({ data: { downloadUrl: 'https://s1-results.example/task-42.zip?token=abc' } });
  });

  app.post('/web/api/v2.1/dv/init-query', async (c) => {
    const body = (await c.req.json()) as Record<string, unknown>;
    for (const key of ['query', 'fromDate', 'toDate']) if (typeof body[key] !== 'string') return error(c, 400, 'Validation Error', 4000010, `${key}: Missing data for required field.`);
    if (!/Z$/.test(String(body['fromDate']))) return error(c, 400, 'Validation Error', 4000010, 'fromDate: Not a valid datetime.');
    return c.json({ data: { queryId: 'q-0123456789abcdef' } });
  });
  app.get('/web/api/v2.1/dv/query-status', (c) => {
    if (c.req.query('queryId') !== 'q-0123456789abcdef') return error(c, 404, 'Not Found', 4040010, 'Query not found');
    const pending = state.pendingLooks > 0;
    if (pending) state.pendingLooks -= 1;
    return c.json({ data: { progressStatus: pending ? 40 : 100, responseState: pending ? 'RUNNING' : state.dvState, responseError: state.dvState === 'FAILED' ? 'Query syntax error' : null } });
  });
  const dvEvents = Array.from({ length: 2500 }, (_, index) => ({ id: `ev${index}`, agentName: 'host-1', processName: 'powershell.exe', eventType: 'Process Creation', srcIp: '10.0.0.5', createdAt: new Date(state.start + index).toISOString() }));
  app.get('/web/api/v2.1/dv/events', (c) => {
    if (c.req.query('queryId') !== 'q-0123456789abcdef') return error(c, 404, 'Not Found', 4040010);
    return list(c, dvEvents);
  });

  app.post('/web/api/v2.1/threat-intelligence/iocs', async (c) => {
    const body = (await c.req.json()) as { filter?: Record<string, unknown>; data?: Array<Record<string, unknown>> };
    if (!body.filter || !Array.isArray(body.filter['accountIds'])) return error(c, 400, 'Validation Error', 4000010, 'filter.accountIds: at least one account is required.');
    if (!Array.isArray(body.data) || body.data.length === 0) return error(c, 400, 'Validation Error', 4000010, 'data: Missing data for required field.');
    for (const ioc of body.data) {
      if (!['DNS', 'IPV4', 'IPV6', 'MD5', 'SHA1', 'SHA256', 'URL'].includes(String(ioc['type']))) return error(c, 400, 'Validation Error', 4000010, `data.type: invalid ${String(ioc['type'])}`);
      if (typeof ioc['value'] !== 'string' || typeof ioc['source'] !== 'string' || ioc['method'] !== 'EQUALS') return error(c, 400, 'Validation Error', 4000010, 'data: value, source and method EQUALS are required');
    }
    const created = body.data.map((ioc, index) => ({ ...ioc, uuid: `ioc-${state.iocs.length + index}`, scope: 'account', scopeId: (body.filter!['accountIds'] as string[])[0], creator: 'api', updatedAt: new Date().toISOString() }));
    state.iocs.push(...created);
    return c.json({ data: created });
  });

  app.post('/web/api/v2.1/unifiedalerts/graphql', async (c) => {
    const body = (await c.req.json()) as { query?: unknown; variables?: Record<string, unknown> };
    if (typeof body.query !== 'string' || !body.query.includes('alerts(')) return c.json({ errors: [{ message: 'Syntax Error: query expected' }] }, 400);
    const variables = body.variables ?? {};
    if (variables['productName'] !== 'Identity') return c.json({ errors: [{ message: 'productName must be given' }] });
    // The cursor carries the filter of the first page, as GraphQL connections do.
    const [startText, afterText] = typeof variables['after'] === 'string' ? variables['after'].split(':') : [String(variables['startDateTime'] ?? 0), '0'];
    const start = Number(startText);
    const after = Number(afterText);
    const source = state.identityAlerts.filter((alert) => Date.parse(String(alert['detectedAt'])) >= start);
    const page = source.slice(after, after + 50);
    return c.json({ data: { alerts: { edges: page.map((node) => ({ node })), pageInfo: { endCursor: page.length ? `${start}:${after + page.length}` : null, hasNextPage: after + page.length < source.length }, totalCount: source.length } } });
  });

  return { app, received, faults, state };
}
