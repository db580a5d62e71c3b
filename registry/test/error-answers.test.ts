import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { REGISTRY_ERRORS, type RegistryErrorCode } from '../src/index.js';
import { fixtureTarball, publishBody } from './package-fixture.js';
import { openSeededRegistry } from './test-registry.js';

let test: Awaited<ReturnType<typeof openSeededRegistry>>;
beforeEach(async () => {
  test = await openSeededRegistry();
});
afterEach(() => test.close());

async function expectCode(answer: Response | { response: Response; body: unknown }, code: RegistryErrorCode): Promise<void> {
  const { response, body } = answer instanceof Response ? { response: answer, body: await answer.json() } : answer;
  expect({ status: response.status, body }).toEqual({ status: REGISTRY_ERRORS[code].status, body: { code, error: expect.any(String) } });
}

const logLines = () => test.logs.lines.map((line) => JSON.parse(line) as Record<string, unknown>);

describe('error answers', () => {
  it("answers each refusal with a code of the registry's catalogue, at that code's status, with npm's error key", async () => {
    const auth = { authorization: `Bearer ${test.alice}` };
    await expectCode(await test.request('/no-such-package'), 'PLY_REGISTRY_PACKAGE_NOT_FOUND');
    await expectCode(await test.request('/-/no/such/route'), 'PLY_REGISTRY_ROUTE_NOT_FOUND');
    await expectCode(await test.request('/-/ply/v1/modules/plugin-echo'), 'PLY_REGISTRY_ROUTE_NOT_FOUND');
    await expectCode(await test.put('/plugin-echo', {}), 'PLY_REGISTRY_UNAUTHENTICATED');
    await expectCode(await test.request('/plugin-echo', { method: 'DELETE', headers: auth }), 'PLY_REGISTRY_IMMUTABLE');
    await expectCode(await test.request('/plugin-echo', { method: 'PUT', headers: auth, body: '{not json' }), 'PLY_REGISTRY_BODY_INVALID');
    await expectCode(await test.put('/plugin-echo', { versions: { '1.0.0': {}, '1.0.1': {} } }, test.alice), 'PLY_REGISTRY_PUBLISH_INVALID');
    await expectCode(await test.publish(test.alice, { name: 'plugin-echo', padding: 200 * 1024 }), 'PLY_REGISTRY_BODY_TOO_LARGE');
    await expectCode(await test.publish(test.alice, { name: 'plugin-echo', symlinks: { 'dist/passwd': '/etc/passwd' } }), 'PLY_REGISTRY_TARBALL_REJECTED');
    await test.publish(test.alice, { name: 'plugin-echo' });
    await expectCode(await test.publish(test.alice, { name: 'plugin-echo' }), 'PLY_REGISTRY_VERSION_EXISTS');
    await expectCode(await test.request('/-/package/plugin-echo/dist-tags/latest', { method: 'DELETE', headers: auth }), 'PLY_REGISTRY_TAG_INVALID');
  });

  it('answers an unexpected failure with a generic 500 and its request id, and logs the details only', async () => {
    await test.publish(test.alice, { name: 'plugin-echo' });
    writeFileSync(join(test.storage, 'packages', 'plugin-echo', 'modules', '1.0.0.json'), '{"truncated": ');
    const response = await test.request('/-/ply/v1/modules/plugin-echo/1.0.0');
    const body = (await response.json()) as { code: string; error: string; requestId: string };
    expect(response.status).toBe(500);
    expect(body).toEqual({ code: 'PLY_REGISTRY_INTERNAL', error: `internal error: the registry log has the details under request id ${body.requestId}`, requestId: response.headers.get('x-request-id') });
    expect(JSON.stringify(body)).not.toMatch(/JSON|Unexpected|truncated|1\.0\.0\.json/i);
    const logged = logLines().find((line) => line['msg'] === 'unexpected error');
    expect(logged).toMatchObject({ level: 50, requestId: body.requestId, error: expect.stringMatching(/JSON/) });
  });
});

describe('request logs', () => {
  it('logs one line per request through a child logger: request id, method, path, route, status, duration', async () => {
    const response = await test.request('/-/whoami', { headers: { authorization: `Bearer ${test.alice}`, 'x-request-id': 'caller-id-1' } });
    expect(response.headers.get('x-request-id')).toBe('caller-id-1');
    await test.request('/no-such-package');
    const requests = logLines().filter((line) => line['msg'] === 'request');
    expect(requests).toEqual([
      expect.objectContaining({ level: 30, requestId: 'caller-id-1', method: 'GET', path: '/-/whoami', route: '/-/whoami', status: 200, durationMs: expect.any(Number) }),
      expect.objectContaining({ requestId: expect.stringMatching(/^[0-9a-f]{16}$/), path: '/no-such-package', route: '/*', status: 404 }),
    ]);
    expect(test.logs.text()).not.toContain(test.alice);
  });

  it('ties what a route logs to its request', async () => {
    const tarball = await fixtureTarball({ name: 'plugin-echo' });
    const response = await test.request('/plugin-echo', {
      method: 'PUT',
      headers: { authorization: `Bearer ${test.alice}`, 'content-type': 'application/json', 'x-request-id': 'publish-1' },
      body: JSON.stringify(publishBody(tarball, 'plugin-echo', '1.0.0')),
    });
    expect(response.status).toBe(201);
    expect(logLines().filter((line) => line['requestId'] === 'publish-1').map((line) => line['msg'])).toEqual(['published', 'request']);
  });
});
