import { describe, expect, it } from 'vitest';
import { plyErrorOf } from '@ply/kit/testing';
import { AGENT_ID, THREAT_ID } from './fake-sentinelone.js';
import { TOKEN, setup } from './setup.js';

describe('SentinelOne endpoint actions through the executor', () => {
  it('isolates an endpoint with ApiToken auth and the camelCase filter, and answers affected', async () => {
    const { s1, run } = await setup();
    const result = await run('isolate_endpoint', { ids: [AGENT_ID], site_ids: ['77'] });
    expect(result.results).toEqual({ affected: 1 });
    expect(s1.received).toEqual([{ method: 'POST', path: '/web/api/v2.1/agents/actions/disconnect', query: {}, authorization: `ApiToken ${TOKEN}`, body: { filter: { ids: [AGENT_ID], siteIds: ['77'] }, data: {} } }]);
  });

  it('deisolates and scans through their own endpoints (uuids for the scan)', async () => {
    const { s1, run } = await setup();
    expect((await run('deisolate_endpoint', { ids: [AGENT_ID] })).results).toEqual({ affected: 1 });
    expect((await run('scan', { uuids: ['uuid-1'] })).results).toEqual({ affected: 1 });
    expect(s1.received.map((request) => [request.path, request.body])).toEqual([
      ['/web/api/v2.1/agents/actions/connect', { filter: { ids: [AGENT_ID] }, data: {} }],
      ['/web/api/v2.1/agents/actions/initiate-scan', { filter: { uuids: ['uuid-1'] }, data: {} }],
    ]);
  });

  it('refuses to isolate with an empty filter (it would isolate every endpoint) before calling SentinelOne', async () => {
    const { s1, run } = await setup();
    const error = await plyErrorOf(run('isolate_endpoint', { ids: [] }));
    expect(error.code).toBe('PLY_ARGUMENTS_INVALID');
    expect(error.message).toContain('needs at least one filter');
    expect(s1.received).toHaveLength(0);
  });

  it('says the token was refused (401) without quoting it, and does not retry', async () => {
    const { s1, run, configuration, logs } = await setup();
    const error = await plyErrorOf(run('isolate_endpoint', { ids: [AGENT_ID] }, { configuration: { ...configuration, api_token: 'revoked-token-9' } }));
    expect(error.message).toBe('SentinelOne refused the credentials of the account (HTTP 401: Authentication Failed (code 4010010))');
    expect(s1.received).toHaveLength(1);
    expect(logs.text()).not.toContain('revoked-token-9');
  });

  it('waits for Retry-After on 429 and retries a POST the vendor refused before doing anything', async () => {
    const { s1, run } = await setup();
    s1.faults.failNext.push({ status: 429, retryAfter: '0' });
    expect((await run('isolate_endpoint', { ids: [AGENT_ID] })).results).toEqual({ affected: 1 });
    expect(s1.received).toHaveLength(2);
  });

  it('retries an isolation answered 503 (disconnecting twice is harmless), but not a scan', async () => {
    const { s1, run } = await setup();
    s1.faults.failNext.push({ status: 503 });
    expect((await run('isolate_endpoint', { ids: [AGENT_ID] })).results).toEqual({ affected: 1 });
    s1.faults.failNext.push({ status: 503 });
    const error = await plyErrorOf(run('scan', { uuids: ['uuid-1'] }));
    expect(error.details).toMatchObject({ status: 503, attempts: 1 });
    expect(s1.received).toHaveLength(3);
  });

  it('times out when SentinelOne does not answer within the run deadline', async () => {
    const { s1, run } = await setup();
    s1.faults.delayNextMs = 5_000;
    const error = await plyErrorOf(run('isolate_endpoint', { ids: [AGENT_ID] }, { timeoutMs: 200 }));
    expect(error.code).toBe('PLY_ACTION_TIMEOUT');
  });

  it('reports an answer that is not JSON as a malformed vendor answer', async () => {
    const { s1, run } = await setup();
    s1.state.malformed = true;
    const error = await plyErrorOf(run('scan', { uuids: ['uuid-1'] }));
    expect(error.code).toBe('PLY_VENDOR_RESPONSE_INVALID');
  });

  it('keeps the token out of results, errors and logs when SentinelOne echoes it (raw, URL-encoded, in a header)', async () => {
    const { run, logs } = await setup();
    const error = await plyErrorOf(run('isolate_endpoint', { query: 'echo-token' }));
    expect(error.details['status']).toBe(400);
    const seen = JSON.stringify({ message: error.message, details: error.details }) + logs.text();
    expect(logs.lines.length).toBeGreaterThan(0);
    for (const form of [TOKEN, encodeURIComponent(TOKEN), Buffer.from(TOKEN).toString('base64')]) expect(seen).not.toContain(form);
  });

  it('checks the account with agents/count', async () => {
    const { s1, ply, configuration } = await setup();
    await ply.checkCredentials({ module: 'sentinelone', configuration });
    expect(s1.received.map((request) => request.path)).toEqual(['/web/api/v2.1/agents/count']);
    const error = await plyErrorOf(ply.checkCredentials({ module: 'sentinelone', configuration: { ...configuration, api_token: 'nope-000' } }));
    expect(error.message).toContain('SentinelOne refused the credentials of the account (HTTP 401');
  });
});

describe('SentinelOne threat actions through the executor', () => {
  it('adds a note to the threats of the filter', async () => {
    const { s1, run } = await setup();
    const result = await run('create_threat_note', { text: 'Isolated by playbook', filters: { ids: [THREAT_ID] } });
    expect(result.results).toEqual({ affected: 1 });
    expect(s1.received[0]!.body).toEqual({ data: { text: 'Isolated by playbook' }, filter: { ids: [THREAT_ID] } });
  });

  it('updates an incident: status and verdict as the API names them, the "-" verdict filter dropped', async () => {
    const { s1, run } = await setup();
    const result = await run('update_threat_incident', { status: 'resolved', new_analyst_verdict: 'true_positive', filters: { ids: [THREAT_ID] } });
    expect(result.results).toEqual({ affected: 1 });
    expect(s1.received[0]!.body).toEqual({ data: { incidentStatus: 'resolved', analystVerdict: 'true_positive' }, filter: { ids: [THREAT_ID] } });
  });

  it('refuses an incident status outside the enum before calling SentinelOne', async () => {
    const { s1, run } = await setup();
    const error = await plyErrorOf(run('update_threat_incident', { status: 'closed', new_analyst_verdict: 'true_positive', filters: { ids: [THREAT_ID] } }));
    expect(error.code).toBe('PLY_ARGUMENTS_INVALID');
    expect(error.message).toContain('status');
    expect(s1.received).toHaveLength(0);
  });
});
