import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { Hono, type Context } from 'hono';
import { faultInjection } from '@ply/kit/testing';

/**
 * A fake of the WatchGuard Cloud API for Endpoint Security, as WatchGuard documents it
 * (https://www.watchguard.com/help/docs/API/Content/en-US/api_get_started/authentication.html,
 * ".../endpoint_security/v1/endpoint_security.html") and the reference module's tests
 * (automation-library/PandaSecurity/tests):
 * - `POST /oauth/token` takes HTTP Basic `access_id:access_secret` and the form
 *   `grant_type=client_credentials&scope=api-access` (plus `audience` for a managed account), and
 *   answers `{access_token, token_type: "Bearer", expires_in}`; bad credentials 401
 *   `{"error": "invalid_client"}`;
 * - every API call needs `Authorization: Bearer <token>` (a token past its `expires_in` answers 401
 *   `{"error": "invalid_token", "error_description": "Token expired"}`) and `WatchGuard-API-Key`
 *   (403 otherwise), under `/rest/aether-endpoint-security/aether-mgmt/api/v1/accounts/{accountId}/`
 *   (an unknown account answers 404);
 * - lists answer `{total_items, data}` with `$top`/`$skip`/`$count`; device commands take
 *   `{device_ids: [...]}` (400 when empty) and answer `{processed_device_ids}`.
 * Test switches: `faults`, `expiresIn` (seconds a token lives), `revokeAfterUses` (a token stops
 * working after so many calls, before its announced expiry), `malformed`, `dropNext`.
 */
export const ACCOUNT_ID = 'WGC-1-123456789abc';
export const DEVICE_ID = 'cb509c17-7b88-461a-ba3b-3d43e29e6cd4';
const PREFIX = `/rest/aether-endpoint-security/aether-mgmt/api/v1/accounts/:account`;

export interface Credentials {
  accessId: string;
  accessSecret: string;
  apiKey: string;
}

export function fakeWatchGuard(credentials: Credentials) {
  const received: Array<{ method: string; path: string; query: Record<string, string>; body: unknown; headers: Record<string, string> }> = [];
  const faults = faultInjection();
  const state = { expiresIn: 3600, revokeAfterUses: Infinity, malformed: false, dropNext: 0, tokensIssued: 0, refusedTokens: 0, events: new Map<number, Array<Record<string, unknown>>>() };
  const tokens = new Map<string, { expiresAt: number; uses: number }>();
  const devices = Array.from({ length: 7 }, (_, index) => ({ device_id: index === 0 ? DEVICE_ID : randomUUID(), host_name: `WIN-${index}`, ip_address: `10.1.0.${index + 1}`, platform_id: 1, account_id: ACCOUNT_ID }));

  const app = new Hono();
  const fail = (c: Context, status: 400 | 401 | 403 | 404 | 429 | 500 | 502 | 503 | 504, message: string) => c.json({ error: { code: status, message } }, status);

  app.use('*', async (c, next) => {
    const url = new URL(c.req.url);
    const body = c.req.method === 'GET' ? undefined : await c.req.raw.clone().text();
    let parsed: unknown = body;
    try {
      parsed = body ? JSON.parse(body) : undefined;
    } catch {
      // a form body stays text
    }
    received.push({ method: c.req.method, path: url.pathname, query: Object.fromEntries(url.searchParams), body: parsed, headers: Object.fromEntries(c.req.raw.headers) });
    if (state.dropNext > 0) {
      state.dropNext -= 1;
      (c.env as { incoming: IncomingMessage }).incoming.socket.destroy();
      return new Response(null);
    }
    return next();
  });

  app.post('/oauth/token', async (c) => {
    const basic = `Basic ${Buffer.from(`${credentials.accessId}:${credentials.accessSecret}`).toString('base64')}`;
    if (c.req.header('authorization') !== basic) return c.json({ error: 'invalid_client', error_description: 'Bad client credentials' }, 401);
    const form = new URLSearchParams(await c.req.text());
    if (form.get('grant_type') !== 'client_credentials') return c.json({ error: 'unsupported_grant_type' }, 400);
    if (form.get('scope') !== 'api-access') return c.json({ error: 'invalid_scope' }, 400);
    const token = `wg-token-${++state.tokensIssued}-${randomUUID()}`;
    tokens.set(token, { expiresAt: Date.now() + state.expiresIn * 1000, uses: 0 });
    return c.json({ access_token: token, token_type: 'Bearer', expires_in: state.expiresIn, scope: 'api-access' });
  });

  app.use('*', faults.middleware((c, failure) => (failure.status === 429 ? fail(c, 429, 'Too many requests') : fail(c, failure.status, 'Service unavailable'))));
  app.use(`${PREFIX}/*`, async (c, next) => {
    const token = tokens.get((c.req.header('authorization') ?? '').replace(/^Bearer /, ''));
    if (!token || Date.now() >= token.expiresAt || token.uses >= state.revokeAfterUses) {
      state.refusedTokens += 1;
      return c.json({ error: 'invalid_token', error_description: 'Token expired' }, 401);
    }
    token.uses += 1;
    if (c.req.header('watchguard-api-key') !== credentials.apiKey) return fail(c, 403, 'Invalid API key');
    if (c.req.param('account') !== ACCOUNT_ID) return fail(c, 404, `Account ${c.req.param('account')} not found`);
    if (state.malformed) {
      state.malformed = false;
      return c.text('<html>Bad gateway</html>', 200, { 'content-type': 'application/json' });
    }
    return next();
  });

  const list = (c: Context, items: unknown[]) => {
    const top = Number(c.req.query('$top') ?? '100');
    const skip = Number(c.req.query('$skip') ?? '0');
    return c.json({ total_items: c.req.query('$count') === 'true' ? items.length : null, data: items.slice(skip, skip + top) });
  };
  app.get(`${PREFIX}/devices`, (c) => list(c, devices));
  app.get(`${PREFIX}/unmanageddevices`, (c) => list(c, [{ id: 'u1', ip_address: '10.1.0.99', host_name: 'PRINTER' }]));
  app.get(`${PREFIX}/devicesprotectionstatus`, (c) => list(c, devices.map((device) => ({ ...device, protection_status: 1 }))));
  app.get(`${PREFIX}/encryptionstatistics`, (c) => c.json({ total_supported_devices: 7, with_encrypted_drives: 5, with_non_encrypted_drives: 2, with_unknown_encryption_status: null }));
  app.get(`${PREFIX}/patchmanagementstatistics`, (c) => c.json({ total_supported_devices: 7, security_critical: 3, security_important: 1 }));
  app.get(`${PREFIX}/managedconfigurations/:type`, (c) => (['1', '2', '3'].includes(c.req.param('type')) ? list(c, [{ id: 'cfg-1', name: 'Default', type: Number(c.req.param('type')) }]) : fail(c, 400, 'Invalid type')));
  app.patch(`${PREFIX}/managedconfigurations/:type/:config`, async (c) => {
    if (c.req.param('type') !== '2') return fail(c, 400, 'Only type 2 is supported');
    if (c.req.param('config') !== 'cfg-1') return fail(c, 404, 'Configuration not found');
    const body = (await c.req.json()) as { device_ids?: unknown };
    if (!Array.isArray(body.device_ids) || body.device_ids.length === 0) return fail(c, 400, 'device_ids is required');
    return c.body(null, 204);
  });
  app.get(`${PREFIX}/securityevents/:type/export/:period`, (c) => {
    const type = Number(c.req.param('type'));
    if (!Number.isInteger(type) || type < 1 || type > 18) return fail(c, 400, 'Invalid security event type');
    if (!['1', '7'].includes(c.req.param('period'))) return fail(c, 400, 'Invalid period');
    const events = state.events.get(type) ?? [];
    return c.json({ total_items: events.length, data: events });
  });
  app.get(`${PREFIX}/securityeventcounters/:type`, (c) => c.json({ malware_counters: { total_alerts: 3, total_affected_devices: 2 }, pups_counters: { total_alerts: 0 }, filter: c.req.query('$filter') ?? null }));
  app.get(`${PREFIX}/securityoverview/:period`, (c) => (['1', '7', '30'].includes(c.req.param('period')) ? c.json({ total_devices: 7, total_unmanaged_devices: 1, malware: { total: 3 } }) : fail(c, 400, 'Invalid period')));

  const deviceCommand = (answer: (ids: string[]) => Record<string, unknown> | null) => async (c: Context) => {
    const body = (await c.req.json().catch(() => undefined)) as { device_ids?: unknown } | undefined;
    if (!body || !Array.isArray(body.device_ids) || body.device_ids.length === 0) return fail(c, 400, 'device_ids is required');
    const result = answer(body.device_ids as string[]);
    return result === null ? c.body(null, 204) : c.json(result);
  };
  const known = (ids: string[]) => ids.filter((id) => devices.some((device) => device.device_id === id));
  app.post(`${PREFIX}/devices/isolation`, deviceCommand((ids) => ({ processed_device_ids: known(ids) })));
  app.post(`${PREFIX}/devices/noisolation`, deviceCommand((ids) => ({ processed_device_ids: known(ids) })));
  app.post(`${PREFIX}/devices/action`, async (c) => {
    const body = (await c.req.raw.clone().json()) as { action_type?: unknown; count_down_type?: unknown };
    if (body.action_type !== 1) return fail(c, 400, 'action_type must be 1 (reboot)');
    if (![1, 2, 3, 4].includes(Number(body.count_down_type))) return fail(c, 400, 'Invalid count_down_type');
    return deviceCommand((ids) => ({ processed_device_ids: known(ids) }))(c);
  });
  app.post(`${PREFIX}/devices/uninstall`, deviceCommand(() => null));
  app.post(`${PREFIX}/immediatescan`, async (c) => {
    const body = (await c.req.raw.clone().json()) as { task_name?: unknown };
    if (typeof body.task_name !== 'string' || body.task_name === '') return fail(c, 400, 'task_name is required');
    return deviceCommand((ids) => ({ task_id: '12a345a6-a789-0123-a4aa-56a7890a12a3', no_executed_by_not_found_device_ids: ids.filter((id) => !known([id]).length) }))(c);
  });

  return { app, received, faults, state };
}
