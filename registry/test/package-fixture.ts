import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { create } from 'tar';
import { sha1Hex, sha512Integrity } from '@ply/installer/package-format';

export interface FixtureOptions {
  name?: string;
  version?: string;
  manifestVersion?: string;
  /** The module slug in manifest.json (default `echo`). */
  slug?: string;
  categories?: string[];
  /** Replace or drop (undefined) files of the package, by path under `package/`. */
  files?: Record<string, string | undefined>;
  /** Add a symbolic link `package/<key>` -> value. */
  symlinks?: Record<string, string>;
  padding?: number;
}

/** A plugin package tarball made with the tar package, as `ply pack` or `npm pack` would. */
export async function fixtureTarball(options: FixtureOptions = {}): Promise<Buffer> {
  const name = options.name ?? '@acme/plugin-echo';
  const version = options.version ?? '1.0.0';
  const files: Record<string, string | undefined> = {
    'package.json': JSON.stringify({ name, version, description: 'Echo for tests', keywords: ['echo', 'testing'], type: 'module', exports: { '.': './dist/index.js' }, ply: { module: 'module' }, engines: { ply: '>=0.1.0' } }),
    'module/manifest.json': JSON.stringify({
      uuid: '6a2fb7d4-4cbb-4f6b-a5c3-0d8a6f4e1f01',
      slug: options.slug ?? 'echo',
      name: 'Echo',
      description: 'Echoes its arguments',
      version: options.manifestVersion ?? version,
      categories: options.categories ?? ['Generic'],
      configuration: { type: 'object', properties: {} },
    }),
    'module/action_echo.json': JSON.stringify({
      uuid: '2d0bb0a7-3f09-4a48-8b35-9f0e2cbd1b21',
      slug: 'echo',
      name: 'Echo',
      description: 'Returns the message',
      docker_parameters: 'echo',
      arguments: { type: 'object', properties: { message: { type: 'string' } }, required: ['message'] },
      results: { type: 'object', properties: { message: { type: 'string' } } },
    }),
    'dist/index.js': `export default { kind: 'plugin', module: { slug: ${JSON.stringify(options.slug ?? 'echo')} }, actions: {}, triggers: {}, connectors: {} };`,
    'README.md': '# Echo\n',
    ...(options.padding ? { 'dist/padding.bin': randomText(options.padding) } : {}),
    ...options.files,
  };
  const work = mkdtempSync(join(tmpdir(), 'ply-fixture-'));
  try {
    for (const [path, content] of Object.entries(files)) {
      if (content === undefined) continue;
      mkdirSync(dirname(join(work, 'package', path)), { recursive: true });
      writeFileSync(join(work, 'package', path), content);
    }
    for (const [path, target] of Object.entries(options.symlinks ?? {})) symlinkSync(target, join(work, 'package', path));
    await create({ gzip: true, file: join(work, 'out.tgz'), cwd: work, portable: true }, ['package']);
    return readFileSync(join(work, 'out.tgz'));
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** Incompressible filler, so size limits apply to the gzipped tarball too. */
function randomText(length: number): string {
  let text = '';
  let seed = 42;
  while (text.length < length) {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    text += seed.toString(36);
  }
  return text.slice(0, length);
}

/** The JSON body `npm publish` sends for one tarball. */
export function publishBody(tarball: Buffer, name: string, version: string, tags: Record<string, string> = { latest: version }) {
  const file = `${name.split('/').pop()}-${version}.tgz`;
  return {
    _id: name,
    name,
    'dist-tags': tags,
    versions: { [version]: { name, version, _id: `${name}@${version}`, dist: { integrity: sha512Integrity(tarball), shasum: sha1Hex(tarball), tarball: `http://localhost/${name}/-/${file}` } } },
    access: null,
    _attachments: { [file]: { content_type: 'application/octet-stream', data: tarball.toString('base64'), length: tarball.byteLength } },
  };
}
