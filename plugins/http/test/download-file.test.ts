import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { plyErrorOf } from '@ply/kit/testing';
import { httpPly } from './http-harness.js';

describe('Download File through the executor', () => {
  it('streams the body to <uuid>/<name from the URL> in the run data folder', async () => {
    const t = await httpPly();
    try {
      const results = await t.run('download_file', { url: `${t.url}files/report%202024.pdf`, headers: { 'x-trace': 'abc' } });
      expect(results['file_relative_path']).toMatch(/^[0-9a-f-]{36}\/report 2024\.pdf$/);
      expect(results['file_path']).toBe(join(t.dataDir, results['file_relative_path'] as string));
      expect(readFileSync(results['file_path'] as string, 'utf8')).toBe('content of report 2024.pdf');
      expect(t.web.received.at(-1)!.headers['x-trace']).toBe('abc');
    } finally {
      await t.close();
    }
  });

  it('names the file after Content-Disposition (filename* first), keeping no folder part a server sends', async () => {
    const t = await httpPly();
    try {
      expect((await t.run('download_file', { url: `${t.url}disposition?kind=extended` }))['file_relative_path']).toMatch(/\/résumé\.txt$/);
      const hostile = await t.run('download_file', { url: `${t.url}disposition` });
      expect(hostile['file_relative_path']).toMatch(/^[0-9a-f-]{36}\/evil name\.txt$/);
      expect(readFileSync(hostile['file_path'] as string, 'utf8')).toBe('disposed');
    } finally {
      await t.close();
    }
  });

  it('refuses a file larger than max_size, announced or not, and leaves nothing behind', async () => {
    const t = await httpPly();
    try {
      const declared = await plyErrorOf(t.ply.run(t.request('download_file', { url: `${t.url}big?size=5000&declared=1`, max_size: 4096 })));
      expect(declared.code).toBe('PLY_VENDOR_RESPONSE_INVALID');
      expect(declared.message).toContain('5000 bytes, more than max_size (4096 bytes)');
      const streamed = await plyErrorOf(t.ply.run(t.request('download_file', { url: `${t.url}big?size=200000`, max_size: 50_000 })));
      expect(streamed.message).toContain('larger than max_size (50000 bytes)');
      expect(existsSync(t.dataDir) ? readdirSync(t.dataDir) : []).toEqual([]);
      const fits = await t.run('download_file', { url: `${t.url}big?size=200000`, max_size: 200_000 });
      expect(readFileSync(fits['file_path'] as string).length).toBe(200_000);
    } finally {
      await t.close();
    }
  });

  it('fails on 404 naming the status, retries a 503, and times out with the run deadline', async () => {
    const t = await httpPly();
    try {
      const missing = await plyErrorOf(t.ply.run(t.request('download_file', { url: `${t.url}status/404` })));
      expect([missing.code, missing.details['status']]).toEqual(['PLY_VENDOR_HTTP_ERROR', 404]);
      const retried = await t.run('download_file', { url: `${t.url}flaky/file?failures=1` });
      expect(readFileSync(retried['file_path'] as string, 'utf8')).toBe('{"attempt":2}');
      expect((await plyErrorOf(t.ply.run(t.request('download_file', { url: `${t.url}hang` }, { timeoutMs: 150 })))).code).toBe('PLY_ACTION_TIMEOUT');
    } finally {
      await t.close();
    }
  });
});
