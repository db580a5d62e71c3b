import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { Hono, type Context } from 'hono';
import { faultInjection } from '@ply/kit/testing';

/**
 * A fake of the HarfangLab EDR API, as its instance documents it (`https://<instance>/api/docs/`,
 * the OpenAPI reference of `/api/data/...`) and as the reference module's tests exercise it
 * (automation-library/HarfangLab/tests):
 * - every call needs `Authorization: Token <api_token>`; a bad token answers 401
 *   `{"detail": "Invalid token."}` (Django REST framework); unknown objects 404 `{"detail": "Not found."}`;
 * - lists are `{count, next, previous, results}` with absolute `next` URLs (`limit`, `offset`);
 * - jobs: `POST /api/data/job/batch/` `{targets: {agent_ids|group_ids}, jobs: [{<action>: <params>}]}`
 *   (400 `{"targets": ["..."]}` without a target, unknown actions refused) answers `{id, creationtime}`;
 *   `GET /api/data/job/batch/{id}/` answers `{status: {total, waiting, running, injecting, done, error, canceled}}`;
 * - threat status enum `new | investigating | false_positive | closed`.
 * Test switches: `faults` (429/5xx, delay), `pendingLooks` (looks at a job before it is done),
 * `malformed`, `dropNext`, `downloadStatus` (the artefact's), `echoToken` (a 400 echoing the token).
 */
export const AGENT_ID = 'a6f2f4b4-0c46-4ad0-8f3b-5a2f2f7c1e01';
export const GROUP_ID = 'b0c4d7a2-3f3e-4c0b-9f6d-1d4e5a6b7c02';
export const FILE_CONTENT = Buffer.from('#!/bin/sh\necho suspicious\n');
export const FILE_SHA256 = createHash('sha256').update(FILE_CONTENT).digest('hex');

const JOB_ACTIONS = new Set(['getProcessList', 'getPipeList', 'downloadFile']);

export function fakeHarfangLab(token: string, options: { agents?: number; processes?: number } = {}) {
  const received: Array<{ method: string; path: string; query: Record<string, string>; body: unknown }> = [];
  const faults = faultInjection();
  const state = { pendingLooks: 0, malformed: false, dropNext: 0, downloadStatus: 0, jobs: new Map<string, { action: string; looks: number }>(), comments: [] as string[] };
  const start = Date.parse('2026-11-01T00:00:00Z');
  const agents = Array.from({ length: options.agents ?? 3 }, (_, index) => ({
    id: index === 0 ? AGENT_ID : `agent-${index}`,
    hostname: `WKS-${index}`,
    ipaddress: index < 2 ? '10.0.0.5' : `10.0.0.${index + 5}`,
    lastseen: new Date(start + index * 3_600_000).toISOString(),
    firstseen: new Date(start + index * 60_000).toISOString(),
    ostype: 'windows',
    osproducttype: 'Windows 11 Pro',
    status: 'online',
    domainname: 'corp.example',
    version: '4.4.1',
    policy: { id: 'p1', windows_self_protection_feature_firewall: true },
    subnet: { id: 's1', name: 'Office LAN' },
  }));
  const processes = Array.from({ length: options.processes ?? 120 }, (_, index) => ({ id: `proc-${index}`, process_name: index % 2 ? 'svchost.exe' : 'powershell.exe', pid: 1000 + index, agent: { agentid: AGENT_ID } }));

  const app = new Hono();
  const detail = (c: Context, status: 400 | 401 | 404 | 429 | 500 | 502 | 503 | 504, message: string) => c.json({ detail: message }, status);

  app.use('*', async (c, next) => {
    const url = new URL(c.req.url);
    let body: unknown;
    if (c.req.method !== 'GET') body = await c.req.raw.clone().json().catch(() => undefined);
    received.push({ method: c.req.method, path: url.pathname, query: Object.fromEntries(url.searchParams), body });
    if (state.dropNext > 0) {
      state.dropNext -= 1;
      (c.env as { incoming: IncomingMessage }).incoming.socket.destroy();
      return new Response(null);
    }
    return next();
  });
  app.use('*', faults.middleware((c, failure) => (failure.status === 429 ? detail(c, 429, 'Request was throttled. Expected available in 1 second.') : detail(c, failure.status, 'A server error occurred.'))));
  app.use('/api/*', async (c, next) => {
    if (c.req.header('authorization') !== `Token ${token}`) return detail(c, 401, 'Invalid token.');
    if (state.malformed) {
      state.malformed = false;
      return c.text('<html>Gateway Timeout</html>', 200, { 'content-type': 'application/json' });
    }
    return next();
  });

  /** A DRF list page, `limit`/`offset`, with an absolute `next`. */
  function page(c: Context, items: unknown[]): Response {
    const limit = Number(c.req.query('limit') ?? '100');
    const offset = Number(c.req.query('offset') ?? '0');
    const url = new URL(c.req.url);
    const slice = items.slice(offset, offset + limit);
    let next: string | null = null;
    if (offset + limit < items.length) {
      url.searchParams.set('offset', String(offset + limit));
      url.searchParams.set('limit', String(limit));
      next = url.href;
    }
    return c.json({ count: items.length, next, previous: null, results: slice });
  }

  app.get('/api/auth/users/me/', (c) => c.json({ id: 1, username: 'soc-bot', is_superuser: false }));
  app.post('/api/data/endpoint/Agent/:id/isolate/', (c) => (agents.some((agent) => agent.id === c.req.param('id')) ? c.json({ requested: [c.req.param('id')], policy_not_allowed: [], unrequested: [] }) : detail(c, 404, 'Not found.')));
  app.post('/api/data/endpoint/Agent/:id/deisolate/', (c) => (agents.some((agent) => agent.id === c.req.param('id')) ? c.json({ requested: [c.req.param('id')], unrequested: [] }) : detail(c, 404, 'Not found.')));
  app.post('/api/data/endpoint/Group/:id/isolation/', (c) => {
    if (c.req.header('x-echo') !== undefined || c.req.param('id') === 'echo-token') {
      c.header('X-Debug-Token', token);
      return detail(c, 400, `bad token ${token} (${encodeURIComponent(token)})`);
    }
    return c.req.param('id') === GROUP_ID ? c.json({ requested: [AGENT_ID], unrequested: ['agent-1'] }) : detail(c, 404, 'Not found.');
  });
  app.post('/api/data/endpoint/Group/:id/deisolation/', (c) => (c.req.param('id') === GROUP_ID ? c.json({ requested: [AGENT_ID], unrequested: [] }) : detail(c, 404, 'Not found.')));
  app.get('/api/data/endpoint/Agent/', (c) => {
    const ip = c.req.query('ipaddress');
    const since = c.req.query('firstseen__gt');
    let selected = ip === undefined ? agents : agents.filter((agent) => agent.ipaddress === ip);
    if (since) selected = selected.filter((agent) => agent.firstseen > since);
    if (c.req.query('ordering') === 'firstseen') selected = [...selected].sort((a, b) => a.firstseen.localeCompare(b.firstseen));
    return page(c, selected);
  });

  app.post('/api/data/alert/alert/Threat/:id/comment/', async (c) => {
    const body = (await c.req.json()) as { comment?: unknown };
    if (typeof body.comment !== 'string' || body.comment === '') return c.json({ comment: ['This field is required.'] }, 400);
    if (c.req.param('id') !== '42') return detail(c, 404, 'Not found.');
    state.comments.push(body.comment);
    return c.body(null, 204);
  });
  app.patch('/api/data/alert/alert/Threat/status/', async (c) => {
    const body = (await c.req.json()) as { threat_ids?: unknown; new_status?: unknown; update_by_query?: unknown };
    if (!Array.isArray(body.threat_ids) || !body.threat_ids.every((id) => Number.isInteger(id))) return c.json({ threat_ids: ['A valid list of integers is required.'] }, 400);
    if (!['new', 'investigating', 'false_positive', 'closed'].includes(String(body.new_status))) return c.json({ new_status: [`"${String(body.new_status)}" is not a valid choice.`] }, 400);
    if (typeof body.update_by_query !== 'boolean') return c.json({ update_by_query: ['Must be a valid boolean.'] }, 400);
    return c.body(null, 204);
  });

  app.post('/api/data/job/batch/', async (c) => {
    const body = (await c.req.json()) as { targets?: { agent_ids?: unknown; group_ids?: unknown }; jobs?: unknown };
    if (!body.targets || (!Array.isArray(body.targets.agent_ids) && !Array.isArray(body.targets.group_ids))) return c.json({ targets: ['At least one agent or group is required.'] }, 400);
    if (!Array.isArray(body.jobs) || body.jobs.length !== 1) return c.json({ jobs: ['Exactly one job is expected.'] }, 400);
    const [action] = Object.keys(body.jobs[0] as object);
    if (!action || !JOB_ACTIONS.has(action)) return c.json({ jobs: [`Unknown job action ${String(action)}.`] }, 400);
    const id = `job-${state.jobs.size + 1}`;
    state.jobs.set(id, { action, looks: 0 });
    return c.json({ id, creationtime: '2026-12-01T10:00:00.000000Z' }, 201);
  });
  app.get('/api/data/job/batch/:id/', (c) => {
    const job = state.jobs.get(c.req.param('id'));
    if (!job) return detail(c, 404, 'Not found.');
    job.looks += 1;
    const running = job.looks <= state.pendingLooks;
    return c.json({ id: c.req.param('id'), status: { total: 1, waiting: 0, running: running ? 1 : 0, injecting: 0, done: running ? 0 : 1, error: 0, canceled: 0 } });
  });
  app.get('/api/data/investigation/hunting/Process/', (c) => (state.jobs.has(c.req.query('job_id') ?? '') ? page(c, processes) : c.json({ count: 0, next: null, previous: null, results: [] })));
  app.get('/api/data/investigation/hunting/Pipe/', (c) => (state.jobs.has(c.req.query('job_id') ?? '') ? page(c, [{ id: 'pipe-1', name: '\\\\.\\pipe\\evil', agent: { agentid: AGENT_ID } }]) : c.json({ count: 0, next: null, previous: null, results: [] })));
  app.get('/api/data/investigation/artefact/Artefact/', (c) => {
    const jobId = c.req.query('job_id') ?? '';
    if (!state.jobs.has(jobId)) return c.json({ count: 0, next: null, previous: null, results: [] });
    return c.json({ count: 1, next: null, previous: null, results: [{ id: 'art-1', job_id: jobId, agent: { agentid: c.req.query('agent_id') }, download_status: state.downloadStatus, sha256: FILE_SHA256, msg: '' }] });
  });
  app.get('/api/data/telemetry/Binary/download/:sha256/', (c) => (c.req.param('sha256') === FILE_SHA256 ? new Response(FILE_CONTENT, { headers: { 'content-type': 'application/octet-stream' } }) : detail(c, 404, 'Not found.')));

  const telemetry = (kind: string, count: number) => Array.from({ length: count }, (_, index) => ({ id: `${kind}-${index}`, '@event_create_date': '2026-12-01T10:00:00Z', agent: { agentid: AGENT_ID } }));
  for (const [path, count] of [['Processes', 60], ['Network', 2], ['authentication/AuthenticationWindows', 1], ['authentication/AuthenticationLinux', 0], ['authentication/AuthenticationMacos', 0], ['Binary', 0], ['FullEventLog', 0], ['DNSResolution', 0]] as const) {
    app.get(`/api/data/telemetry/${path}/`, (c) => {
      for (const key of ['agent.agentid', '@event_create_date__gte', '@event_create_date__lte']) if (!c.req.query(key)) return c.json({ [key]: ['This filter is required.'] }, 400);
      return page(c, c.req.query('agent.agentid') === AGENT_ID ? telemetry(path, count) : []);
    });
  }

  const rules: Array<Record<string, unknown>> = [{ id: 'rule-old', type: 'ip_both', value: '203.0.113.1', source_id: 'src-1' }];
  app.get('/api/data/threat_intelligence/IOCRule/', (c) => page(c, rules.filter((rule) => rule['value'] === c.req.query('search') && (!c.req.query('source_id') || rule['source_id'] === c.req.query('source_id')))));
  app.post('/api/data/threat_intelligence/IOCRule/', async (c) => {
    const rule = (await c.req.json()) as Record<string, unknown>;
    if (!['hash', 'ip_both', 'ip_src', 'ip_dst', 'domain_name', 'url', 'filename', 'filepath'].includes(String(rule['type']))) return c.json({ type: [`"${String(rule['type'])}" is not a valid choice.`] }, 400);
    for (const key of ['value', 'source_id']) if (typeof rule[key] !== 'string' || rule[key] === '') return c.json({ [key]: ['This field is required.'] }, 400);
    for (const key of ['block_on_agent', 'quarantine_on_agent', 'endpoint_detection', 'enabled']) if (typeof rule[key] !== 'boolean') return c.json({ [key]: ['Must be a valid boolean.'] }, 400);
    if (rules.some((existing) => existing['type'] === rule['type'] && existing['value'] === rule['value'] && existing['source_id'] === rule['source_id'])) return c.json({ non_field_errors: ['Ioc rule with this Type, Value and Source already exists.'] }, 400);
    const created = { ...rule, id: `rule-${rules.length + 1}` };
    rules.push(created);
    return c.json(created, 201);
  });
  app.delete('/api/data/threat_intelligence/IOCRule/:id/', (c) => {
    const index = rules.findIndex((rule) => rule['id'] === c.req.param('id'));
    if (index < 0) return detail(c, 404, 'Not found.');
    rules.splice(index, 1);
    return c.body(null, 204);
  });

  return { app, received, faults, state, rules };
}
