import { afterEach, describe, expect, it } from 'vitest';
import { ConsoleClient, setupConsole } from './console-fixture.js';

// Issue #21 item 17: behind a proxy that terminates TLS, the console sees plain HTTP; its session
// cookie must still be Secure, and its forms must still pass the Origin check.

let fixture: Awaited<ReturnType<typeof setupConsole>> | undefined;
afterEach(async () => {
  await fixture?.close();
  fixture = undefined;
});

async function signInCookie(client: ConsoleClient, token: string, headers: Record<string, string> = {}): Promise<string> {
  const csrf = await client.csrf('/sign-in');
  const response = await client.request('/sign-in', { form: { _csrf: csrf, token, next: '/accounts' }, headers });
  expect(response.status).toBe(303);
  return response.headers.get('set-cookie') ?? '';
}

describe('the console behind a TLS-terminating proxy', () => {
  it('sets a Secure session cookie and accepts forms from the public origin when a public https URL is configured', async () => {
    fixture = await setupConsole({ publicUrl: 'https://ply.example.com/' });
    const client = new ConsoleClient(fixture.app);
    const cookie = await signInCookie(client, fixture.tokens.admin, { origin: 'https://ply.example.com' });
    expect(cookie).toMatch(/;\s*Secure/i);
    expect(cookie).toMatch(/HttpOnly/i);
    // A form from another origin is still refused.
    const other = new ConsoleClient(fixture.app);
    const csrf = await other.csrf('/sign-in');
    const foreign = await other.request('/sign-in', { form: { _csrf: csrf, token: fixture.tokens.admin }, headers: { origin: 'http://127.0.0.1' } });
    expect(foreign.status).toBe(403);
  });

  it('trusts X-Forwarded-Proto only when told to trust the proxy', async () => {
    fixture = await setupConsole({ trustProxy: true });
    expect(await signInCookie(new ConsoleClient(fixture.app), fixture.tokens.admin, { 'x-forwarded-proto': 'https' })).toMatch(/;\s*Secure/i);
    await fixture.close();
    fixture = await setupConsole();
    expect(await signInCookie(new ConsoleClient(fixture.app), fixture.tokens.admin, { 'x-forwarded-proto': 'https' })).not.toMatch(/Secure/i);
  });

  it('refuses a public URL that is not http(s), naming the setting', async () => {
    await expect(setupConsole({ publicUrl: 'ftp://ply.example.com' })).rejects.toThrow(/PLY_PUBLIC_URL/);
  });
});
