import { Hono } from 'hono';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConsoleClient, setupConsole } from './console-fixture.js';

describe('console sign-in, sessions and CSRF', () => {
  let fixture: Awaited<ReturnType<typeof setupConsole>>;
  beforeEach(async () => {
    fixture = await setupConsole();
  });
  afterEach(async () => fixture.close());

  it('sends a visitor without a session to the sign-in page, remembering where they were going', async () => {
    const response = await fixture.app.request('/executions?status=failed');
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/sign-in?next=%2Fexecutions%3Fstatus%3Dfailed');
  });

  it('signs in with a token: a fresh HttpOnly, SameSite=Strict session cookie that is not the token, and no page shows the token', async () => {
    const client = new ConsoleClient(fixture.app);
    const page = await client.request('/sign-in');
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
    const anonymous = client.cookie;
    const csrf = /name="_csrf" value="([^"]+)"/.exec(await page.text())![1]!;
    const signedIn = await client.request('/sign-in', { form: { _csrf: csrf, token: fixture.tokens.admin, next: '/accounts' } });
    expect(signedIn.status).toBe(303);
    expect(signedIn.headers.get('location')).toBe('/accounts');
    const cookie = signedIn.headers.get('set-cookie')!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).not.toContain(fixture.tokens.admin);
    // The session id changes at sign-in, so an id planted before is worthless.
    expect(client.cookie).not.toBe(anonymous);
    const accounts = await client.text('/accounts');
    expect(accounts).toContain('admin-console');
    expect(accounts).not.toContain(fixture.tokens.admin);
  });

  it('after sign-in, redirects only to a same-origin path as the browser would read it (tabs, CR/LF, backslashes)', async () => {
    const browserTarget = (location: string) => new URL(location, 'http://console.test/');
    for (const next of ['/\t/evil.example', '/\t\t/evil.example/x', '\n//evil.example', '/\\evil.example', '/\r\n/evil.example', 'https://evil.example/', '//evil.example', ' /\t/evil.example']) {
      const client = new ConsoleClient(fixture.app);
      const csrf = await client.csrf('/sign-in');
      const response = await client.request('/sign-in', { form: { _csrf: csrf, token: fixture.tokens.admin, next } });
      expect(response.status, JSON.stringify(next)).toBe(303);
      expect(browserTarget(response.headers.get('location')!).origin, JSON.stringify(next)).toBe('http://console.test');
    }
    const client = new ConsoleClient(fixture.app);
    const csrf = await client.csrf('/sign-in');
    const kept = await client.request('/sign-in', { form: { _csrf: csrf, token: fixture.tokens.admin, next: '/executions?status=failed#top' } });
    expect(kept.headers.get('location')).toBe('/executions?status=failed#top');
  });

  it('answers a next with CR or LF with a redirect, not a 500', async () => {
    const client = new ConsoleClient(fixture.app);
    const csrf = await client.csrf('/sign-in');
    const response = await client.request('/sign-in', { form: { _csrf: csrf, token: fixture.tokens.admin, next: '/accounts\r\nSet-Cookie: x=1' } });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).not.toMatch(/[\r\n]/);
    expect(response.headers.get('set-cookie')).not.toContain('x=1');
    const signedIn = new ConsoleClient(fixture.app);
    signedIn.cookie = client.cookie;
    expect((await signedIn.request('/sign-in?next=%2F%0d%0a%2Fevil.example')).headers.get('location')).not.toMatch(/[\r\n]|evil/);
  });

  it('refuses a wrong token with 401 and does not echo it back', async () => {
    const client = new ConsoleClient(fixture.app);
    const csrf = await client.csrf('/sign-in');
    const wrong = 'ply_not-a-real-token-but-looks-like-one';
    const response = await client.request('/sign-in', { form: { _csrf: csrf, token: wrong } });
    expect(response.status).toBe(401);
    const text = await response.text();
    expect(text).toContain('This token is not valid');
    expect(text).not.toContain(wrong);
    expect((await client.request('/accounts')).status).toBe(303);
  });

  it('refuses a sign-in form without the CSRF token of its session', async () => {
    const client = new ConsoleClient(fixture.app);
    await client.request('/sign-in');
    const response = await client.request('/sign-in', { form: { _csrf: 'forged', token: fixture.tokens.admin } });
    expect(response.status).toBe(403);
    expect((await client.request('/accounts')).status).toBe(303);
  });

  it('refuses a POST without the CSRF token, with another session\'s token, or from another origin, and changes nothing', async () => {
    const admin = await fixture.client('admin');
    const other = await fixture.client('admin');
    const form = { module: 'forms', name: 'acme', 'config.base_url': 'https://api.example.org/', 'config.api_key': 'abcdefghij', 'config.region': 'eu' };
    expect((await admin.request('/accounts', { form })).status).toBe(403);
    expect((await admin.request('/accounts', { form: { ...form, _csrf: await other.csrf('/accounts') } })).status).toBe(403);
    const foreign = await admin.request('/accounts', { form: { ...form, _csrf: await admin.csrf('/accounts') }, headers: { origin: 'https://evil.example' } });
    expect(foreign.status).toBe(403);
    expect(await fixture.runtime.store.accounts.list()).toEqual([]);
    expect((await admin.post('/accounts', form)).status).toBe(303);
    expect((await fixture.runtime.store.accounts.list()).map((a) => a.name)).toEqual(['acme']);
  });

  it('ends the session at sign-out, and when its token is revoked', async () => {
    const admin = await fixture.client('admin');
    expect((await admin.post('/sign-out', {})).status).toBe(303);
    expect((await admin.request('/accounts')).status).toBe(303);

    const viewer = await fixture.client('viewer');
    expect((await viewer.request('/accounts')).status).toBe(200);
    await fixture.runtime.store.tokens.revoke('viewer-console');
    expect((await viewer.request('/accounts')).status).toBe(303);
  });

  it('redirects only to paths of this site after sign-in', async () => {
    const client = new ConsoleClient(fixture.app);
    const csrf = await client.csrf('/sign-in');
    const response = await client.request('/sign-in', { form: { _csrf: csrf, token: fixture.tokens.viewer, next: '//evil.example/x' } });
    expect(response.headers.get('location')).toBe('/');
  });

  it('mounts at / beside an API without touching its routes, and keeps its own error pages', async () => {
    const server = new Hono();
    server.onError((error, c) => c.json({ error: error.message }, 500));
    server.route('/', fixture.app);
    server.get('/api/v1/health', (c) => c.json({ status: 'ok' }));
    expect(await (await server.request('/api/v1/health')).json()).toEqual({ status: 'ok' });
    const client = new ConsoleClient(server);
    await client.signIn(fixture.tokens.viewer);
    const missing = await client.request('/executions/0000');
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await missing.text()).toContain('PLY_EXECUTION_NOT_FOUND');
  });
});
