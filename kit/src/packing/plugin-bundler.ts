import { PlyError } from '@ply/core';

/**
 * What a plugin bundle imports rather than carries: the running core and its zod (linked under
 * `$PLY_HOME/node_modules` by the installer), shared by every plugin. Only `zod` itself and
 * `zod/v4` (the same API) are provided; another zod subpath is bundled.
 */
export const PLUGIN_EXTERNALS: readonly string[] = ['@ply/core', '@ply/core/*', 'zod', 'zod/v4'];

const EXACT_EXTERNAL = /^(zod|zod\/v4)$/;

export interface BundleOptions {
  /** Minified for a published tarball (default); readable for a bundle imported once and deleted. */
  minify?: boolean;
}

/**
 * Bundles a plugin entry and its own dependencies into one ESM file. `@ply/core` and `zod` stay
 * external ({@link PLUGIN_EXTERNALS}): every installed plugin shares the running core's. The
 * `@ply/source` condition lets workspace packages be bundled from their TypeScript sources, so no
 * prior build is needed.
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
      external: PLUGIN_EXTERNALS.filter((name) => !EXACT_EXTERNAL.test(name)),
      // esbuild's `external: ['zod']` would take every `zod/...` subpath too.
      plugins: [{ name: 'ply-provided', setup: (build) => build.onResolve({ filter: EXACT_EXTERNAL }, (args) => ({ path: args.path, external: true })) }],
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
