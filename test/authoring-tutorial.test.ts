import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execFileSync, type ChildProcess } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { startFakeServer, type FakeServer } from '@ply/kit/testing';
import { CLI } from './cli-helpers.js';
import { cleanEnv, run, serveRegistry } from './marketplace-helpers.js';

const REPO = fileURLToPath(new URL('..', import.meta.url));
const TUTORIAL = join(REPO, 'docs/authoring.md');

/** One step of the tutorial, in page order: a shell block to run, a file to write, or a block the test stands in for. */
type Step = { kind: 'sh'; code: string } | { kind: 'file'; path: string; code: string } | { kind: 'stand-in'; name: string; code: string };

/** The ```sh blocks preceded by `<!-- tested -->` or `<!-- tested: <stand-in> ... -->`, and the blocks preceded by `<!-- file: <path> -->`. */
function tutorialSteps(markdown: string): Step[] {
  const pattern = /<!-- (?:tested(?::\s*(\w+)[^>]*)?|file:\s*(\S+)) -->\s*\n```\w+\n([\s\S]*?)```/g;
  return [...markdown.matchAll(pattern)].map(([, standIn, path, code]): Step => (path ? { kind: 'file', path, code: code! } : standIn ? { kind: 'stand-in', name: standIn, code: code! } : { kind: 'sh', code: code! }));
}

/** A step as shell lines: files are written as an author would save them. */
function shell(step: Step): string {
  if (step.kind === 'file') return `mkdir -p "$(dirname '${step.path}')"\ncat > '${step.path}' <<'PLY_TUTORIAL_EOF'\n${step.code}PLY_TUTORIAL_EOF`;
  return step.code;
}

async function runScript(script: string, cwd: string, env: NodeJS.ProcessEnv): Promise<string> {
  const result = await run('sh', ['-e', '-c', script], { cwd, env });
  if (result.code !== 0) throw new Error(`tutorial failed (exit ${result.code}):\n${result.stdout}\n${result.stderr}`);
  return result.stdout;
}

describe('docs/authoring.md, outside a checkout, with the real npm client', () => {
  const closing: Array<() => unknown> = [];
  afterAll(async () => {
    for (const close of closing.splice(0)) await close();
  });

  it('scaffolds, writes, installs from a Ply registry, builds, tests, lints, documents, packs, publishes, installs and runs the Shodan module', async () => {
    const steps = tutorialSteps(readFileSync(TUTORIAL, 'utf8'));
    expect(steps.map((step) => (step.kind === 'file' ? step.path : step.kind === 'stand-in' ? `<${step.name}>` : 'sh'))).toEqual([
      '<registry>',
      'sh',
      'sh',
      'src/module.ts',
      'src/host.schema.ts',
      'src/get-host.action.ts',
      'src/search-host.action.ts',
      'src/index.ts',
      'test/fake-shodan.ts',
      'test/shodan.test.ts',
      'sh',
      'sh',
      '<vendor>',
      'sh',
    ]);

    const sandbox = mkdtempSync(join(tmpdir(), 'ply-tutorial-'));
    const bin = join(sandbox, 'bin');
    mkdirSync(bin);
    writeFileSync(join(bin, 'ply'), `#!/bin/sh\nexec '${process.execPath}' '${CLI}' "$@"\n`);
    chmodSync(join(bin, 'ply'), 0o755);
    const home = join(sandbox, 'home');
    // No npm_config_* of the pnpm running the tests; a cache of its own, so every package comes from the Ply registry.
    const env = cleanEnv({
      PATH: `${bin}:${process.env['PATH']}`,
      PLY_HOME: home,
      PLY_WORKSPACE: 'off',
      CI: '1',
      NO_COLOR: '1',
      npm_config_cache: join(sandbox, 'npm-cache'),
      npm_config_audit: 'false',
      npm_config_fund: 'false',
      npm_config_update_notifier: 'false',
    });

    const storage = join(sandbox, 'registry-data');
    // The tutorial's registry block, with the password on stdin instead of the terminal.
    const ply = (args: string[], input?: string) => execFileSync(process.execPath, [CLI, ...args, '--storage', storage], { env, encoding: 'utf8', ...(input ? { input } : {}) });
    ply(['registry', 'user', 'add', 'me', '--password-stdin'], 'a tutorial password\n');
    ply(['registry', 'org', 'create', 'ply', '--member', 'me']);
    const token = ply(['registry', 'token', 'create', '--user', 'me', '--role', 'publish']).trim().split('\n').at(-1)!;
    const registry = await serveRegistry(storage, env, { seed: true });
    closing.push(() => stop(registry.child));

    const vendorAt = steps.findIndex((step) => step.kind === 'stand-in' && step.name === 'vendor');
    const standIn = (step: Step) => (step.kind === 'stand-in' && step.name === 'registry' ? `export PLY_REGISTRY='${registry.url}' PLY_REGISTRY_TOKEN='${token}'` : shell(step));
    const cwdFile = join(sandbox, '.tutorial-cwd');
    const before = await runScript([...steps.slice(0, vendorAt).map(standIn), `pwd > '${cwdFile}'`].join('\n'), sandbox, env);
    const plugin = readFileSync(cwdFile, 'utf8').trim();
    expect(plugin).toBe(join(sandbox, 'shodan-tutorial'));

    // The fake the tutorial wrote, standing in for api.shodan.io.
    const fake = (await import(join(plugin, 'test/fake-shodan.ts'))) as { fakeShodan: () => { app: { fetch: (request: Request) => Response | Promise<Response> } }; SHODAN_KEY: string };
    const vendor: FakeServer = await startFakeServer(fake.fakeShodan().app.fetch);
    closing.push(() => vendor.close());
    const after = await runScript(
      [`export PLY_REGISTRY='${registry.url}' PLY_REGISTRY_TOKEN='${token}' SHODAN_URL='${vendor.url}' SHODAN_KEY='${fake.SHODAN_KEY}'`, ...steps.slice(vendorAt + 1).map(standIn)].join('\n'),
      plugin,
      env,
    );

    // npm installed the five packages a plugin needs, all from the Ply registry.
    expect(readdirSync(join(plugin, 'node_modules')).filter((name) => !name.startsWith('.')).sort()).toEqual(['@hono', '@ply', 'hono', 'zod']);
    const lock = JSON.parse(readFileSync(join(plugin, 'package-lock.json'), 'utf8')) as { packages: Record<string, { version: string; integrity: string }> };
    const installed = Object.entries(lock.packages).filter(([path]) => path !== '');
    expect(installed.map(([path]) => path).sort()).toEqual(['node_modules/@hono/node-server', 'node_modules/@ply/core', 'node_modules/@ply/kit', 'node_modules/hono', 'node_modules/zod']);
    for (const [path, entry] of installed) {
      const name = path.slice('node_modules/'.length);
      const packument = (await (await fetch(new URL(name.replace('/', '%2f'), registry.url))).json()) as { versions: Record<string, { dist: { integrity: string } }> };
      expect(entry.integrity, name).toBe(packument.versions[entry.version]!.dist.integrity);
    }

    // Built, tested with the CLI's toolchain, linted, documented.
    expect(before).toMatch(/Tests\s+8 passed \(8\)/);
    expect(existsSync(join(plugin, 'module/action_search_host.json'))).toBe(true);
    expect(existsSync(join(plugin, 'module/action_get_item.json'))).toBe(false);
    const page = readFileSync(join(sandbox, 'actions-library/modules/shodan-tutorial.md'), 'utf8');
    expect(page).toContain('| max_pages | integer | no | 1 | At most this many pages of 100 matches |');
    expect(page).toContain('| facets.&lt;key> | object[] | no | any key |');

    // Published, installed with zod provided by the running core, described and run.
    expect(before).toContain('published @ply/plugin-shodan-tutorial@0.1.0');
    expect(before).toContain('installed @ply/plugin-shodan-tutorial');
    expect(before).toContain('Search Hosts');
    const bundle = join(home, 'modules/shodan-tutorial/0.1.0/dist/index.js');
    expect(statSync(bundle).size).toBeLessThan(16 * 1024);
    expect(readlinkSync(join(home, 'node_modules/zod'))).toBe(join(REPO, 'core/dist/zod'));
    expect(JSON.parse(after)).toMatchObject({ ip_str: '8.8.8.8', ports: [53, 443] });
  }, 240_000);
});

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}
