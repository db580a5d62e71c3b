// `node scripts/bundle.mjs <core|cli>`: bundles a package's tsc output (dist/) and its
// dependencies into a few ESM files under dist/bundle/, which its package.json serves at run time.
// Why: a `ply` process otherwise resolves, reads and links about 400 small module files before
// it does anything (a third of `ply install`, half of `ply serve`'s start). Splitting keeps each
// command's code in its own chunk, loaded on first use. The JavaScript is bundled from dist/,
// not src/, because esbuild cannot emit the decorator metadata tsyringe reads.
import { build } from 'esbuild';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

const PACKAGES = {
  // One copy of the core per process: the CLI and every plugin (workspace or installed) import
  // these entries, so an error class or a DI token is the same object for all of them.
  core: {
    entries: {
      index: 'dist/index.js',
      testing: 'dist/testing/index.js',
      version: 'dist/version.js',
      errors: 'dist/errors/ply-error.js',
      installer: 'dist/installer/module-installer.js',
      settings: 'dist/di/settings.js',
    },
    // A native addon: loaded from node_modules as it is.
    external: ['better-sqlite3'],
  },
  cli: {
    entries: { main: 'dist/main.js', program: 'dist/program.js' },
    // @ply/core stays a separate module shared with the plugins; esbuild is a native binary.
    external: ['@ply/core', '@ply/core/*', 'esbuild'],
  },
};

const name = process.argv[2];
const target = PACKAGES[name];
if (!target) {
  process.stderr.write(`usage: node scripts/bundle.mjs <${Object.keys(PACKAGES).join('|')}>\n`);
  process.exit(2);
}
const packageDir = join(ROOT, name);
const outdir = join(packageDir, 'dist/bundle');
rmSync(outdir, { recursive: true, force: true });
const result = await build({
  absWorkingDir: packageDir,
  entryPoints: target.entries,
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external: target.external,
  chunkNames: 'chunk-[hash]',
  sourcemap: 'linked',
  metafile: true,
  logLevel: 'warning',
  // Bundled CommonJS dependencies call require() for Node built-ins.
  banner: { js: "import { createRequire as __plyCreateRequire } from 'node:module'; const require = __plyCreateRequire(import.meta.url);" },
});
// What each chunk holds, to read as https://esbuild.github.io/analyze/ does.
writeFileSync(join(outdir, 'metafile.json'), JSON.stringify(result.metafile));
const outputs = Object.entries(result.metafile.outputs).filter(([file]) => file.endsWith('.js'));
const bytes = outputs.reduce((sum, [, output]) => sum + output.bytes, 0);
process.stdout.write(`bundled ${name}: ${outputs.length} files, ${(bytes / 1024).toFixed(0)} KiB in ${join(name, 'dist/bundle')}\n`);
