import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { plyErrorOf } from '@ply/kit/testing';
import { AGENT_ID, SCRIPT_ID, THREAT_ID } from './fake-sentinelone.js';
import { setup } from './setup.js';

const script = { script_id: SCRIPT_ID, output_destination: 'SentinelCloud', task_description: 'collect triage', timeout: 5, filters: { ids: [AGENT_ID] } };

describe('SentinelOne remote scripts through the executor', () => {
  it('executes a script, polls its status until completed, and returns the result download URL', async () => {
    const { s1, run } = await setup();
    s1.state.pendingLooks = 2;
    const result = await run('execute_remote_script', script);
    expect(result.results).toEqual({ status: 'succeed', status_reason: 'The remote script was successfully executed', result_file: { download_url: 'https://s1-results.example/task-42.zip?token=abc' } });
    expect(s1.received.filter((request) => request.path.endsWith('/remote-scripts/status'))).toHaveLength(3);
    expect(s1.received[0]!.body).toEqual({ data: { scriptId: SCRIPT_ID, outputDestination: 'SentinelCloud', taskDescription: 'collect triage', scriptRuntimeTimeoutSeconds: 5 }, filter: { ids: [AGENT_ID] } });
  });

  it('answers status timeout naming the task and the limit when the script is still running', async () => {
    const { s1, run, configuration } = await setup();
    s1.state.pendingLooks = 1_000_000;
    const result = await run('execute_remote_script', { ...script, timeout: 1 }, { configuration: { ...configuration, poll_interval: 0.2 } });
    expect(result.results).toEqual({ status: 'timeout', status_reason: 'remote script task task-42 was not finished after 1 s (last status: in_progress)', result_file: null });
  });

  it('answers status failed with SentinelOne detailed status', async () => {
    const { s1, run } = await setup();
    s1.state.scriptStatus = 'failed';
    expect((await run('execute_remote_script', script)).results).toEqual({ status: 'failed', status_reason: 'Script failed on the endpoint', result_file: null });
  });

  it('names the script SentinelOne does not know (404)', async () => {
    const { run } = await setup();
    const error = await plyErrorOf(run('execute_remote_script', { ...script, script_id: '404' }));
    expect(error.message).toContain('script 404 was not found at SentinelOne (HTTP 404');
  });
});

describe('SentinelOne Deep Visibility through the executor', () => {
  const dv = { query: 'EventType = "Process Creation"', from_date: '2026-11-30T00:00:00+01:00', to_date: '2026-12-01T00:00:00Z', timeout: 5 };

  it('creates the query in UTC, waits for it, and pages through every event', async () => {
    const { s1, run } = await setup();
    s1.state.pendingLooks = 1;
    const result = await run('dv_query_events', dv);
    const { status, events } = result.results as { status: string; events: Array<{ id: string }> };
    expect(status).toBe('succeed');
    expect(events).toHaveLength(2500);
    expect(new Set(events.map((event) => event.id)).size).toBe(2500);
    expect(s1.received[0]!.body).toEqual({ query: dv.query, fromDate: '2026-11-29T23:00:00.000Z', toDate: '2026-12-01T00:00:00.000Z' });
    expect(s1.received.filter((request) => request.path.endsWith('/dv/events'))).toHaveLength(3);
  });

  it('answers status timeout naming the query when it keeps running', async () => {
    const { s1, run, configuration } = await setup();
    s1.state.pendingLooks = 1_000_000;
    const result = await run('dv_query_events', { ...dv, timeout: 1 }, { configuration: { ...configuration, poll_interval: 0.2 } });
    expect(result.results).toEqual({ status: 'timeout', status_reason: 'Deep Visibility query q-0123456789abcdef was not finished after 1 s (last state: RUNNING)', events: [] });
  });

  it('answers status failed with the query error', async () => {
    const { s1, run } = await setup();
    s1.state.dvState = 'FAILED';
    expect((await run('dv_query_events', dv)).results).toEqual({ status: 'failed', status_reason: 'Query syntax error', events: [] });
  });

  it('refuses a date that is not one before calling SentinelOne', async () => {
    const { s1, run } = await setup();
    const error = await plyErrorOf(run('dv_query_events', { ...dv, from_date: 'yesterday' }));
    expect(error.message).toContain('from_date is not a date: yesterday');
    expect(s1.received).toHaveLength(0);
  });
});

describe('SentinelOne threat files through the executor', () => {
  it('fetches the file of a threat, waits for its upload, and unzips it into the data folder', async () => {
    const { s1, run, dataDir } = await setup();
    s1.state.pendingLooks = 1;
    const result = await run('get_malwares_from_threat', { threat_id: THREAT_ID, timeout: 5 });
    const { status, files } = result.results as { status: string; files: Array<{ path: string }> };
    expect(status).toBe('succeed');
    expect(files).toHaveLength(1);
    expect(readFileSync(join(dataDir, files[0]!.path), 'utf8')).toBe('MZ not really a program');
    const fetch = s1.received.find((request) => request.path.endsWith('/threats/fetch-file'))!;
    expect((fetch.body as { filter: unknown }).filter).toEqual({ ids: [THREAT_ID] });
  });

  it('answers failed when no agent holds the threat, and timeout when the upload never comes', async () => {
    const { s1, run, configuration } = await setup();
    expect((await run('get_malwares_from_threat', { threat_id: '1', timeout: 5 })).results).toEqual({ status: 'failed', status_reason: 'No agent affected', files: [] });
    s1.state.pendingLooks = 1_000_000;
    const result = await run('get_malwares_from_threat', { threat_id: THREAT_ID, timeout: 1 }, { configuration: { ...configuration, poll_interval: 0.2 } });
    expect(result.results).toEqual({ status: 'timeout', status_reason: `the file of threat ${THREAT_ID} was not uploaded after 1 s`, files: [] });
  });
});
