import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { plyErrorOf } from '@ply/kit/testing';
import { AGENT_ID, FILE_CONTENT, FILE_SHA256, GROUP_ID } from './fake-harfanglab.js';
import { setup } from './setup.js';

describe('HarfangLab job-based actions through the executor', () => {
  it('lists processes: the job on the targets, its completion, then every result page', async () => {
    const { hl, run } = await setup({ processes: 120 });
    hl.state.pendingLooks = 2;
    const result = await run('list_processes_v2', { target_agents: `${AGENT_ID}, `, target_groups: GROUP_ID, get_handles_list: true });
    expect((result.results as { results: unknown[] }).results).toHaveLength(120);
    expect(hl.received[0]!.body).toEqual({ targets: { agent_ids: [AGENT_ID], group_ids: [GROUP_ID] }, jobs: [{ getProcessList: { getHandlesList: true, getConnectionsList: false, getSignaturesInfo: false } }] });
    expect(hl.received.filter((request) => request.path === '/api/data/job/batch/job-1/')).toHaveLength(3);
    expect(hl.received.filter((request) => request.path === '/api/data/investigation/hunting/Process/')).toHaveLength(3);
  });

  it('saves the named pipes to a file of the run when asked', async () => {
    const { run, dataDir } = await setup();
    const result = await run('list_named_pipes_v2', { target_agents: AGENT_ID, save_to_file: true });
    const { file_path } = result.results as { file_path: string };
    expect(JSON.parse(readFileSync(join(dataDir, file_path), 'utf8'))).toEqual([{ id: 'pipe-1', name: '\\\\.\\pipe\\evil', agent: { agentid: AGENT_ID } }]);
  });

  it('fails naming the job and the limit when the job keeps running', async () => {
    const { hl, run, configuration } = await setup();
    hl.state.pendingLooks = 1_000_000;
    const error = await plyErrorOf(run('list_processes_v2', { target_agents: AGENT_ID }, { configuration: { ...configuration, job_timeout: 0.3, job_poll_interval: 0.05 } }));
    expect(error.code).toBe('PLY_VENDOR_JOB_TIMEOUT');
    expect(error.message).toBe('HarfangLab job job-1 (getProcessList) was not finished after 0.3 s (0 waiting, 1 running, 0 injecting of 1)');
    expect(error.details).toMatchObject({ job: 'job-1', timeoutSeconds: 0.3 });
  });

  it('refuses a job without targets before calling HarfangLab', async () => {
    const { hl, run } = await setup();
    const error = await plyErrorOf(run('list_processes_v2', { target_agents: ' , ' }));
    expect(error.message).toContain('a job needs target_agents or target_groups');
    expect(hl.received).toHaveLength(0);
  });

  it('the deprecated actions only start the job and return it', async () => {
    const { hl, run } = await setup();
    expect((await run('list_processes', { target_agents: AGENT_ID })).results).toEqual({ id: 'job-1', action: 'getProcessList', creationtime: '2026-12-01T10:00:00.000000Z', parameters: { getHandlesList: false, getConnectionsList: false, getSignaturesInfo: false } });
    expect((await run('list_named_pipes', { target_groups: GROUP_ID })).results).toEqual({ id: 'job-2', action: 'getPipeList', creationtime: '2026-12-01T10:00:00.000000Z', parameters: {} });
    expect(hl.received.map((request) => request.path)).toEqual(['/api/data/job/batch/', '/api/data/job/batch/']);
  });

  it('downloads a file from an endpoint into the data folder, checked against its SHA-256', async () => {
    const { hl, run, dataDir } = await setup();
    hl.state.pendingLooks = 1;
    const result = await run('download_file_from_endpoint', { id: AGENT_ID, path: 'C:\\Users\\bob\\run.sh' });
    expect(result.results).toEqual({ path: FILE_SHA256 });
    expect(readFileSync(join(dataDir, FILE_SHA256))).toEqual(FILE_CONTENT);
    expect(hl.received[0]!.body).toEqual({ targets: { agent_ids: [AGENT_ID] }, jobs: [{ downloadFile: [{ filename: 'C:\\Users\\bob\\run.sh' }] }] });
  });

  it('says the endpoint could not download the file, naming the job', async () => {
    const { hl, run } = await setup();
    hl.state.downloadStatus = 1;
    const error = await plyErrorOf(run('download_file_from_endpoint', { id: AGENT_ID, path: '/nope' }));
    expect(error.code).toBe('PLY_VENDOR_JOB_FAILED');
    expect(error.message).toContain('HarfangLab could not download /nope on agent');
    expect(error.message).toContain('job job-1');
  });
});
