import { PlyError } from '@ply/core';

/** What a plugin bundle imports rather than carries: the running core, shared by every plugin. */
export const PLUGIN_EXTERNALS: readonly string[] = ['@ply/core', '@ply/core/*'];

export interface BundleOptions {
  /** Minified for a published tarball (default); readable for a bundle imported once and deleted. */
  minify?: boolean;
}

/**
 * Bundles a plugin entry and its own dependencies into one ESM file. `@ply/core` stays external:
 * every installed plugin shares the running core. The `@ply/source` condition lets workspace
 * packages be bundled from their TypeScript sources, so no prior build is needed.
 */
export async function bundlePlugin(entry: string, outfile: string, options: BundleOptions = {}): Promise<void> {
  try {
    // esbuild is loaded on demand: only `ply pack` and the manifest commands need it.
    const { build } = await import('esbuild');
    const result = await build({
      entryPoints: [entry],
      outfile,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      conditions: ['@ply/source'],
      external: [...PLUGIN_EXTERNALS],
      minify: options.minify ?? true,
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
