import { afterEach, describe, expect, it } from 'vitest';
import { createTestPly, plyErrorOf, SELF_SIGNED_CERT } from '@ply/kit/testing';
import plugin from '../src/index.js';
import { startFakeWinRm, type FakeWinRm } from './fake-winrm/fake-winrm.js';
import { WSMAN } from '../src/winrm/wsman-envelopes.js';

// A recognisable password: the secret canary of every test.
const PASSWORD = 'W1nRM+Canary/pass=42';
const ACCOUNT = { user: 'ply-svc', domain: 'CORP', password: PASSWORD };

let fake: FakeWinRm | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});
async function start(options: { allowBasic?: boolean; allowUnencrypted?: boolean; tls?: boolean } = {}): Promise<FakeWinRm> {
  fake = await startFakeWinRm({ account: ACCOUNT, ...options });
  return fake;
}
const configuration = (extra: Record<string, unknown> = {}) => ({ username: 'CORP\\ply-svc', password: PASSWORD, ...extra });
const ply = () => createTestPly({ plugins: [{ plugin }] });
const actionsOf = (winrm: FakeWinRm) => winrm.log.map((entry) => entry.action.slice(entry.action.lastIndexOf('/') + 1));

function expectNoPassword(...visible: unknown[]): void {
  const text = JSON.stringify(visible);
  for (const form of [PASSWORD, encodeURIComponent(PASSWORD), Buffer.from(PASSWORD, 'utf16le').toString('base64'), Buffer.from(PASSWORD).toString('base64')]) expect(text).not.toContain(form);
}

describe('WinRM with NTLM and message encryption', () => {
  it('disables users: one shell, one PowerShell command, output read, shell deleted, every message sealed', async () => {
    const winrm = await start();
    const alice = winrm.addUser('alice');
    const bob = winrm.addUser('bob');
    const { ply: p, logs } = ply();
    const run = await p.run({ action: 'microsoft-windows-server.disable_users', arguments: { users: ['alice', 'bob'], server: winrm.host }, configuration: configuration() });
    expect(run.results).toEqual({});
    expect([alice.enabled, bob.enabled]).toEqual([false, false]);
    expect(actionsOf(winrm)).toEqual(['Create', 'Command', 'Receive', 'Signal', 'Delete']);
    expect(winrm.log.every((entry) => entry.encrypted)).toBe(true);
    expect(winrm.shells.size).toBe(0);
    expect(winrm.scripts[0]!.cmdlets).toEqual([{ cmdlet: 'Disable-LocalUser', values: ['alice', 'bob'] }]);
    expectNoPassword(run, logs.lines);
  });

  it('enables users by SID and refuses a value that is no SID before connecting', async () => {
    const winrm = await start();
    const alice = winrm.addUser('alice', false);
    const { ply: p } = ply();
    await p.run({ action: 'microsoft-windows-server.enable_users', arguments: { sids: [alice.sid], server: winrm.url }, configuration: configuration() });
    expect(alice.enabled).toBe(true);
    const bad = await plyErrorOf(p.run({ action: 'microsoft-windows-server.enable_users', arguments: { sids: ['S-1-5-21-1; Remove-Item C:\\'], server: winrm.url }, configuration: configuration() }));
    expect([bad.code, bad.message]).toEqual(['PLY_ARGUMENTS_INVALID', 'sids[0] is not a security identifier (S-1-...): "S-1-5-21-1; Remove-Item C:\\\\"']);
    const none = await plyErrorOf(p.run({ action: 'microsoft-windows-server.enable_users', arguments: { server: winrm.url }, configuration: configuration() }));
    expect(none.message).toBe('`sids` or `users` must be specified');
    expect(winrm.scripts).toHaveLength(1);
  });

  it('changes a password, the server default used when the action names none', async () => {
    const winrm = await start();
    const alice = winrm.addUser('alice');
    const { ply: p, logs } = ply();
    await p.run({ action: 'microsoft-windows-server.change_user_password', arguments: { user_to_update: 'alice', new_password: 'N3w+Secret/pass' }, configuration: configuration({ server: winrm.url }) });
    expect(alice.password).toBe('N3w+Secret/pass');
    expect(JSON.stringify(logs.lines)).not.toContain('N3w+Secret/pass');
    const noServer = await plyErrorOf(p.run({ action: 'microsoft-windows-server.change_user_password', arguments: { user_to_update: 'alice', new_password: 'x' }, configuration: configuration() }));
    expect(noServer.message).toBe('no server: give `server` in the arguments or in the account');
  });
});

describe('WinRM over HTTPS', () => {
  it("speaks plain SOAP with Basic or NTLM over TLS, trusting the listener's certificate through ca_certificate", async () => {
    const winrm = await start({ tls: true, allowBasic: true });
    const alice = winrm.addUser('alice');
    const bob = winrm.addUser('bob');
    const { ply: p, logs } = ply();
    await p.run({ action: 'microsoft-windows-server.disable_users', arguments: { users: ['alice'], server: winrm.url }, configuration: configuration({ username: 'ply-svc', auth: 'basic', ca_certificate: SELF_SIGNED_CERT }) });
    await p.run({ action: 'microsoft-windows-server.disable_users', arguments: { users: ['bob'], server: winrm.url }, configuration: configuration({ ca_certificate: SELF_SIGNED_CERT }) });
    expect([alice.enabled, bob.enabled]).toEqual([false, false]);
    // Basic on every message; NTLM authenticates the connection once (empty bodies), then its five messages go plain over TLS.
    expect(winrm.log.map((entry) => [entry.encrypted, entry.authorization])).toEqual([...Array(5).fill([false, 'Basic']), ...Array(5).fill([false, ''])]);
    expectNoPassword(logs.lines);
  });

  it('refuses a listener whose certificate it does not trust, and accepts it with verification off (with a warning)', async () => {
    const winrm = await start({ tls: true });
    const alice = winrm.addUser('alice');
    const { ply: p, logs } = ply();
    const untrusted = await plyErrorOf(p.run({ action: 'microsoft-windows-server.disable_users', arguments: { users: ['alice'], server: winrm.url }, configuration: configuration() }));
    expect(untrusted.code).toBe('PLY_NETWORK_ERROR');
    expect(untrusted.message).toMatch(/^POST https:\/\/127\.0\.0\.1:\d+\/wsman failed: its TLS certificate is not trusted \(\w+\); trust its CA \(ca_certificate\)/);
    expect([alice.enabled, winrm.log]).toEqual([true, []]);
    await p.run({ action: 'microsoft-windows-server.disable_users', arguments: { users: ['alice'], server: winrm.url }, configuration: configuration({ verify_certificate: false }) });
    expect(alice.enabled).toBe(false);
    expect(logs.lines.some((line) => JSON.stringify(line).includes('TLS certificate verification is off for this WinRM server'))).toBe(true);
  });
});

describe('the WinRM client survives what a server does', () => {
  it('reports a command that fails (PowerShell error, exit code 1) and still deletes the shell', async () => {
    const winrm = await start();
    const { ply: p, logs } = ply();
    const error = await plyErrorOf(p.run({ action: 'microsoft-windows-server.change_user_password', arguments: { user_to_update: 'ghost', new_password: 'Another-Passw0rd', server: winrm.url }, configuration: configuration() }));
    expect([error.code, error.message]).toEqual(['PLY_VENDOR_JOB_FAILED', `changing the password of ghost failed on ${winrm.host} (exit code 1): Set-LocalUser : User ghost was not found.`]);
    expect(actionsOf(winrm)).toEqual(['Create', 'Command', 'Receive', 'Signal', 'Delete']);
    expect(winrm.shells.size).toBe(0);
    expect(JSON.stringify([error.message, logs.lines])).not.toContain('Another-Passw0rd');
  });

  it('sends Receive again after the server answered its OperationTimeout fault', async () => {
    const winrm = await start();
    winrm.addUser('alice');
    winrm.behaviour.receiveTimeouts = 2;
    const { ply: p } = ply();
    await p.run({ action: 'microsoft-windows-server.disable_users', arguments: { users: ['alice'], server: winrm.url }, configuration: configuration() });
    expect(actionsOf(winrm)).toEqual(['Create', 'Command', 'Receive', 'Receive', 'Receive', 'Signal', 'Delete']);
  });

  it('times out a server that does not answer, then deletes the shell on a new authenticated connection', async () => {
    const winrm = await start();
    winrm.addUser('alice');
    winrm.behaviour.hangReceive = true;
    const { ply: p } = ply();
    const error = await plyErrorOf(p.run({ action: 'microsoft-windows-server.disable_users', arguments: { users: ['alice'], server: winrm.url }, configuration: configuration({ operation_timeout_sec: 1, read_timeout_sec: 2 }) }));
    expect([error.code, error.message]).toEqual(['PLY_HTTP_TIMEOUT', `POST ${winrm.url} timed out after 2000 ms`]);
    expect(actionsOf(winrm).slice(-2)).toEqual(['Signal', 'Delete']);
    expect(winrm.shells.size).toBe(0);
  });

  it('authenticates again when the server closed the connection after the handshake', async () => {
    const winrm = await start();
    winrm.addUser('alice');
    winrm.behaviour.closeAfterAuth = true;
    const { ply: p } = ply();
    await p.run({ action: 'microsoft-windows-server.disable_users', arguments: { users: ['alice'], server: winrm.url }, configuration: configuration() });
    expect(winrm.users.get('alice')!.enabled).toBe(false);
  });

  it('says the credentials were refused (wrong password, or Basic where the listener does not allow it), never quoting them', async () => {
    const winrm = await start();
    winrm.addUser('alice');
    const { ply: p, logs } = ply();
    const wrong = await plyErrorOf(p.run({ action: 'microsoft-windows-server.disable_users', arguments: { users: ['alice'], server: winrm.url }, configuration: configuration({ password: `${PASSWORD}-old` }) }));
    expect([wrong.code, wrong.message]).toEqual(['PLY_VENDOR_HTTP_ERROR', `${winrm.url.replace('/wsman', '')}/wsman refused the credentials of the account (HTTP 401)`]);
    const basic = await plyErrorOf(p.run({ action: 'microsoft-windows-server.disable_users', arguments: { users: ['alice'], server: winrm.url }, configuration: configuration({ auth: 'basic' }) }));
    expect(basic.message).toContain('refused the credentials of the account (HTTP 401)');
    expect(winrm.users.get('alice')!.enabled).toBe(true);
    expectNoPassword(wrong.message, wrong.details, basic.message, logs.lines);
  });

  it('reports a server that is not there as a network error', async () => {
    const winrm = await start();
    const url = winrm.url;
    await winrm.close();
    fake = undefined;
    const { ply: p } = ply();
    const error = await plyErrorOf(p.run({ action: 'microsoft-windows-server.disable_users', arguments: { users: ['alice'], server: url }, configuration: configuration() }));
    expect([error.code, error.message]).toEqual(['PLY_NETWORK_ERROR', `POST ${url} failed: network error ECONNREFUSED`]);
  });

  it('speaks plain SOAP with Basic where the listener allows unencrypted Basic, and the fake refuses plain SOAP otherwise', async () => {
    const open = await start({ allowBasic: true, allowUnencrypted: true });
    open.addUser('alice');
    const { ply: p } = ply();
    await p.run({ action: 'microsoft-windows-server.disable_users', arguments: { users: ['alice'], server: open.url }, configuration: configuration({ username: 'ply-svc', auth: 'basic' }) });
    expect(open.log.every((entry) => !entry.encrypted && entry.authorization === 'Basic')).toBe(true);
    await open.close();
    const closed = await start();
    closed.addUser('alice');
    const plain = await plyErrorOf(p.run({ action: 'microsoft-windows-server.disable_users', arguments: { users: ['alice'], server: closed.url }, configuration: configuration({ message_encryption: 'never' }) }));
    expect(plain.message).toBe('the WinRM server answered HTTP 400 to Create');
  });
});

describe('arguments are data, never code', () => {
  const HOSTILE = [
    '"; Remove-Item -Recurse C:\\ ; "',
    "'; Remove-Item C:\\ -Recurse; '",
    '\u2019; Stop-Computer; \u2018',
    '& calc',
    '`$(Stop-Computer)`',
    '$(Remove-Item C:\\)',
    'alice\nStop-Computer',
    'a|b>c<d^e%PATH%!x!',
  ];

  it('hands every hostile user name and password to the cmdlets exactly as given', async () => {
    const winrm = await start();
    for (const name of HOSTILE) winrm.addUser(name);
    const { ply: p } = ply();
    await p.run({ action: 'microsoft-windows-server.disable_users', arguments: { users: HOSTILE, server: winrm.url }, configuration: configuration() });
    for (const [index, hostile] of HOSTILE.entries()) {
      await p.run({ action: 'microsoft-windows-server.change_user_password', arguments: { user_to_update: hostile, new_password: `${HOSTILE[(index + 1) % HOSTILE.length]}-Pw` }, configuration: configuration({ server: winrm.url }) });
    }
    expect(winrm.scripts.every((script) => script.unreadable.length === 0 && script.exitCode === 0)).toBe(true);
    expect(winrm.scripts[0]!.cmdlets).toEqual([{ cmdlet: 'Disable-LocalUser', values: HOSTILE }]);
    expect(winrm.scripts.slice(1).map((script) => script.cmdlets[0])).toEqual(HOSTILE.map((name, index) => ({ cmdlet: 'Set-LocalUser', values: [name], password: `${HOSTILE[(index + 1) % HOSTILE.length]}-Pw` })));
    expect([...winrm.users.values()].every((user) => !user.enabled)).toBe(true);
  });

  it('sends a command line of flags and base64 only, whose script holds no argument text', async () => {
    const winrm = await start({ allowUnencrypted: true });
    winrm.addUser(HOSTILE[0]!);
    const { ply: p } = ply();
    await p.run({ action: 'microsoft-windows-server.disable_users', arguments: { users: [HOSTILE[0]!], server: winrm.url }, configuration: configuration({ message_encryption: 'never' }) });
    expect(winrm.log.map((entry) => entry.action)).toContain(WSMAN.command);
    expect(winrm.scripts[0]!.cmdlets[0]!.values).toEqual([HOSTILE[0]]);
  });
});
