import { describe, expect, it } from 'vitest';
import { Redactor } from './redactor.js';

// The key that leaked URL-encoded through a vendor's error message, the log and the CLI.
const KEY = 'Sekr3t+key/with=chars&x';

describe('Redactor', () => {
  const redactor = new Redactor(new Set([KEY]));

  it('masks a secret raw, URL-encoded (path, query and form style, either hex case) and JSON-escaped', () => {
    for (const form of [KEY, encodeURIComponent(KEY), encodeURIComponent(KEY).toLowerCase().replace(/sekr3t/, 'Sekr3t'), new URLSearchParams({ k: KEY }).toString().slice(2), JSON.stringify(KEY).slice(1, -1)]) {
      const text = `vendor said: bad key "${form}" (request /v1/x?key=${form})`;
      expect(redactor.redactString(text), form).not.toContain(form);
      expect(redactor.redactString(text)).toContain('[REDACTED]');
    }
  });

  it('masks a secret base64-encoded on its own and inside a longer base64 text such as HTTP Basic', () => {
    const alone = Buffer.from(KEY).toString('base64');
    const basic = Buffer.from(`analyst:${KEY}`).toString('base64');
    const urlSafe = Buffer.from(`x${KEY}`).toString('base64url');
    for (const text of [`token ${alone}`, `Authorization: Basic ${basic}`, `cookie=${urlSafe}`]) {
      const masked = redactor.redactString(text);
      expect(masked).toContain('[REDACTED]');
      // What is left cannot be decoded back to the key.
      for (const word of masked.split(/[\s=:]+/)) expect(Buffer.from(word, 'base64').toString('utf8')).not.toContain(KEY);
    }
  });

  it('leaves ordinary text alone and masks values under secret-looking keys', () => {
    expect(redactor.redactString('nothing secret here, 42 items')).toBe('nothing secret here, 42 items');
    expect(redactor.redact({ api_key: 'anything', nested: { note: `see ${encodeURIComponent(KEY)}` } })).toEqual({ api_key: '[REDACTED]', nested: { note: 'see [REDACTED]' } });
  });

  it('masks the meaningful parts of a secret: the path and query of a hook URL, a token without its scheme', () => {
    const hook = 'https://chat.example.org/hooks/xq8nd7a2kjbw3m1z?sig=Zk2p9';
    const urls = new Redactor(new Set([hook, 'Bearer eyJhbGciOi.payload.sig123']));
    const page = urls.redactString('404: no hook at /hooks/xq8nd7a2kjbw3m1z?sig=Zk2p9 (also tried /hooks/xq8nd7a2kjbw3m1z); token eyJhbGciOi.payload.sig123 refused');
    expect(page).not.toContain('xq8nd7a2kjbw3m1z');
    expect(page).not.toContain('eyJhbGciOi.payload.sig123');
    expect(page).toContain('404: no hook at');
  });
});
