// `node scripts/bundle.mjs [core|kit|cli ...]` (default: all, in parallel): bundles a package's
// TypeScript sources and its dependencies into a few ESM files under dist/bundle/, which its
// package.json serves at run time. Why: a `ply` process otherwise resolves, reads and links about
// 400 small module files before it does anything (a third of `ply install`, half of `ply serve`'s
// start). Splitting keeps each command's code in its own chunk, loaded on first use. Sources are
// bundled directly: nothing relies on decorator metadata (DI uses explicit tokens), and the
// workspace packages resolve to their sources through the `@ply/source` export condition.
import { build } from 'esbuild';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

const PACKAGES = {
  // One copy of the core per process: the CLI and every plugin (workspace or installed) import
  // these entries, so an error class or a DI token is the same object for all of them.
  core: {
    entries: {
      index: 'src/index.ts',
      version: 'src/version.ts',
      errors: 'src/errors/ply-error.ts',
      settings: 'src/di/settings.ts',
      manifest: 'src/manifest/manifest-model.ts',
      logging: 'src/logging/logging.ts',
      // The zod and semver of the CLI's bundle (see the cli entry's alias).
      zod: 'src/shared/zod-api.ts',
      semver: 'src/shared/semver-api.ts',
    },
    external: [],
    after: writeZodPackage,
  },
  // The author kit, published for plugins' tests: the core, zod and the fake servers' hono are
  // shared with the plugin (dependencies), the author toolchain is the CLI's.
  kit: {
    entries: { index: 'src/index.ts', testing: 'src/testing/index.ts' },
    external: ['@ply/core', '@ply/core/*', 'zod', 'hono', 'hono/*', '@hono/node-server', 'esbuild', 'typescript', 'vitest', 'vitest/*'],
  },
  cli: {
    // The runtime, console, installer and registry are bundled in, each command's share in
    // chunks loaded on first use.
    // The runtime's template worker is a file of its own: `new Worker` loads it by path.
    entries: { main: 'src/main.ts', program: 'src/program.ts', 'render-worker': '../runtime/src/templating/render-worker.ts' },
    // @ply/core stays a separate module shared with the plugins; @ply/kit (the author kit) is
    // loaded from its package, where its scaffold templates are; esbuild is a native binary;
    // better-sqlite3 a native addon.
    // typescript and vitest (the author toolchain of `ply build` and `ply test`) load from their packages.
    external: ['@ply/core', '@ply/core/*', '@ply/kit', '@ply/kit/*', 'esbuild', 'better-sqlite3', 'typescript', 'vitest', 'vitest/*'],
    // One zod and one semver per process: the runtime, installer and console use the core's
    // (without this each bundle carried its own: 270 KB more source at every start).
    plugins: [fromCore(['zod', 'semver'])],
    after: checkSharedZod,
  },
};

const names = process.argv.length > 2 ? process.argv.slice(2) : Object.keys(PACKAGES);
for (const name of names) {
  if (!PACKAGES[name]) {
    process.stderr.write(`usage: node scripts/bundle.mjs [${Object.keys(PACKAGES).join('|')} ...]\n`);
    process.exit(2);
  }
}
const bundling = Object.fromEntries(names.map((name) => [name, bundle(name)]));
await Promise.all(Object.values(bundling));

async function bundle(name) {
  const target = PACKAGES[name];
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
    conditions: ['@ply/source'],
    jsx: 'automatic',
    jsxImportSource: 'hono/jsx',
    external: target.external,
    plugins: target.plugins,
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
  await target.after?.(packageDir, outdir);
}

/**
 * `core/dist/zod/`: the zod the core depends on, as one ESM file in a package named `zod`. The
 * installer links `$PLY_HOME/node_modules/zod` to it, so installed plugin bundles, which leave zod
 * external, share one copy instead of carrying 460 KB each. A separate file, not the core's own
 * chunk: exporting the whole of zod from the core's bundle would load 500 KB more on every `ply`
 * start, for the plugins only; this file loads with the first installed plugin. (The core and the
 * plugins need not share one zod instance: the core never tests a plugin's schema with instanceof.)
 */
async function writeZodPackage(packageDir) {
  const require = createRequire(join(packageDir, 'package.json'));
  const zodDir = dirname(require.resolve('zod/package.json'));
  const { version } = JSON.parse(readFileSync(join(zodDir, 'package.json'), 'utf8'));
  const dir = join(packageDir, 'dist/zod');
  rmSync(dir, { recursive: true, force: true });
  await build({ absWorkingDir: packageDir, stdin: { contents: "export * from 'zod';\nexport { default } from 'zod';\n", resolveDir: packageDir, loader: 'js' }, outfile: join(dir, 'index.js'), bundle: true, minify: true, format: 'esm', platform: 'node', target: 'node20', legalComments: 'eof', logLevel: 'warning' });
  const manifest = { name: 'zod', version, description: 'The zod of @ply/core, provided to the plugins it loads', type: 'module', exports: { '.': './index.js', './v4': './index.js' } };
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  linkWorkspaceZod(dir);
}

/**
 * Gives the compiled code of each workspace plugin (`plugins/<name>/dist/`, tsc's output, which
 * `ply serve` in a checkout runs) the zod installed plugins get: `dist/node_modules/zod` links to
 * `core/dist/zod/`, and Node looks there before the plugin's own `node_modules/zod`. Why: that
 * zod is the package as published, 95 files with every locale, and the first run of a workspace
 * plugin loaded it beside the core's (about 3 MiB of an idle `ply serve` after the demo run). The
 * plugins' sources, and so their tests and type checks, still resolve their own zod; `ply pack`
 * bundles from the sources and leaves zod to the installer's link.
 */
function linkWorkspaceZod(zodDir) {
  const plugins = join(ROOT, 'plugins');
  for (const name of existsSync(plugins) ? readdirSync(plugins) : []) {
    const dist = join(plugins, name, 'dist');
    if (!existsSync(join(plugins, name, 'package.json')) || !existsSync(dist)) continue;
    const link = join(dist, 'node_modules', 'zod');
    mkdirSync(dirname(link), { recursive: true });
    rmSync(link, { recursive: true, force: true });
    symlinkSync(relative(dirname(link), zodDir), link, 'junction');
  }
}

/**
 * Resolves the ESM imports of these packages to the core's `@ply/core/<name>` entry, left external.
 * A CommonJS require() of them (bullmq's of semver, in the cluster mode's chunk) keeps its own
 * bundled copy: Node 20 cannot require() the core's ESM entry.
 */
function fromCore(names) {
  const filter = new RegExp(`^(${names.join('|')})$`);
  return {
    name: 'from-core',
    setup(build) {
      build.onResolve({ filter }, (args) => (args.kind === 'require-call' ? undefined : { path: `@ply/core/${args.path}`, external: true }));
    },
  };
}

/**
 * The CLI's zod is the core's `src/shared/zod-api.ts`, a list of names: an external import is not
 * checked by esbuild, so a member the CLI uses and the list lacks would be `undefined` at run time.
 * Fails the build instead, naming it. (Run after the core's bundle: `pnpm build` bundles all.)
 */
async function checkSharedZod(_packageDir, outdir) {
  await bundling.core;
  const provided = new Set(Object.keys(await import(join(ROOT, 'core/dist/bundle/zod.js'))));
  const missing = new Set();
  for (const file of readdirSync(outdir).filter((name) => name.endsWith('.js'))) {
    const text = readFileSync(join(outdir, file), 'utf8');
    for (const [, bindings] of text.matchAll(/import\s*\*\s*as\s+([\w$]+)\s+from\s*"@ply\/core\/zod"/g)) {
      for (const [, member] of text.matchAll(new RegExp(`(?<![\\w$.])${bindings.replace('$', '\\$')}\\.([\\w$]+)`, 'g'))) if (!provided.has(member)) missing.add(member);
    }
    for (const [, names] of text.matchAll(/import\s*\{([^}]*)\}\s*from\s*"@ply\/core\/zod"/g)) {
      for (const name of names.split(',').map((n) => n.trim().split(/\s+as\s+/)[0]).filter(Boolean)) if (!provided.has(name)) missing.add(name);
    }
  }
  if (missing.size) throw new Error(`the CLI bundle uses zod's ${[...missing].join(', ')}: add them to core/src/shared/zod-api.ts`);
}
