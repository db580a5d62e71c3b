import { createTestPly, startFakeServer, type FakeServer } from '@ply/kit/testing';
import { createAzureAdPlugin } from '../src/index.js';
import { fakeEntra } from './fake-entra/fake-entra.js';
import type { TenantCredentials } from './fake-entra/token.js';

// A recognisable client secret and delegated password: the secret canaries of every test.
export const CLIENT_SECRET = 'Entra~Canary+Secret/42=';
export const DELEGATED_PASSWORD = 'Deleg@ted Canary%pass';

export const TENANT: TenantCredentials = {
  tenantId: '8f2b1c3d-0000-4a5b-9c8d-7e6f5a4b3c2d',
  clientId: '5a1e6c2f-1111-4d2b-8a9c-0b1c2d3e4f50',
  clientSecret: CLIENT_SECRET,
  roles: ['User.ReadWrite.All', 'User-PasswordProfile.ReadWrite.All', 'AuditLog.Read.All', 'Directory.Read.All', 'UserAuthenticationMethod.Read.All', 'Application.ReadWrite.All', 'GroupMember.Read.All'],
  delegated: { username: 'helpdesk@contoso.example', password: DELEGATED_PASSWORD },
};

/** A fake tenant on 127.0.0.1 and the account that reaches it. */
export async function startTenant(tenant: TenantCredentials = TENANT): Promise<ReturnType<typeof fakeEntra> & { server: FakeServer; configuration: Record<string, unknown> }> {
  const fake = fakeEntra(tenant);
  const server = await startFakeServer(fake.app.fetch);
  const root = server.url.replace(/\/$/, '');
  return {
    ...fake,
    server,
    configuration: { tenant_id: tenant.tenantId, client_id: tenant.clientId, client_secret: tenant.clientSecret, username: tenant.delegated?.username, password: tenant.delegated?.password, authority_host: root, graph_url: root },
  };
}

/** A test Ply running the plugin (polls a few milliseconds apart). */
export function testPly() {
  return createTestPly({ plugins: [{ plugin: createAzureAdPlugin({ pollIntervalMs: 5 }) }] });
}

/** Everything that leaves a run must hold neither canary, in any form. */
export function secretForms(): string[] {
  return [CLIENT_SECRET, encodeURIComponent(CLIENT_SECRET), new URLSearchParams({ s: CLIENT_SECRET }).toString().slice(2), DELEGATED_PASSWORD, encodeURIComponent(DELEGATED_PASSWORD), new URLSearchParams({ s: DELEGATED_PASSWORD }).toString().slice(2)];
}
