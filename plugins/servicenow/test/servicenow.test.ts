import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestPly, plyErrorOf, startFakeServer, TEST_HTTP_RETRY, type FakeServer } from '@ply/kit/testing';
import plugin from '../src/index.js';
import { fakeServiceNow } from './fake-servicenow.js';

// A recognisable password: the secret canary of every test.
const PASSWORD = 'Sn0w+Canary/pass=42';
const USERNAME = 'ply.integration';

let fake: ReturnType<typeof fakeServiceNow>;
let server: FakeServer;
let configuration: Record<string, unknown>;

beforeEach(async () => {
  fake = fakeServiceNow({ username: USERNAME, password: PASSWORD });
  server = await startFakeServer(fake.app.fetch);
  configuration = { base_url: server.url, username: USERNAME, password: PASSWORD };
});
afterEach(() => server.close());

function seedIncidents(count: number): string[] {
  const ids: string[] = [];
  for (let i = 0; i < count; i += 1) {
    const sysId = i.toString(16).padStart(32, '0');
    fake.tables.get('incident')!.set(sysId, { sys_id: sysId, number: `INC00${20000 + i}`, priority: i % 2 === 0 ? '1' : '3', short_description: `Incident ${i}` });
    ids.push(sysId);
  }
  return ids;
}

function ply() {
  return createTestPly({ plugins: [{ plugin }] });
}

/** Everything that leaves a run: results, error, log lines. The password must be in none of them, in any form. */
function expectNoPassword(...visible: unknown[]): void {
  const text = JSON.stringify(visible);
  for (const form of [PASSWORD, encodeURIComponent(PASSWORD), Buffer.from(`${USERNAME}:${PASSWORD}`).toString('base64')]) expect(text).not.toContain(form);
}

describe('ServiceNow Get Table', () => {
  it('reads a table with the Table API query parameters, in one request as the reference does', async () => {
    seedIncidents(3);
    const { ply: p, logs } = ply();
    const run = await p.run({ action: 'servicenow.get_table', arguments: { table_name: 'incident', query: 'priority=1', fields: 'number,priority', display_value: 'all', limit: 1 }, configuration });
    expect(run.results).toEqual({ result: [{ number: { display_value: 'INC0020000', value: 'INC0020000' }, priority: { display_value: '1', value: '1' } }] });
    expect(fake.requests).toHaveLength(1);
    const query = fake.requests[0]!.query;
    expect([query.get('sysparm_query'), query.get('sysparm_fields'), query.get('sysparm_display_value'), query.get('sysparm_limit'), query.get('max_pages')]).toEqual(['priority=1', 'number,priority', 'all', '1', null]);
    // The log holds this run's lines, so checking them for the password cannot pass on an empty log.
    expect(logs.text()).toContain('action finished');
    expectNoPassword(run, logs.lines);
  });

  it('follows the Link pages up to max_pages, and accepts the REST root as base URL', async () => {
    seedIncidents(25);
    const { ply: p } = ply();
    const all = await p.run({ action: 'servicenow.get_table', arguments: { table_name: 'incident', limit: 10, max_pages: 5 }, configuration: { ...configuration, base_url: `${server.url}api/now/` } });
    expect((all.results as { result: unknown[] }).result).toHaveLength(25);
    expect(fake.requests.map((request) => request.query.get('sysparm_offset'))).toEqual([null, '10', '20']);
    const bounded = await p.run({ action: 'servicenow.get_table', arguments: { table_name: 'incident', limit: 10, max_pages: 2 }, configuration });
    expect((bounded.results as { result: unknown[] }).result).toHaveLength(20);
  });

  it('reports an unknown table with ServiceNow own words, and a maintenance page as a malformed answer', async () => {
    const { ply: p } = ply();
    const unknown = await plyErrorOf(p.run({ action: 'servicenow.get_table', arguments: { table_name: 'incidentz' }, configuration }));
    expect(unknown).toMatchObject({ code: 'PLY_VENDOR_HTTP_ERROR', details: { status: 400 } });
    expect(unknown.message).toContain('Invalid table incidentz');
    fake.switches.htmlNext = true;
    const html = await plyErrorOf(p.run({ action: 'servicenow.get_table', arguments: { table_name: 'incident' }, configuration }));
    expect(html.code).toBe('PLY_VENDOR_RESPONSE_INVALID');
  });

  it('waits for Retry-After on 429, gives up with the status after the retries on 5xx, and times out', async () => {
    const { ply: p, logs } = ply();
    fake.faults.failNext.push({ status: 429, retryAfter: '1' });
    expect(await p.run({ action: 'servicenow.get_table', arguments: { table_name: 'incident' }, configuration })).toMatchObject({ results: { result: [] } });
    // Retry-After: 1 s, capped at the test runtime's ceiling; the backoff alone would have waited 0 or 1 ms.
    const retry = logs.lines.map((line) => JSON.parse(line) as Record<string, unknown>).find((line) => line['msg'] === 'HTTP request failed, retrying');
    expect(retry).toMatchObject({ status: 429, delayMs: TEST_HTTP_RETRY.maxDelayMs });
    fake.faults.failNext.push(...Array.from({ length: 4 }, () => ({ status: 503 as const })));
    const down = await plyErrorOf(p.run({ action: 'servicenow.get_table', arguments: { table_name: 'incident' }, configuration }));
    expect(down.details).toMatchObject({ status: 503, attempts: 4 });
    fake.faults.delayNextMs = 10_000;
    expect((await plyErrorOf(p.run({ action: 'servicenow.get_table', arguments: { table_name: 'incident' }, configuration, timeoutMs: 200 }))).code).toBe('PLY_ACTION_TIMEOUT');
  });

  it('keeps the password out of an error that quotes it raw, URL-encoded and in its Basic header', async () => {
    const { ply: p, logs } = ply();
    fake.switches.echoCredentialsNext = true;
    const error = await plyErrorOf(p.run({ action: 'servicenow.get_table', arguments: { table_name: 'incident' }, configuration }));
    expect(error.message).toContain('[REDACTED]');
    expect(logs.text()).toContain('action failed');
    expectNoPassword(error.message, error.details, logs.lines);
  });

  it('says the credentials were refused, without the password in any form', async () => {
    const { ply: p, logs } = ply();
    const error = await plyErrorOf(p.run({ action: 'servicenow.get_table', arguments: { table_name: 'incident' }, configuration: { ...configuration, password: `${PASSWORD}-old` } }));
    expect(error.message).toBe('ServiceNow refused the credentials of the account (HTTP 401: User Not Authenticated (Required to provide Auth information))');
    expect(logs.text()).toContain('action failed');
    expectNoPassword(error.message, error.details, logs.lines);
  });
});

describe('ServiceNow records', () => {
  it('opens an incident with the named fields and any other field', async () => {
    const { ply: p } = ply();
    const run = await p.run({ action: 'servicenow.create_incident', arguments: { short_description: 'Compromised account jdoe', urgency: '1', fields: { u_alert: 'ALxyz123', urgency: '3' } }, configuration });
    const result = (run.results as { result: Record<string, unknown> }).result;
    expect(result).toMatchObject({ short_description: 'Compromised account jdoe', urgency: '1', u_alert: 'ALxyz123', number: expect.stringMatching(/^INC00/) });
    expect(fake.tables.get('incident')!.get(String(result['sys_id']))).toBeDefined();
    const refused = await plyErrorOf(p.run({ action: 'servicenow.create_incident', arguments: { short_description: 'x', urgency: 'high' }, configuration }));
    expect(refused.code).toBe('PLY_ARGUMENTS_INVALID');
    expect(fake.requests).toHaveLength(1);
  });

  it('updates a record, retrying a 5xx (setting values twice changes nothing), and names a missing record', async () => {
    const [id] = seedIncidents(1);
    const { ply: p } = ply();
    fake.faults.failNext.push({ status: 503 });
    const run = await p.run({ action: 'servicenow.update_record', arguments: { table_name: 'incident', sys_id: id, fields: { state: '6', close_code: 'Solved' } }, configuration });
    expect((run.results as { result: Record<string, unknown> }).result).toMatchObject({ state: '6', close_code: 'Solved' });
    expect(fake.requests).toHaveLength(2);
    const missing = await plyErrorOf(p.run({ action: 'servicenow.update_record', arguments: { table_name: 'incident', sys_id: 'f'.repeat(32), fields: { state: '6' } }, configuration }));
    expect(missing.message).toBe(`record ${'f'.repeat(32)} of table incident was not found at ServiceNow (HTTP 404: No Record found (Record doesn't exist or ACL restricts the record retrieval))`);
  });

  it('adds a work note and a comment to the journal, and does not add a note twice after a 5xx', async () => {
    const [id] = seedIncidents(1);
    const { ply: p } = ply();
    await p.run({ action: 'servicenow.add_note', arguments: { sys_id: id, text: 'Host isolated by Ply' }, configuration });
    await p.run({ action: 'servicenow.add_note', arguments: { sys_id: id, text: 'We are on it', kind: 'comment' }, configuration });
    expect(fake.journal).toEqual([
      { sys_id: id, element: 'work_notes', value: 'Host isolated by Ply' },
      { sys_id: id, element: 'comments', value: 'We are on it' },
    ]);
    fake.faults.failNext.push({ status: 502 });
    const failed = await plyErrorOf(p.run({ action: 'servicenow.add_note', arguments: { sys_id: id, text: 'once' }, configuration }));
    expect(failed.details).toMatchObject({ status: 502, attempts: 1 });
    expect(fake.journal).toHaveLength(2);
  });

  it("attaches a file of the run's data folder, refusing a path outside it", async () => {
    const [id] = seedIncidents(1);
    const { ply: p, home } = ply();
    const dataDir = join(home, 'runs', 'attach');
    mkdirSync(join(dataDir, 'evidence'), { recursive: true });
    writeFileSync(join(dataDir, 'evidence', 'process-list.csv'), 'pid,name\n4242,mimikatz.exe\n');
    const run = await p.run({ action: 'servicenow.attach_file', arguments: { sys_id: id, file_path: 'evidence/process-list.csv', content_type: 'text/csv' }, configuration, dataDir });
    expect((run.results as { result: Record<string, unknown> }).result).toMatchObject({ file_name: 'process-list.csv', size_bytes: String(Buffer.byteLength('pid,name\n4242,mimikatz.exe\n')), table_sys_id: id });
    expect(fake.attachments[0]).toMatchObject({ table_name: 'incident', content_type: 'text/csv' });
    expect(fake.attachments[0]!.bytes.toString()).toContain('mimikatz.exe');
    const escape = await plyErrorOf(p.run({ action: 'servicenow.attach_file', arguments: { sys_id: id, file_path: '../../secret.key' }, configuration, dataDir }));
    expect(escape.code).toBe('PLY_FILE_REFERENCE_INVALID');
  });
});

describe('ServiceNow account check', () => {
  it('accepts the configured user and refuses a wrong password', async () => {
    const { ply: p } = ply();
    await expect(p.checkCredentials({ module: 'servicenow', configuration })).resolves.toBeUndefined();
    const refused = await plyErrorOf(p.checkCredentials({ module: 'servicenow', configuration: { ...configuration, password: 'wrong-password-1' } }));
    expect(refused.message).toContain('ServiceNow refused the credentials of the account (HTTP 401');
  });
});
