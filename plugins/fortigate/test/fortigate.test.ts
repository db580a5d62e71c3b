import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestPly, plyErrorOf, SELF_SIGNED_CERT, startFakeServer, type FakeServer } from '@ply/kit/testing';
import plugin from '../src/index.js';
import { fakeFortigate } from './fake-fortigate.js';

// Recognisable keys: the secret canaries.
const KEY_A = 'fgt-A+canary/key=0001';
const KEY_B = 'fgt-B+canary/key=0002';

interface Firewall {
  fake: ReturnType<typeof fakeFortigate>;
  server: FakeServer;
  config: Record<string, unknown>;
}

let firewalls: Firewall[] = [];

async function firewall(apiKey: string, vdoms?: string[]): Promise<Firewall> {
  const fake = fakeFortigate({ apiKey, ...(vdoms ? { vdoms } : {}) });
  const server = await startFakeServer(fake.app.fetch, { tls: 'self-signed' });
  const url = new URL(server.url);
  const entry = { fake, server, config: { api_key: apiKey, base_ip: url.hostname, base_port: url.port, ca_certificate: SELF_SIGNED_CERT } };
  firewalls.push(entry);
  return entry;
}

beforeEach(() => {
  firewalls = [];
});
afterEach(async () => {
  await Promise.all(firewalls.map((entry) => entry.server.close()));
});

function run(action: string, args: Record<string, unknown>, configured: Firewall[], overrides: Array<Record<string, unknown>> = []) {
  const { ply, logs } = createTestPly({ plugins: [{ plugin }] });
  const configuration = { firewalls: configured.map((entry, i) => ({ ...entry.config, ...overrides[i] })) };
  return { logs, result: ply.run({ action: `fortigate.${action}`, arguments: args, configuration }) };
}

function expectNoKeys(...visible: unknown[]): void {
  const text = JSON.stringify(visible);
  for (const key of [KEY_A, KEY_B]) for (const form of [key, encodeURIComponent(key)]) expect(text).not.toContain(form);
}

describe('Fortigate addresses', () => {
  it('creates an IP address on every firewall, then updates it rather than duplicating it', async () => {
    const a = await firewall(KEY_A);
    const b = await firewall(KEY_B, ['dmz']);
    const first = await run('post_ip_address', { name: 'block-203.0.113.7', ip: '203.0.113.7', comment: 'Sekoia alert ALxyz' }, [a, b], [{}, { vdom: 'dmz' }]).result;
    expect(first.results).toMatchObject({ address: { type: 'ipmask', subnet: '203.0.113.7/32' }, firewalls: [{ status: 'created', vdom: 'root' }, { status: 'created', vdom: 'dmz' }] });
    expect(b.fake.requests.every((request) => request.vdom === 'dmz')).toBe(true);
    const again = await run('post_ip_address', { name: 'block-203.0.113.7', ip: '203.0.113.7', comment: 'seen twice' }, [a, b], [{}, { vdom: 'dmz' }]).result;
    expect((again.results as { firewalls: Array<{ status: string }> }).firewalls.map((outcome) => outcome.status)).toEqual(['updated', 'updated']);
    expect(a.fake.tables.get('firewall/address')!.get('block-203.0.113.7')).toMatchObject({ comment: 'seen twice' });
    expect(a.fake.tables.get('firewall/address')!.size).toBe(1);
  });

  it('creates an FQDN address, and refuses a value that is not a domain before calling a firewall', async () => {
    const a = await firewall(KEY_A);
    const made = await run('post_fqdn_address', { name: 'evil-domain', fqdn: 'login.evil-example.com' }, [a]).result;
    expect(made.results).toMatchObject({ address: { type: 'fqdn', fqdn: 'login.evil-example.com' }, firewalls: [{ status: 'created' }] });
    const refused = await plyErrorOf(run('post_fqdn_address', { name: 'x', fqdn: 'not a domain' }, [a]).result);
    expect(refused.code).toBe('PLY_ARGUMENTS_INVALID');
    expect(a.fake.requests).toHaveLength(2);
  });

  it('reports each firewall: one refusing the key and one down do not hide the one that worked', async () => {
    const good = await firewall(KEY_A);
    const wrongKey = await firewall(KEY_B);
    const down = await firewall(KEY_B);
    down.fake.faults.failNext.push(...Array.from({ length: 4 }, () => ({ status: 503 as const, retryAfter: '0' })));
    const { result, logs } = run('post_ip_address', { name: 'block-1', ip: '198.51.100.1' }, [good, wrongKey, down], [{}, { api_key: `${KEY_A}-revoked` }, {}]);
    const outcome = (await result).results as { firewalls: Array<{ status: string; error?: string }> };
    expect(outcome.firewalls.map((entry) => entry.status)).toEqual(['created', 'failed', 'failed']);
    expect(outcome.firewalls[1]!.error).toBe('the firewall refused the API key (HTTP 401)');
    expect(outcome.firewalls[2]!.error).toMatch(/answered HTTP 503/);
    // The keys are checked against the lines that quote each firewall's failure, which must be there.
    const messages = logs.lines.map((line) => (JSON.parse(line) as { msg: string }).msg);
    expect(messages.filter((msg) => msg.endsWith(': failed'))).toHaveLength(2);
    expectNoKeys(outcome, logs.lines);
  });

  it('fails when every firewall failed, naming each, without the keys', async () => {
    const a = await firewall(KEY_A);
    const { result, logs } = run('post_ip_address', { name: 'block-1', ip: '198.51.100.1' }, [a], [{ api_key: KEY_B }]);
    const error = await plyErrorOf(result);
    expect(error.message).toMatch(/^address block-1 failed on every firewall \(127\.0\.0\.1:\d+: the firewall refused the API key \(HTTP 401\)\)$/);
    expect(logs.text()).toContain('action failed');
    expectNoKeys(error.message, error.details, logs.lines);
  });

  it("verifies each firewall's certificate: refused without its CA, accepted with it or with verification off (logged)", async () => {
    const a = await firewall(KEY_A);
    const untrusted = await plyErrorOf(run('post_ip_address', { name: 'n', ip: '192.0.2.1' }, [a], [{ ca_certificate: undefined }]).result);
    expect(untrusted.message).toContain('its TLS certificate is not trusted');
    const { result, logs } = run('post_ip_address', { name: 'n', ip: '192.0.2.1' }, [a], [{ ca_certificate: undefined, verify_certificate: false }]);
    expect((await result).results).toMatchObject({ firewalls: [{ status: 'created' }] });
    expect(logs.text()).toContain('TLS certificate verification is off for this firewall');
  });
});

describe('Fortigate address groups and users', () => {
  it('creates a group, then adds members to it keeping the existing ones', async () => {
    const a = await firewall(KEY_A);
    for (const name of ['ip-1', 'ip-2', 'ip-3']) a.fake.tables.get('firewall/address')!.set(name, { name, type: 'ipmask', subnet: '192.0.2.1/32' });
    const created = await run('post_address_group', { name: 'blocked', member: ['ip-1', 'ip-2'] }, [a]).result;
    expect(created.results).toMatchObject({ objects: ['ip-1', 'ip-2'], firewalls: [{ status: 'created', members: ['ip-1', 'ip-2'] }] });
    const added = await run('post_address_group', { name: 'blocked', member: ['ip-3', 'ip-1'] }, [a]).result;
    expect(added.results).toMatchObject({ firewalls: [{ status: 'updated', members: ['ip-1', 'ip-2', 'ip-3'] }] });
    expect(a.fake.tables.get('firewall/addrgrp')!.get('blocked')!['member']).toEqual([{ name: 'ip-1' }, { name: 'ip-2' }, { name: 'ip-3' }]);
    const same = await run('post_address_group', { name: 'blocked', member: ['ip-2'] }, [a]).result;
    expect(same.results).toMatchObject({ firewalls: [{ status: 'unchanged' }] });
  });

  it("quotes FortiOS's reason when a member does not exist", async () => {
    const a = await firewall(KEY_A);
    const error = await plyErrorOf(run('post_address_group', { name: 'blocked', member: ['nowhere'] }, [a]).result);
    expect(error.message).toContain('answered HTTP 424: entry not found in datasource: nowhere, error -3');
  });

  it('disables a local user on every firewall, and says which firewall has no such user', async () => {
    const a = await firewall(KEY_A);
    const b = await firewall(KEY_B);
    a.fake.tables.get('user/local')!.set('jdoe', { name: 'jdoe', status: 'enable' });
    const outcome = (await run('disable_local_user_account', { name: 'jdoe' }, [a, b]).result).results as { firewalls: Array<{ status: string; error?: string }> };
    expect(outcome.firewalls.map((entry) => entry.status)).toEqual(['disabled', 'failed']);
    expect(outcome.firewalls[1]!.error).toBe('the firewall has no local user jdoe');
    expect(a.fake.tables.get('user/local')!.get('jdoe')).toMatchObject({ status: 'disable' });
  });

  it('stops at the run deadline on a firewall that does not answer', async () => {
    const a = await firewall(KEY_A);
    a.fake.faults.delayNextMs = 10_000;
    const { ply } = createTestPly({ plugins: [{ plugin }] });
    const error = await plyErrorOf(ply.run({ action: 'fortigate.disable_local_user_account', arguments: { name: 'jdoe' }, configuration: { firewalls: [a.config] }, timeoutMs: 300 }));
    expect(error.code).toBe('PLY_ACTION_TIMEOUT');
  });
});
