import { describe, expect, it } from 'vitest';
import { secretLeaks } from './secret-leaks.js';

describe('secretLeaks', () => {
  const secret = 'key/with+plus=';

  it('finds a secret in every form it travels in, naming where', () => {
    expect(secretLeaks(secret, { raw: `x ${secret} y`, url: `?key=${encodeURIComponent(secret)}`, basic: { auth: Buffer.from(secret).toString('base64') } })).toEqual([
      'raw: the raw secret',
      'url: the URL-encoded secret',
      'basic: the base64 secret',
    ]);
  });

  it('finds nothing where the secret was masked', () => {
    expect(secretLeaks(secret, { error: 'refused key [REDACTED]', results: { ok: true }, logs: '' })).toEqual([]);
  });
});
