import { defineModule } from '@ply/core';
import { generatedModuleDir, startFakeServer, type FakeServer } from '@ply/kit/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { setupConsole } from './console-fixture.js';

const GOOD_KEY = 'good-key-0123456789';
const BAD_KEY = 'wrong-key-9876543210';

/** A module whose validation request is `GET me` with a bearer token (checked by the fake below). */
const checked = defineModule({
  uuid: '5c0e7a10-0000-4000-8000-00000000c100',
  slug: 'checked',
  name: 'Checked',
  description: 'A module with a credentials check',
  categories: ['Generic'],
  configuration: z.object({ base_url: z.url(), api_key: z.string().meta({ secret: true }) }),
  engines: { ply: '>=0.1.0' },
  http: { baseUrl: (config) => config.base_url, auth: { type: 'bearer', token: (config) => config.api_key } },
  check: { path: 'me' },
});
const checkedPlugin = checked.plugin({ actions: [] });

/** The vendor side of the check: `GET /me` answers 200 for the good key and 401 for any other. */
function vendor(request: Request): Response {
  if (new URL(request.url).pathname !== '/me') return Response.json({ error: 'not found' }, { status: 404 });
  if (request.headers.get('authorization') !== `Bearer ${GOOD_KEY}`) return Response.json({ error: 'invalid token' }, { status: 401 });
  return Response.json({ user: 'alice' });
}

describe('console: check credentials of an account', () => {
  let fixture: Awaited<ReturnType<typeof setupConsole>>;
  let server: FakeServer;
  beforeEach(async () => {
    fixture = await setupConsole();
    fixture.runtime.ply.addPlugin(generatedModuleDir(checkedPlugin), checkedPlugin);
    server = await startFakeServer(vendor);
  });
  afterEach(async () => {
    await server.close();
    await fixture.close();
  });

  const account = (name: string, key: string) => fixture.runtime.store.accounts.create({ module: 'checked', name, configuration: { base_url: server.url, api_key: key }, secretKeys: ['api_key'] });

  it('says the credentials were accepted when the vendor answers the validation request', async () => {
    const { id } = await account('good', GOOD_KEY);
    const operator = await fixture.client('operator');
    expect(await operator.text(`/accounts/${id}`)).toContain('Check credentials');
    const checkedAnswer = await operator.post(`/accounts/${id}/check`, {}, `/accounts/${id}`);
    expect([checkedAnswer.status, checkedAnswer.headers.get('location')]).toEqual([303, `/accounts/${id}`]);
    expect(await operator.text(`/accounts/${id}`)).toMatch(/Credentials accepted: checked answered the validation request/);
  });

  it("shows the vendor's refusal without the key, and says so when a module has no check", async () => {
    const { id } = await account('bad', BAD_KEY);
    const admin = await fixture.client('admin');
    await admin.post(`/accounts/${id}/check`, {}, `/accounts/${id}`);
    const html = await admin.text(`/accounts/${id}`);
    expect(html).toContain('Credentials refused: PLY_VENDOR_HTTP_ERROR: Checked refused the credentials of the account (HTTP 401: invalid token)');
    expect(html).not.toContain(BAD_KEY);
    const forms = await fixture.runtime.store.accounts.create({ module: 'forms', name: 'plain', configuration: { base_url: 'https://api.example.org/', api_key: 'sk-plain-0123456789', region: 'eu' }, secretKeys: ['api_key'] });
    await admin.post(`/accounts/${forms.id}/check`, {}, `/accounts/${forms.id}`);
    expect(await admin.text(`/accounts/${forms.id}`)).toContain('Not checked: module forms declares no validation request.');
  });

  it('hides the button from a viewer and refuses the check with 403', async () => {
    const { id } = await account('good', GOOD_KEY);
    const viewer = await fixture.client('viewer');
    expect(await viewer.text(`/accounts/${id}`)).not.toContain('Check credentials');
    expect((await viewer.post(`/accounts/${id}/check`, {}, `/accounts/${id}`)).status).toBe(403);
  });
});
