import { describe, expect, it } from 'vitest';
import { plyErrorOf } from '@ply/kit/testing';
import { ACCOUNT_ID, DEVICE_ID } from './fake-watchguard.js';
import { SECRETS, setup } from './setup.js';

const API = `/rest/aether-endpoint-security/aether-mgmt/api/v1/accounts/${ACCOUNT_ID}`;

describe('WatchGuard OAuth and headers', () => {
  it('gets a client-credentials token with HTTP Basic, then sends it with the API key, and reuses it across runs', async () => {
    const { wg, run } = await setup();
    await run('retrieve_devices', { $top: 2, $count: true });
    await run('retrieve_unmanaged_devices', {});
    const [token, first, second] = wg.received;
    expect(token!.path).toBe('/oauth/token');
    expect(token!.headers['authorization']).toBe(`Basic ${Buffer.from(`${SECRETS.accessId}:${SECRETS.accessSecret}`).toString('base64')}`);
    expect(new URLSearchParams(String(token!.body)).get('scope')).toBe('api-access');
    expect(first!.headers['authorization']).toMatch(/^Bearer wg-token-1-/);
    expect(first!.headers['watchguard-api-key']).toBe(SECRETS.apiKey);
    expect(first!.query).toEqual({ $top: '2', $count: 'true' });
    expect(second!.headers['authorization']).toBe(first!.headers['authorization']);
    expect(wg.state.tokensIssued).toBe(1);
  });

  it('sends the audience of a managed account in the token request', async () => {
    const { wg, run, configuration } = await setup();
    await run('retrieve_devices', {}, { configuration: { ...configuration, audience: 'managed-account-7' } });
    expect(new URLSearchParams(String(wg.received[0]!.body)).get('audience')).toBe('managed-account-7');
  });

  it('fetches a new token when WatchGuard refuses one before its announced expiry (401), and the run succeeds', async () => {
    const { wg, run } = await setup();
    wg.state.revokeAfterUses = 1;
    await run('retrieve_devices', {});
    const result = await run('retrieve_device_protection_status', {});
    expect((result.results as { data: unknown[] }).data).toHaveLength(7);
    expect(wg.state.tokensIssued).toBe(2);
    expect(wg.state.refusedTokens).toBe(1);
  });

  it('says the client credentials were refused without quoting them', async () => {
    const { run, configuration, logs } = await setup();
    const error = await plyErrorOf(run('retrieve_devices', {}, { configuration: { ...configuration, access_secret: 'wrong-secret-42' } }));
    expect(error.message).toMatch(/the token endpoint refused the client credentials \(HTTP 401\)/);
    expect(error.message + logs.text()).not.toContain('wrong-secret-42');
  });

  it('says the API key was refused (403)', async () => {
    const { run, configuration } = await setup();
    const error = await plyErrorOf(run('retrieve_devices', {}, { configuration: { ...configuration, api_key: 'other-key' } }));
    expect(error.message).toBe('Panda Security refused the credentials of the account (HTTP 403: Invalid API key)');
  });

  it('keeps the secret and the API key out of results, errors and logs (raw, URL-encoded, base64)', async () => {
    const { run, logs, configuration } = await setup();
    const error = await plyErrorOf(run('retrieve_devices', {}, { configuration: { ...configuration, account_id: `x${SECRETS.apiKey}` } }));
    expect(error.details['status']).toBe(404);
    const seen = JSON.stringify({ message: error.message, details: error.details }) + logs.text();
    expect(logs.lines.length).toBeGreaterThan(0);
    for (const secret of [SECRETS.apiKey, SECRETS.accessSecret]) for (const form of [secret, encodeURIComponent(secret), Buffer.from(secret).toString('base64')]) expect(seen).not.toContain(form);
  });
});

describe('WatchGuard devices and statuses through the executor', () => {
  it('reads the encryption and patch statistics and the security overview', async () => {
    const { run } = await setup();
    expect((await run('retrieve_full_encryption_module_status', {})).results).toMatchObject({ total_supported_devices: 7, with_encrypted_drives: 5, with_unknown_encryption_status: null });
    expect((await run('retrieve_patch_management_module_status', {})).results).toMatchObject({ security_critical: 3 });
    expect((await run('retrieve_security_overview', { period: 7 })).results).toMatchObject({ total_devices: 7 });
  });

  it('refuses a period outside the enum before calling WatchGuard', async () => {
    const { wg, run } = await setup();
    const error = await plyErrorOf(run('retrieve_security_overview', { period: 3 }));
    expect(error.code).toBe('PLY_ARGUMENTS_INVALID');
    expect(wg.received).toHaveLength(0);
  });

  it('gets security events and counters, the filter sent as $filter', async () => {
    const { wg, run } = await setup();
    wg.state.events.set(1, [{ id: 'e1', security_event_date: '2026-12-01T09:00:00.000Z', malware_name: 'EICAR', host_name: 'WIN-0' }]);
    expect((await run('get_security_events', { type: 1, period: 1, hostname: Buffer.from('WIN-0').toString('base64') })).results).toMatchObject({ total_items: 1, data: [{ malware_name: 'EICAR' }] });
    expect((await run('count_security_events', { type: 3, filter: 'date ge 2026-11-01' })).results).toMatchObject({ malware_counters: { total_alerts: 3 }, filter: 'date ge 2026-11-01' });
    expect(wg.received.at(-1)!.path).toBe(`${API}/securityeventcounters/3`);
  });

  it('lists managed configurations and links devices to one (404 names it)', async () => {
    const { wg, run } = await setup();
    expect((await run('retrieve_managed_configurations', { type: 2 })).results).toMatchObject({ data: [{ id: 'cfg-1' }] });
    expect((await run('link_devices_to_managed_configurations', { type: 2, config_id: 'cfg-1', device_ids: [DEVICE_ID] })).results).toEqual({});
    expect(wg.received.at(-1)).toMatchObject({ method: 'PATCH', path: `${API}/managedconfigurations/2/cfg-1`, body: { device_ids: [DEVICE_ID] } });
    const error = await plyErrorOf(run('link_devices_to_managed_configurations', { type: 2, config_id: 'cfg-9', device_ids: [DEVICE_ID] }));
    expect(error.message).toContain('managed configuration cfg-9 was not found at Panda Security (HTTP 404');
  });
});

describe('WatchGuard device commands through the executor', () => {
  it('isolates and releases devices, answering the processed ids', async () => {
    const { wg, run } = await setup();
    expect((await run('isolate_endpoints', { device_ids: [DEVICE_ID, 'unknown'], customized_message: 'Isolated by the SOC' })).results).toEqual({ processed_device_ids: [DEVICE_ID] });
    expect((await run('deisolate_endpoints', { device_ids: [DEVICE_ID] })).results).toEqual({ processed_device_ids: [DEVICE_ID] });
    expect(wg.received.find((request) => request.path.endsWith('/devices/isolation'))!.body).toEqual({ device_ids: [DEVICE_ID, 'unknown'], customized_message: 'Isolated by the SOC' });
  });

  it('scans, reboots and uninstalls', async () => {
    const { run } = await setup();
    expect((await run('scan', { device_ids: [DEVICE_ID, 'gone'], task_name: 'Routine scan', scan_scope: 0 })).results).toEqual({ task_id: '12a345a6-a789-0123-a4aa-56a7890a12a3', no_executed_by_not_found_device_ids: ['gone'] });
    expect((await run('send_action', { device_ids: [DEVICE_ID], action_type: 1, count_down_type: 1 })).results).toEqual({ processed_device_ids: [DEVICE_ID] });
    expect((await run('uninstall_protection_from_devices', { device_ids: [DEVICE_ID] })).results).toEqual({});
  });

  it('refuses a command without devices before calling WatchGuard', async () => {
    const { wg, run } = await setup();
    const error = await plyErrorOf(run('isolate_endpoints', { device_ids: [] }));
    expect(error.code).toBe('PLY_ARGUMENTS_INVALID');
    expect(wg.received).toHaveLength(0);
  });

  it('waits for Retry-After on 429; retries an isolation answered 503 but not a reboot', async () => {
    const { wg, run } = await setup();
    await run('retrieve_devices', {});
    wg.faults.failNext.push({ status: 429, retryAfter: '0' }, { status: 503 });
    expect((await run('isolate_endpoints', { device_ids: [DEVICE_ID] })).results).toEqual({ processed_device_ids: [DEVICE_ID] });
    wg.faults.failNext.push({ status: 503 });
    const error = await plyErrorOf(run('send_action', { device_ids: [DEVICE_ID], action_type: 1, count_down_type: 1 }));
    expect(error.details).toMatchObject({ status: 503, attempts: 1 });
  });

  it('times out when WatchGuard does not answer within the run deadline', async () => {
    const { wg, run } = await setup();
    await run('retrieve_devices', {});
    wg.faults.delayNextMs = 5_000;
    expect((await plyErrorOf(run('retrieve_devices', {}, { timeoutMs: 200 }))).code).toBe('PLY_ACTION_TIMEOUT');
  });

  it('reports an answer that is not JSON as a malformed vendor answer', async () => {
    const { wg, run } = await setup();
    wg.state.malformed = true;
    expect((await plyErrorOf(run('retrieve_devices', {}))).code).toBe('PLY_VENDOR_RESPONSE_INVALID');
  });
});
