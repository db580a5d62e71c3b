import { PlyError } from '@ply/core';

/**
 * Bundles a plugin entry and its own dependencies into one ESM file. `@ply/core` stays external:
 * every installed plugin shares the running core. The `@ply/source` condition lets workspace
 * packages be bundled from their TypeScript sources, so no prior build is needed.
 */
export async function bundlePlugin(entry: string, outfile: string): Promise<void> {
  try {
    // esbuild is loaded on demand: only `ply pack` needs it.
    const { build } = await import('esbuild');
    const result = await build({
      entryPoints: [entry],
      outfile,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      conditions: ['@ply/source'],
      external: ['@ply/core', '@ply/core/*'],
      minify: true,
      legalComments: 'eof',
      logLevel: 'silent',
      // A bundled CommonJS dependency may call require(): give it one that works in ESM.
      banner: { js: "import { createRequire as __plyCreateRequire } from 'node:module'; const require = __plyCreateRequire(import.meta.url);" },
    });
    if (result.errors.length > 0) throw new Error(result.errors.map((e) => e.text).join('; '));
  } catch (error) {
    throw new PlyError('PLY_PLUGIN_LOAD_FAILED', `cannot bundle ${entry}: ${(error as Error).message}`, { cause: error });
  }
}
