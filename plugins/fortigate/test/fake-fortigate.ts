import { faultInjection } from '@ply/kit/testing';
import { Hono, type Context } from 'hono';

/**
 * A fake FortiGate, after Fortinet's FortiOS REST API reference (CMDB API,
 * https://docs.fortinet.com/document/fortigate/7.4.0/administration-guide/940602/using-apis and
 * the FNDN "FortiOS REST API" reference of `firewall/address`, `firewall/addrgrp`, `user/local`):
 * - `Authorization: Bearer <api key>` of a REST API administrator; another key answers 401;
 *   `vdom` in the query must name a VDOM the administrator may use (403 otherwise);
 * - `GET /api/v2/cmdb/<path>/<name>` answers `{ results: [entry], http_status: 200, status: "success" }`,
 *   404 `{ status: "error", http_status: 404 }` for a missing entry;
 * - `POST /api/v2/cmdb/<path>` creates (500 `error: -5` "A duplicate entry already exists" for a
 *   second entry with the same name); `PUT /api/v2/cmdb/<path>/<name>` updates (404 when missing);
 * - `firewall/address` entries need a `type` (`ipmask` with a `subnet`, or `fqdn` with an `fqdn`);
 *   `firewall/addrgrp` members must name existing addresses or groups (424 `error: -3`,
 *   "entry not found in datasource").
 * Answers carry FortiOS's envelope (`http_method`, `vdom`, `path`, `name`, `mkey`, `serial`, `version`).
 */
export function fakeFortigate(options: { apiKey: string; vdoms?: string[] }) {
  const faults = faultInjection();
  const vdoms = new Set(options.vdoms ?? ['root']);
  const tables = new Map<string, Map<string, Record<string, unknown>>>([
    ['firewall/address', new Map()],
    ['firewall/addrgrp', new Map()],
    ['user/local', new Map()],
  ]);
  const requests: Array<{ method: string; path: string; vdom: string | undefined; body: unknown }> = [];
  const app = new Hono();

  const envelope = (c: Context, table: string, extra: Record<string, unknown>, status: 200 | 400 | 401 | 403 | 404 | 424 | 500) =>
    c.json({ http_method: c.req.method, vdom: c.req.query('vdom') ?? 'root', path: table.split('/')[0], name: table.split('/')[1], serial: 'FGVM01TM25000001', version: 'v7.4.4', build: 2662, http_status: status, status: status === 200 ? 'success' : 'error', ...extra }, status);

  app.use('/api/v2/*', async (c, next) => {
    const body = c.req.method === 'POST' || c.req.method === 'PUT' ? await c.req.json().catch(() => undefined) : undefined;
    requests.push({ method: c.req.method, path: c.req.path, vdom: c.req.query('vdom'), body });
    await next();
  });
  app.use('/api/v2/*', faults.middleware((c, failure) => c.json({ http_status: failure.status, status: 'error' }, failure.status)));
  app.use('/api/v2/*', async (c, next) => {
    if (c.req.header('authorization') !== `Bearer ${options.apiKey}`) return c.json({ http_status: 401, status: 'error' }, 401);
    if (!vdoms.has(c.req.query('vdom') ?? 'root')) return c.json({ http_status: 403, status: 'error', cli_error: 'vdom not permitted' }, 403);
    return next();
  });

  const route = (c: Context) => {
    const rest = c.req.path.slice('/api/v2/cmdb/'.length).split('/').map(decodeURIComponent);
    const table = `${rest[0]}/${rest[1]}`;
    return { table, entries: tables.get(table), name: rest[2] };
  };

  const invalid = (table: string, entry: Record<string, unknown>): string | undefined => {
    if (typeof entry['name'] !== 'string' || entry['name'] === '') return 'name is required';
    if (table === 'firewall/address') {
      if (entry['type'] === 'ipmask') return /^\d{1,3}(\.\d{1,3}){3}\/(\d|[12]\d|3[0-2])$/.test(String(entry['subnet'])) ? undefined : 'invalid subnet';
      if (entry['type'] === 'fqdn') return typeof entry['fqdn'] === 'string' && entry['fqdn'] !== '' ? undefined : 'fqdn is required';
      return 'invalid type';
    }
    if (table === 'firewall/addrgrp') {
      const members = entry['member'];
      if (!Array.isArray(members) || members.length === 0) return 'member is required';
    }
    return undefined;
  };

  const missingMember = (entry: Record<string, unknown>): string | undefined => {
    for (const member of (entry['member'] as Array<{ name?: unknown }> | undefined) ?? []) {
      const name = String(member.name);
      if (!tables.get('firewall/address')!.has(name) && !tables.get('firewall/addrgrp')!.has(name)) return name;
    }
    return undefined;
  };

  app.get('/api/v2/cmdb/*', (c) => {
    const { table, entries, name } = route(c);
    if (!entries) return envelope(c, table, {}, 404);
    if (name === undefined) return envelope(c, table, { results: [...entries.values()] }, 200);
    const entry = entries.get(name);
    return entry ? envelope(c, table, { mkey: name, results: [entry] }, 200) : envelope(c, table, { mkey: name }, 404);
  });

  app.post('/api/v2/cmdb/*', async (c) => {
    const { table, entries } = route(c);
    if (!entries) return envelope(c, table, {}, 404);
    const entry = (await c.req.json().catch(() => undefined)) as Record<string, unknown> | undefined;
    if (!entry || typeof entry !== 'object') return envelope(c, table, { error: -1, cli_error: 'invalid JSON' }, 400);
    const problem = invalid(table, entry);
    if (problem) return envelope(c, table, { error: -651, cli_error: problem }, 500);
    if (entries.has(String(entry['name']))) return envelope(c, table, { error: -5, cli_error: 'A duplicate entry already exists.' }, 500);
    const missing = missingMember(entry);
    if (missing) return envelope(c, table, { error: -3, cli_error: `entry not found in datasource: ${missing}` }, 424);
    entries.set(String(entry['name']), { ...entry, 'q_origin_key': entry['name'] });
    return envelope(c, table, { mkey: entry['name'], revision: 'b1' }, 200);
  });

  app.put('/api/v2/cmdb/*', async (c) => {
    const { table, entries, name } = route(c);
    if (!entries || name === undefined) return envelope(c, table, {}, 404);
    const existing = entries.get(name);
    if (!existing) return envelope(c, table, { mkey: name }, 404);
    const change = (await c.req.json().catch(() => undefined)) as Record<string, unknown> | undefined;
    if (!change || typeof change !== 'object') return envelope(c, table, { error: -1, cli_error: 'invalid JSON' }, 400);
    const next = { ...existing, ...change, name };
    const problem = invalid(table, next);
    if (problem) return envelope(c, table, { error: -651, cli_error: problem }, 500);
    const missing = missingMember(next);
    if (missing) return envelope(c, table, { error: -3, cli_error: `entry not found in datasource: ${missing}` }, 424);
    entries.set(name, next);
    return envelope(c, table, { mkey: name, revision: 'b2' }, 200);
  });

  return { app, tables, requests, faults };
}
