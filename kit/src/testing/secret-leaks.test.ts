import { describe, expect, it } from 'vitest';
import { secretLeaks } from './secret-leaks.js';

describe('secretLeaks', () => {
  const secret = 'key/with+plus=1';

  it('finds a secret as it is, URL-encoded or base64-encoded, naming where', () => {
    const leaks = secretLeaks(secret, { raw: `x ${secret} y`, url: `?key=${encodeURIComponent(secret)}`, basic: { auth: Buffer.from(`user:${secret}`).toString('base64') } });
    expect(leaks.map((leak) => leak.split(':')[0])).toEqual(['raw', 'url', 'basic']);
    expect(leaks[0]).toBe('raw: the secret');
    expect(leaks[1]).toContain(JSON.stringify(encodeURIComponent(secret)));
  });

  it('finds nothing where the secret was masked', () => {
    expect(secretLeaks(secret, { error: 'refused key [REDACTED]', results: { ok: true }, logs: '' })).toEqual([]);
  });
});
