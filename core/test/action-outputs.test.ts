import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createTestPly, plyErrorOf } from '@ply/kit/testing';
import { buildModuleFiles, defineModule } from '../src/index.js';
import { useRecordingVendors } from './recording-vendor.js';

// Sekoia's `outputs`: named branches an action's results select (`set_output("known", True)`),
// declared in the action's JSON and reported with each run.
const vendor = useRecordingVendors();

const OUTPUTS = { known: 'the address is known', unknown: 'the address is unknown' } as const;

function lookupPlugin(select: (results: { exists: boolean }) => string | readonly string[]) {
  const acme = defineModule({
    uuid: '0b7f2d6e-0000-4c57-9d7e-0000000000e0',
    slug: 'acme',
    name: 'Acme Intel',
    description: 'A REST API',
    categories: ['Threat Intelligence'],
    configuration: z.object({ base_url: z.string() }),
    engines: { ply: '>=0.1.0' },
    http: { baseUrl: (config) => config.base_url },
  });
  const exists = acme.restAction({
    uuid: '0b7f2d6e-0000-4c57-9d7e-0000000000e1',
    slug: 'ip_exists',
    name: 'IP exists',
    description: 'Known or not',
    docker_parameters: 'acme_exists',
    method: 'GET',
    path: 'exists',
    arguments: z.object({ ip: z.string() }),
    results: z.object({ exists: z.boolean() }),
    outputs: OUTPUTS,
    selectOutputs: select,
  });
  const plain = acme.restAction({
    uuid: '0b7f2d6e-0000-4c57-9d7e-0000000000e2',
    slug: 'ip_plain',
    name: 'IP',
    description: 'No branches',
    docker_parameters: 'acme_plain',
    method: 'GET',
    path: 'exists',
    arguments: z.object({ ip: z.string() }),
    results: z.object({ exists: z.boolean() }),
  });
  return acme.plugin({ actions: [exists, plain] });
}

async function knownApi() {
  return vendor((app) => app.get('/exists', (c) => c.json({ exists: c.req.query('ip') === '192.0.2.1' })));
}

describe('action outputs', () => {
  it('reports, for every declared output, whether the results selected it', async () => {
    const api = await knownApi();
    const { ply } = createTestPly({ plugins: [{ plugin: lookupPlugin((results) => (results.exists ? 'known' : 'unknown')) }] });
    const known = await ply.run({ action: 'acme.ip_exists', arguments: { ip: '192.0.2.1' }, configuration: { base_url: api.url } });
    expect(known.outputs).toEqual({ known: true, unknown: false });
    const unknown = await ply.run({ action: 'acme.ip_exists', arguments: { ip: '198.51.100.7' }, configuration: { base_url: api.url } });
    expect(unknown.outputs).toEqual({ known: false, unknown: true });
  });

  it('reports no outputs for an action that declares none', async () => {
    const api = await knownApi();
    const { ply } = createTestPly({ plugins: [{ plugin: lookupPlugin(() => 'known') }] });
    const result = await ply.run({ action: 'acme.ip_plain', arguments: { ip: '192.0.2.1' }, configuration: { base_url: api.url } });
    expect(result).not.toHaveProperty('outputs');
  });

  it('fails the run, naming it, when the results select an output the action does not declare', async () => {
    const api = await knownApi();
    const { ply } = createTestPly({ plugins: [{ plugin: lookupPlugin(() => ['known', 'maybe']) }] });
    const error = await plyErrorOf(ply.run({ action: 'acme.ip_exists', arguments: { ip: '192.0.2.1' }, configuration: { base_url: api.url } }));
    expect(error.code).toBe('PLY_RESULTS_INVALID');
    expect(error.message).toContain('selected "maybe", which it does not declare among its outputs (known, unknown)');
  });

  it("writes the outputs into the action's JSON as Sekoia's files hold them, and nothing for an action without", () => {
    const files = buildModuleFiles(lookupPlugin(() => 'known'), '1.0.0');
    expect(JSON.parse(files.get('action_ip_exists.json')!)).toMatchObject({ outputs: OUTPUTS });
    expect(JSON.parse(files.get('action_ip_plain.json')!)).not.toHaveProperty('outputs');
  });
});
