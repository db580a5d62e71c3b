import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestPly, plyErrorOf, startFakeServer, type FakeServer } from '@ply/kit/testing';
import plugin from '../src/index.js';
import { PUBLIC_SUFFIX_LIST_URL } from '../src/module.js';
import { fakePublicSuffix } from './fake-publicsuffix.js';

const moduleDir = fileURLToPath(new URL('../module', import.meta.url));

let servers: FakeServer[] = [];
afterEach(async () => {
  await Promise.all(servers.map((server) => server.close()));
  servers = [];
});

async function setup(path = 'list/public_suffix_list.dat') {
  const fake = fakePublicSuffix();
  const server = await startFakeServer(fake.app.fetch);
  servers.push(server);
  const { ply, logs, home } = createTestPly({ plugins: [{ moduleDir, plugin }] });
  const run = (extra: { timeoutMs?: number } = {}) => ply.run({ action: 'public-suffix.get_private_domains', arguments: {}, configuration: { url: `${server.url}${path}` }, ...extra });
  return { fake, logs, home, run };
}

describe('Public Suffix: Get Private Domains through the executor', () => {
  it('writes the private section, wildcards reduced and ICANN rules left out, to a file of the run', async () => {
    const { fake, run, home } = await setup();
    const result = await run();
    const { domains_path: path, count } = result.results as { domains_path: string; count: number };
    const domains = JSON.parse(readFileSync(join(home, 'runs', result.runId, path), 'utf8')) as string[];
    expect(domains).toEqual(['cc.ua', 'inf.ua', 'ltd.ua', 'adobeaemcloud.com', 'adobeaemcloud.net', 'dev.adobeaemcloud.com', 'github.io']);
    expect(count).toBe(7);
    expect(fake.requests).toEqual(['/list/public_suffix_list.dat']);
  });

  it('downloads the official list by default', () => {
    const manifest = JSON.parse(readFileSync(join(moduleDir, 'manifest.json'), 'utf8')) as { configuration: { properties: { url: { default: string } }; required?: string[] } };
    expect(manifest.configuration.properties.url.default).toBe(PUBLIC_SUFFIX_LIST_URL);
    expect(manifest.configuration.required ?? []).toEqual([]);
  });

  it('says where the list was not found (404)', async () => {
    const { run } = await setup('list/moved.dat');
    const error = await plyErrorOf(run());
    expect(error.code).toBe('PLY_VENDOR_HTTP_ERROR');
    expect(error.message).toMatch(/^the Public Suffix List was not found at http:\/\/127\.0\.0\.1:\d+\/list\/moved\.dat \(HTTP 404\)$/);
  });

  it('waits for Retry-After on 429 and retries a 5xx download, then reports the status when retries run out', async () => {
    const { fake, run } = await setup();
    fake.faults.failNext.push({ status: 429, retryAfter: '0' }, { status: 502 });
    expect(((await run()).results as { count: number }).count).toBe(7);
    expect(fake.requests).toHaveLength(3);
    fake.faults.failNext.push({ status: 503 }, { status: 503 }, { status: 503 }, { status: 503 });
    const error = await plyErrorOf(run());
    expect(error.details).toMatchObject({ status: 503, attempts: 4 });
  });

  it('times out when the server does not answer within the run deadline', async () => {
    const { fake, run } = await setup();
    fake.faults.delayNextMs = 5_000;
    expect((await plyErrorOf(run({ timeoutMs: 200 }))).code).toBe('PLY_ACTION_TIMEOUT');
  });

  it('refuses a text that is not the list, writing no file', async () => {
    const { run, home } = await setup('list/not-the-list.dat');
    const error = await plyErrorOf(run());
    expect(error.code).toBe('PLY_VENDOR_RESPONSE_INVALID');
    expect(error.message).toContain('not the Public Suffix List');
    expect(existsSync(join(home, 'runs'))).toBe(false);
  });

  it('refuses a configured URL that is not a URL, naming it', async () => {
    const { ply } = createTestPly({ plugins: [{ moduleDir, plugin }] });
    const error = await plyErrorOf(ply.run({ action: 'public-suffix.get_private_domains', arguments: {}, configuration: { url: 'not a url' } }));
    expect(error.code).toBe('PLY_CONFIGURATION_INVALID');
    expect(error.message).toContain('/url');
  });
});
