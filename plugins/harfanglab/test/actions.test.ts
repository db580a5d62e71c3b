import { describe, expect, it } from 'vitest';
import { plyErrorOf } from '@ply/kit/testing';
import { AGENT_ID, GROUP_ID } from './fake-harfanglab.js';
import { TOKEN, setup } from './setup.js';

describe('HarfangLab isolation through the executor', () => {
  it('isolates an agent and a group, and answers requested / unrequested', async () => {
    const { hl, run } = await setup();
    expect((await run('isolate_endpoint', { id: AGENT_ID })).results).toEqual({ requested: [AGENT_ID], unrequested: [], policy_not_allowed: [] });
    expect((await run('isolate_group', { id: GROUP_ID })).results).toEqual({ requested: [AGENT_ID], unrequested: ['agent-1'] });
    expect((await run('deisolate_endpoint', { id: AGENT_ID })).results).toEqual({ requested: [AGENT_ID], unrequested: [] });
    expect((await run('deisolate_group', { id: GROUP_ID })).results).toEqual({ requested: [AGENT_ID], unrequested: [] });
    expect(hl.received.map((request) => `${request.method} ${request.path}`)).toEqual([
      `POST /api/data/endpoint/Agent/${AGENT_ID}/isolate/`,
      `POST /api/data/endpoint/Group/${GROUP_ID}/isolation/`,
      `POST /api/data/endpoint/Agent/${AGENT_ID}/deisolate/`,
      `POST /api/data/endpoint/Group/${GROUP_ID}/deisolation/`,
    ]);
  });

  it('names the agent HarfangLab does not know (404)', async () => {
    const { run } = await setup();
    const error = await plyErrorOf(run('isolate_endpoint', { id: 'nope' }));
    expect(error.message).toBe('agent nope was not found at HarfangLab (HTTP 404: Not found.)');
  });

  it('says the token was refused (401) without quoting it', async () => {
    const { run, configuration, logs } = await setup();
    const error = await plyErrorOf(run('isolate_endpoint', { id: AGENT_ID }, { configuration: { ...configuration, api_token: 'stale-token-4' } }));
    expect(error.message).toBe('HarfangLab refused the credentials of the account (HTTP 401: Invalid token.)');
    expect(logs.text()).not.toContain('stale-token-4');
  });

  it('waits for Retry-After on 429, and retries an isolation answered 503 (isolating twice is harmless)', async () => {
    const { hl, run } = await setup();
    hl.faults.failNext.push({ status: 429, retryAfter: '0' }, { status: 503 });
    expect((await run('isolate_endpoint', { id: AGENT_ID })).results).toMatchObject({ requested: [AGENT_ID] });
    expect(hl.received).toHaveLength(3);
  });

  it('does not repeat a comment answered 502 (a POST that is not safe to repeat)', async () => {
    const { hl, run } = await setup();
    hl.faults.failNext.push({ status: 502 });
    const error = await plyErrorOf(run('add_comment_to_threat', { id: '42', comment: 'seen' }));
    expect(error.details).toMatchObject({ status: 502, attempts: 1 });
    expect(hl.state.comments).toEqual([]);
  });

  it('times out when HarfangLab does not answer within the run deadline', async () => {
    const { hl, run } = await setup();
    hl.faults.delayNextMs = 5_000;
    expect((await plyErrorOf(run('isolate_endpoint', { id: AGENT_ID }, { timeoutMs: 200 }))).code).toBe('PLY_ACTION_TIMEOUT');
  });

  it('reports an answer that is not JSON as a malformed vendor answer', async () => {
    const { hl, run } = await setup();
    hl.state.malformed = true;
    expect((await plyErrorOf(run('isolate_endpoint', { id: AGENT_ID }))).code).toBe('PLY_VENDOR_RESPONSE_INVALID');
  });

  it('keeps the token out of results, errors and logs when HarfangLab echoes it (raw, URL-encoded, in a header)', async () => {
    const { run, logs } = await setup();
    const error = await plyErrorOf(run('isolate_group', { id: 'echo-token' }));
    expect(error.details['status']).toBe(400);
    const seen = JSON.stringify({ message: error.message, details: error.details }) + logs.text();
    expect(logs.lines.length).toBeGreaterThan(0);
    for (const form of [TOKEN, encodeURIComponent(TOKEN), Buffer.from(TOKEN).toString('base64')]) expect(seen).not.toContain(form);
  });

  it('checks the account with the current user', async () => {
    const { hl, ply, configuration } = await setup();
    await ply.checkCredentials({ module: 'harfanglab', configuration });
    expect(hl.received.map((request) => request.path)).toEqual(['/api/auth/users/me/']);
  });
});

describe('HarfangLab threats, telemetry and hostnames through the executor', () => {
  it('comments a threat and updates threat statuses', async () => {
    const { hl, run } = await setup();
    expect((await run('add_comment_to_threat', { id: '42', comment: 'Host isolated' })).results).toEqual({});
    expect((await run('update_threat_status', { threat_ids: [42, 43], new_status: 'investigating', update_by_query: false })).results).toEqual({});
    expect(hl.state.comments).toEqual(['Host isolated']);
    expect(hl.received[1]!.body).toEqual({ threat_ids: [42, 43], new_status: 'investigating', update_by_query: false });
  });

  it('refuses a status outside the enum before calling HarfangLab', async () => {
    const { hl, run } = await setup();
    const error = await plyErrorOf(run('update_threat_status', { threat_ids: [42], new_status: 'solved', update_by_query: false }));
    expect(error.code).toBe('PLY_ARGUMENTS_INVALID');
    expect(hl.received).toHaveLength(0);
  });

  it('collects telemetry of each event type in the window, page after page', async () => {
    const { hl, run } = await setup();
    const result = await run('get_endpoint_telemetry', { agent_id: AGENT_ID, alert_created: '2026-12-01T10:00:00Z', event_types: ['processes', 'network'], timerange: 10 });
    expect((result.results as { data: unknown[] }).data).toHaveLength(62);
    const first = hl.received[0]!;
    expect(first.path).toBe('/api/data/telemetry/Processes/');
    expect(first.query).toMatchObject({ 'agent.agentid': AGENT_ID, '@event_create_date__gte': '2026-12-01T09:50:00Z', '@event_create_date__lte': '2026-12-01T10:10:00Z', limit: '50' });
    expect(hl.received.map((request) => request.path)).toEqual(['/api/data/telemetry/Processes/', '/api/data/telemetry/Processes/', '/api/data/telemetry/Network/']);
  });

  it('finds the hostnames of an IP, or only the last seen', async () => {
    const { run } = await setup();
    const all = (await run('hostname_by_ip', { target_ip: '10.0.0.5' })).results as { hostnames: Array<{ hostname: string }> };
    expect(all.hostnames.map((entry) => entry.hostname)).toEqual(['WKS-0', 'WKS-1']);
    const last = (await run('hostname_by_ip', { target_ip: '10.0.0.5', get_only_last_seen: true })).results as { hostnames: Array<{ hostname: string }> };
    expect(last.hostnames.map((entry) => entry.hostname)).toEqual(['WKS-1']);
  });
});
