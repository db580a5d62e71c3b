import { afterEach, describe, expect, it } from 'vitest';
import { plyErrorOf } from '@ply/kit/testing';
import { PASSWORD_METHOD_ID } from './fake-entra/graph.js';
import { TENANT, secretForms, startTenant, testPly } from './harness.js';

type Tenant = Awaited<ReturnType<typeof startTenant>>;
let tenant: Tenant | undefined;
afterEach(async () => {
  await tenant?.server.close();
  tenant = undefined;
});
async function start(): Promise<Tenant> {
  tenant = await startTenant();
  return tenant;
}

describe('Entra ID sign-ins and authentication methods', () => {
  it("reads a user's sign-ins with an OData filter (quotes doubled), one page by default and more with max_pages", async () => {
    const t = await start();
    const jdoe = t.state.addUser({ userPrincipalName: 'jdoe@contoso.example' });
    for (let i = 0; i < 5; i += 1) t.state.signIns.push({ id: `s${i}`, userId: jdoe['id'], createdDateTime: `2026-01-0${i + 1}T10:00:00Z`, ipAddress: `203.0.113.${i}`, status: { errorCode: 0 }, riskEventTypes_v2: [] });
    t.state.signIns.push({ id: 'other', userId: "o'brien", createdDateTime: '2026-01-01T10:00:00Z' });
    const { ply } = testPly();
    const one = await ply.run({ action: 'azure-ad.get_signins', arguments: { id: String(jdoe['id']) }, configuration: t.configuration });
    expect((one.results as { signIns: unknown[] }).signIns).toHaveLength(2);
    const all = await ply.run({ action: 'azure-ad.get_signins', arguments: { id: String(jdoe['id']), max_pages: 10 }, configuration: t.configuration });
    expect((all.results as { signIns: Array<{ id: string }> }).signIns.map((s) => s.id)).toEqual(['s0', 's1', 's2', 's3', 's4']);
    const quoted = await ply.run({ action: 'azure-ad.get_signins', arguments: { id: "o'brien" }, configuration: t.configuration });
    expect((quoted.results as { signIns: Array<{ id: string }> }).signIns.map((s) => s.id)).toEqual(['other']);
    expect(t.state.requests.at(-1)!.query.get('$filter')).toBe("userId eq 'o''brien'");
  });

  it('reads registration details of one principal name, or of everyone', async () => {
    const t = await start();
    t.state.registrations.set('u1', { id: 'u1', userPrincipalName: 'jdoe@contoso.example', isMfaRegistered: true, isMfaCapable: true, isSsprRegistered: false, isSsprEnabled: false, isSsprCapable: false, isPasswordlessCapable: false, methodsRegistered: ['microsoftAuthenticatorPush'] });
    t.state.registrations.set('u2', { id: 'u2', userPrincipalName: 'asmith@contoso.example', isMfaRegistered: false, isMfaCapable: false, isSsprRegistered: false, isSsprEnabled: false, isSsprCapable: false, isPasswordlessCapable: false, methodsRegistered: [] });
    const { ply } = testPly();
    const one = await ply.run({ action: 'azure-ad.get_user_authentication_methods', arguments: { userPrincipalName: 'jdoe@contoso.example' }, configuration: t.configuration });
    expect(one.results).toEqual({ authenticationResults: [expect.objectContaining({ id: 'u1', isMfaRegistered: true, methodsRegistered: ['microsoftAuthenticatorPush'] })] });
    const everyone = await ply.run({ action: 'azure-ad.get_user_authentication_methods', arguments: {}, configuration: t.configuration });
    expect((everyone.results as { authenticationResults: unknown[] }).authenticationResults).toHaveLength(2);
  });
});

describe('Entra ID password resets', () => {
  it('resets a password through passwordProfile, generating one that the policy accepts when none is given', async () => {
    const t = await start();
    const jdoe = t.state.addUser({ userPrincipalName: 'jdoe@contoso.example' });
    const { ply, logs } = testPly();
    const run = await ply.run({ action: 'azure-ad.reset_user_password_v2', arguments: { userPrincipalName: 'jdoe@contoso.example' }, configuration: t.configuration });
    const { newPassword } = run.results as { newPassword: string };
    expect(newPassword).toMatch(/^(?=.*[a-z])(?=.*[A-Z])(?=.*\d)(?=.*[^A-Za-z0-9]).{16}$/);
    expect(jdoe['passwordProfile']).toEqual({ password: newPassword, forceChangePasswordNextSignIn: true, forceChangePasswordNextSignInWithMfa: false });
    expect(JSON.stringify(logs.lines)).not.toContain(newPassword);
    const weak = await plyErrorOf(ply.run({ action: 'azure-ad.reset_user_password_v2', arguments: { id: String(jdoe['id']), userNewPassword: 'short' }, configuration: t.configuration }));
    expect(weak.message).toContain('Request_BadRequest: The specified password does not comply with password complexity requirements');
    const both = await plyErrorOf(ply.run({ action: 'azure-ad.reset_user_password_v2', arguments: { id: 'x', userPrincipalName: 'y' }, configuration: t.configuration }));
    expect(both.code).toBe('PLY_ARGUMENTS_INVALID');
  });

  it('resets a password with the delegated account (the deprecated flow): list the password method, then reset it', async () => {
    const t = await start();
    const jdoe = t.state.addUser({ userPrincipalName: 'jdoe@contoso.example' });
    const { ply, logs } = testPly();
    const run = await ply.run({ action: 'azure-ad.reset_user_password', arguments: { userPrincipalName: 'jdoe@contoso.example', userNewPassword: 'N3w-Passw0rd!x' }, configuration: t.configuration });
    expect(run.results).toEqual({});
    expect(t.state.passwordResets).toEqual([{ user: jdoe['id'], method: PASSWORD_METHOD_ID, newPassword: 'N3w-Passw0rd!x', delegatedUser: TENANT.delegated!.username }]);
    const grant = new URLSearchParams(t.state.requests.find((r) => r.path.endsWith('/token'))!.body);
    expect([grant.get('grant_type'), grant.get('username')]).toEqual(['password', TENANT.delegated!.username]);
    const wrong = await plyErrorOf(ply.run({ action: 'azure-ad.reset_user_password', arguments: { id: String(jdoe['id']), userNewPassword: 'N3w-Passw0rd!x' }, configuration: { ...t.configuration, password: 'bad' } }));
    expect(wrong.message).toBe('the token endpoint refused the delegated account (HTTP 400: invalid_grant)');
    const noAccount = await plyErrorOf(ply.run({ action: 'azure-ad.reset_user_password', arguments: { id: String(jdoe['id']), userNewPassword: 'N3w-Passw0rd!x' }, configuration: { ...t.configuration, username: undefined } }));
    expect(noAccount.message).toBe('the account has no username, which the deprecated password reset needs');
    const text = JSON.stringify([run.results, wrong.message, wrong.details, logs.lines]);
    for (const form of [...secretForms(), 'N3w-Passw0rd!x']) expect(text).not.toContain(form);
  });
});

describe('Entra ID applications', () => {
  it('deletes an application, names a missing one, and needs its object id', async () => {
    const t = await start();
    t.state.applications.set('app-1', { id: 'app-1', displayName: 'Legacy app' });
    const { ply } = testPly();
    expect((await ply.run({ action: 'azure-ad.delete_app', arguments: { objectId: 'app-1' }, configuration: t.configuration })).results).toEqual({});
    expect(t.state.applications.has('app-1')).toBe(false);
    const missing = await plyErrorOf(ply.run({ action: 'azure-ad.delete_app', arguments: { objectId: 'app-1' }, configuration: t.configuration }));
    expect(missing.message).toMatch(/^application app-1 was not found at Microsoft Entra ID \(HTTP 404/);
    expect((await plyErrorOf(ply.run({ action: 'azure-ad.delete_app', arguments: {}, configuration: t.configuration }))).code).toBe('PLY_ARGUMENTS_INVALID');
  });
});
