import type { RawEntry } from './tar-builder.js';

export interface FixtureOptions {
  name?: string;
  version?: string;
  manifestVersion?: string;
  slug?: string;
  engines?: string;
  /** Properties of the `echo` action's arguments, and which are required. */
  argumentsSchema?: Record<string, unknown>;
  code?: string;
}

/** A small installable plugin package (package.json, manifest, one action, ESM code) as tar entries. */
export function moduleEntries(options: FixtureOptions = {}): RawEntry[] {
  const version = options.version ?? '1.0.0';
  const slug = options.slug ?? 'echo';
  const pkg = { name: options.name ?? '@test/plugin-echo', version, type: 'module', exports: { '.': './dist/index.js' }, ply: { module: 'module' }, engines: { ply: options.engines ?? '>=0.1.0' } };
  const manifest = {
    uuid: '6a2fb7d4-4cbb-4f6b-a5c3-0d8a6f4e1f01',
    slug,
    name: 'Echo',
    description: 'Echoes its arguments',
    version: options.manifestVersion ?? version,
    categories: ['Generic'],
    engines: { ply: options.engines ?? '>=0.1.0' },
    configuration: { type: 'object', properties: {} },
  };
  const action = {
    uuid: '2d0bb0a7-3f09-4a48-8b35-9f0e2cbd1b21',
    slug: 'echo',
    name: 'Echo',
    description: 'Returns the message',
    docker_parameters: 'echo',
    arguments: options.argumentsSchema ?? { type: 'object', properties: { message: { type: 'string' } }, required: ['message'] },
    results: { type: 'object', properties: { message: { type: 'string' } } },
  };
  const code =
    options.code ??
    `const echo = { run: (_ctx, args) => ({ message: args.message }) };
export default { kind: 'plugin', module: { slug: '${slug}' }, actions: { echo }, triggers: {}, connectors: {} };`;
  return [
    { path: 'package/', type: '5' },
    { path: 'package/package.json', data: JSON.stringify(pkg) },
    { path: 'package/module/manifest.json', data: JSON.stringify(manifest) },
    { path: 'package/module/action_echo.json', data: JSON.stringify(action) },
    { path: 'package/dist/index.js', data: code },
  ];
}
