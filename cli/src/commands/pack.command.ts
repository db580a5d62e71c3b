import { existsSync } from 'node:fs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PlyError } from '@ply/core';
import { packPlugin } from '@ply/kit';
import { publishTarball } from '@ply/installer';
import { printJson, type Output } from '../output.js';
import { statusLine } from '../progress.js';

export interface PackOptions {
  outDir?: string;
}

/** `ply pack [dir]`: one tarball with the bundled code, the module JSON, README and CHANGELOG. */
export async function packCommand(output: Output, dir: string | undefined, options: PackOptions): Promise<void> {
  const status = statusLine(output, `packing ${dir ?? '.'} (bundling its code)`);
  const result = await packPlugin(dir ?? process.cwd(), options.outDir ?? process.cwd());
  status.done();
  if (output.json) return printJson(output, result);
  output.out(`packed ${result.name}@${result.version}: ${result.files.join(', ')}`);
  output.out(`${result.size} bytes, ${result.integrity}`);
  output.out(result.file);
}

export interface PublishOptions {
  registry?: string;
  token?: string;
  tag?: string;
}

/** `ply publish [tarball|dir]`: packs the plugin unless given a .tgz, then publishes it. */
export async function publishCommand(output: Output, target: string | undefined, options: PublishOptions): Promise<void> {
  const registry = options.registry ?? process.env['PLY_REGISTRY'];
  if (!registry) throw new PlyError('PLY_INVALID_INPUT', 'no registry: pass --registry URL or set PLY_REGISTRY');
  const token = options.token ?? process.env['PLY_REGISTRY_TOKEN'];
  let scratch: string | undefined;
  try {
    let file = target;
    if (!file || !file.endsWith('.tgz')) {
      if (file && !existsSync(file)) throw new PlyError('PLY_INVALID_INPUT', `no such plugin folder: ${file}`);
      scratch = mkdtempSync(join(tmpdir(), 'ply-publish-'));
      file = (await packPlugin(file ?? process.cwd(), scratch)).file;
    }
    const result = await publishTarball(file, registry, token, options.tag);
    if (output.json) return printJson(output, result);
    output.out(`published ${result.name}@${result.version} to ${result.registry}`);
  } finally {
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  }
}
