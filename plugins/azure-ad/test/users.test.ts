import { afterEach, describe, expect, it } from 'vitest';
import { plyErrorOf } from '@ply/kit/testing';
import { TENANT, secretForms, startTenant, testPly } from './harness.js';

type Tenant = Awaited<ReturnType<typeof startTenant>>;
let tenant: Tenant | undefined;
afterEach(async () => {
  await tenant?.server.close();
  tenant = undefined;
});
async function start(...args: Parameters<typeof startTenant>): Promise<Tenant> {
  tenant = await startTenant(...args);
  return tenant;
}

function expectNoSecret(...visible: unknown[]): void {
  const text = JSON.stringify(visible);
  for (const form of secretForms()) expect(text).not.toContain(form);
}

describe('Entra ID users', () => {
  it('gets a user by principal name with the reference fields, with one application token for several runs', async () => {
    const t = await start();
    const jdoe = t.state.addUser({ userPrincipalName: 'jdoe@contoso.example', displayName: 'John Doe', mail: 'jdoe@contoso.example', department: 'Finance', mobilePhone: null, onPremisesSamAccountName: 'jdoe' });
    const { ply, logs } = testPly();
    const run = await ply.run({ action: 'azure-ad.get_user', arguments: { userPrincipalName: 'JDoe@contoso.example' }, configuration: t.configuration });
    expect(run.results).toMatchObject({ id: jdoe['id'], userPrincipalName: 'jdoe@contoso.example', displayName: 'John Doe', accountEnabled: true, mobilePhone: null });
    expect(run.results).not.toHaveProperty('onPremisesSamAccountName');
    await ply.run({ action: 'azure-ad.get_user', arguments: { id: String(jdoe['id']) }, configuration: t.configuration });
    expect(t.state.tokensIssued).toBe(1);
    const token = t.state.requests.find((r) => r.path.endsWith('/token'))!;
    expect(new URLSearchParams(token.body).get('scope')).toBe(`${t.server.url.replace(/\/$/, '')}/.default`);
    expect(t.state.requests.filter((r) => r.path.startsWith('/v1.0/users/')).map((r) => r.query.get('$select'))[0]).toContain('lastPasswordChangeDateTime');
    expectNoSecret(run, logs.lines);
  });

  it('names the missing user with Graph own words, and refuses a run that names no user before any call', async () => {
    const t = await start();
    const { ply } = testPly();
    const missing = await plyErrorOf(ply.run({ action: 'azure-ad.get_user', arguments: { userPrincipalName: 'ghost@contoso.example' }, configuration: t.configuration }));
    expect(missing.message).toBe("user ghost@contoso.example was not found at Microsoft Entra ID (HTTP 404: Request_ResourceNotFound: Resource 'ghost@contoso.example' does not exist or one of its queried reference-property objects are not present.)");
    const none = await plyErrorOf(ply.run({ action: 'azure-ad.disable_user', arguments: {}, configuration: t.configuration }));
    expect([none.code, none.message]).toEqual(['PLY_ARGUMENTS_INVALID', "'id' or 'userPrincipalName' should be specified"]);
    expect(t.state.requests.filter((r) => r.method === 'PATCH')).toHaveLength(0);
  });

  it('reads a principal name that starts with $ in the users(...) form', async () => {
    const t = await start();
    t.state.addUser({ userPrincipalName: "$adm'in@contoso.example" });
    const { ply } = testPly();
    const run = await ply.run({ action: 'azure-ad.get_user', arguments: { userPrincipalName: "$adm'in@contoso.example" }, configuration: t.configuration });
    expect(run.results).toMatchObject({ userPrincipalName: "$adm'in@contoso.example" });
    expect(t.state.requests.at(-1)!.path).toBe(`/v1.0/users('${encodeURIComponent("$adm''in@contoso.example")}')`);
  });

  it('disables and enables a user, and revokes its sessions', async () => {
    const t = await start();
    const jdoe = t.state.addUser({ userPrincipalName: 'jdoe@contoso.example' });
    const { ply } = testPly();
    expect((await ply.run({ action: 'azure-ad.disable_user', arguments: { userPrincipalName: 'jdoe@contoso.example' }, configuration: t.configuration })).results).toEqual({});
    expect(jdoe['accountEnabled']).toBe(false);
    await ply.run({ action: 'azure-ad.revoke_sign_in', arguments: { id: String(jdoe['id']) }, configuration: t.configuration });
    expect(jdoe['signInSessionsValidFromDateTime']).toEqual(expect.any(String));
    await ply.run({ action: 'azure-ad.enable_user', arguments: { id: String(jdoe['id']) }, configuration: t.configuration });
    expect(jdoe['accountEnabled']).toBe(true);
    expect(t.state.requests.filter((r) => r.method === 'PATCH').map((r) => JSON.parse(r.body) as unknown)).toEqual([{ accountEnabled: false }, { accountEnabled: true }]);
  });

  it('retries a disable after 429 Retry-After and after a 5xx (it sets a value), and says when Graph kept failing', async () => {
    const t = await start();
    const jdoe = t.state.addUser({ userPrincipalName: 'jdoe@contoso.example' });
    const { ply } = testPly();
    t.faults.failNext.push({ status: 429, retryAfter: '0' }, { status: 503 });
    await ply.run({ action: 'azure-ad.disable_user', arguments: { userPrincipalName: 'jdoe@contoso.example' }, configuration: t.configuration });
    expect(jdoe['accountEnabled']).toBe(false);
    t.faults.failNext.push(...Array.from({ length: 4 }, () => ({ status: 429 as const, retryAfter: '0' })));
    const limited = await plyErrorOf(ply.run({ action: 'azure-ad.enable_user', arguments: { userPrincipalName: 'jdoe@contoso.example' }, configuration: t.configuration }));
    expect(limited.message).toBe('Microsoft Entra ID kept limiting the rate (HTTP 429 after 4 attempts): TooManyRequests: Too many requests.');
  });

  it('times out on a slow Graph, and reports an HTML page as a malformed answer', async () => {
    const t = await start();
    t.state.addUser({ userPrincipalName: 'jdoe@contoso.example' });
    const { ply } = testPly();
    t.state.switches.malformedNext = true;
    expect((await plyErrorOf(ply.run({ action: 'azure-ad.get_user', arguments: { userPrincipalName: 'jdoe@contoso.example' }, configuration: t.configuration }))).code).toBe('PLY_VENDOR_RESPONSE_INVALID');
    t.faults.delayNextMs = 10_000;
    expect((await plyErrorOf(ply.run({ action: 'azure-ad.get_user', arguments: { userPrincipalName: 'jdoe@contoso.example' }, configuration: t.configuration, timeoutMs: 300 }))).code).toBe('PLY_ACTION_TIMEOUT');
  });

  it('says the client credentials were refused, and a missing permission, without the secret', async () => {
    const t = await start({ ...TENANT, roles: ['User.Read.All'] });
    t.state.addUser({ userPrincipalName: 'jdoe@contoso.example' });
    const { ply, logs } = testPly();
    const refused = await plyErrorOf(ply.run({ action: 'azure-ad.get_user', arguments: { userPrincipalName: 'jdoe@contoso.example' }, configuration: { ...t.configuration, client_secret: 'not-the-secret' } }));
    expect(refused.message).toBe('the token endpoint refused the client credentials (HTTP 401): invalid_client');
    const denied = await plyErrorOf(ply.run({ action: 'azure-ad.disable_user', arguments: { userPrincipalName: 'jdoe@contoso.example' }, configuration: t.configuration }));
    expect(denied.message).toBe('Microsoft Entra ID refused the credentials of the account (HTTP 403: Authorization_RequestDenied: Insufficient privileges to complete the operation.)');
    const noClient = await plyErrorOf(ply.run({ action: 'azure-ad.get_user', arguments: { userPrincipalName: 'jdoe@contoso.example' }, configuration: { tenant_id: TENANT.tenantId, authority_host: t.configuration['authority_host'], graph_url: t.configuration['graph_url'] } }));
    expect([noClient.code, noClient.message]).toEqual(['PLY_CONFIGURATION_INVALID', 'the account has no client_id, which an application token needs']);
    expectNoSecret(refused.message, refused.details, denied.message, logs.lines);
  });

  it('keeps the client secret out of a token endpoint error that quotes it raw, URL-encoded and in a header', async () => {
    const t = await start();
    const { ply, logs } = testPly();
    t.state.switches.echoSecretNext = true;
    const error = await plyErrorOf(ply.run({ action: 'azure-ad.get_user', arguments: { id: 'x' }, configuration: t.configuration }));
    expect(error.code).toBe('PLY_VENDOR_HTTP_ERROR');
    expectNoSecret(error.message, error.details, logs.lines);
  });

  it('checks an account: accepted, and refused with a wrong secret', async () => {
    const t = await start();
    const { ply } = testPly();
    await expect(ply.checkCredentials({ module: 'azure-ad', configuration: t.configuration })).resolves.toBeUndefined();
    expect(t.state.requests.at(-1)!.query.get('$top')).toBe('1');
    const refused = await plyErrorOf(ply.checkCredentials({ module: 'azure-ad', configuration: { ...t.configuration, client_secret: 'wrong' } }));
    expect(refused.message).toContain('the token endpoint refused the client credentials (HTTP 401)');
  });
});
