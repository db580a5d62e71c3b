import { afterEach, describe, expect, it } from 'vitest';
import { setupConsole } from './console-fixture.js';

describe('console Marketplace pages without a reachable registry', () => {
  let fixture: Awaited<ReturnType<typeof setupConsole>> | undefined;
  afterEach(async () => fixture?.close());

  it('says how to configure a registry when none is set', async () => {
    fixture = await setupConsole();
    const viewer = await fixture.client('viewer');
    expect(await viewer.text('/marketplace')).toContain('No registry is configured');
  });

  it('shows the failure when the registry cannot be reached, without a 500', async () => {
    // Port 9 (discard) on loopback: nothing listens there.
    fixture = await setupConsole({ registry: 'http://127.0.0.1:9/' });
    const admin = await fixture.client('admin');
    const list = await admin.request('/marketplace');
    expect(list.status).toBe(200);
    expect(await list.text()).toContain('is unreachable');
    const module = await admin.request('/marketplace/@ply/plugin-mattermost');
    expect(module.status).toBe(502);
    const install = await admin.post('/marketplace/install', { name: '@ply/plugin-mattermost' }, '/accounts');
    expect(install.status).toBe(303);
    expect(install.headers.get('location')).toBe('/marketplace/@ply/plugin-mattermost');
    expect(await admin.text('/accounts')).toContain('Install failed: PLY_REGISTRY_ERROR');
  });

  it('refuses install, upgrade, rollback and uninstall to viewers and operators with 403', async () => {
    fixture = await setupConsole({ registry: 'http://127.0.0.1:9/' });
    for (const role of ['viewer', 'operator'] as const) {
      const client = await fixture.client(role);
      for (const operation of ['install', 'upgrade', 'rollback', 'uninstall']) {
        const response = await client.post(`/marketplace/${operation}`, { name: '@ply/plugin-mattermost', slug: 'mattermost' }, '/accounts');
        expect(response.status, `${role} ${operation}`).toBe(403);
        // Refused for the role (the form carried its session's CSRF token).
        expect(await response.text()).toContain(`This needs the admin role; you are signed in as ${role}.`);
      }
    }
  });
});
