import { execFile, execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const REPO = fileURLToPath(new URL('../../..', import.meta.url));
const CLI = join(REPO, 'cli/dist/bundle/main.js');
const TUTORIAL = join(REPO, 'docs/authoring.md');

interface TestedBlock {
  /** `''` for a block run as written; else what the test stands in for (`install`, `registry`). */
  standIn: string;
  code: string;
}

/** The ```sh blocks preceded by `<!-- tested -->` or `<!-- tested: <stand-in> ... -->`, in order. */
function testedBlocks(markdown: string): TestedBlock[] {
  const pattern = /<!-- tested(?::\s*(\w+)[^>]*)? -->\s*\n```sh\n([\s\S]*?)```/g;
  return [...markdown.matchAll(pattern)].map((match) => ({ standIn: match[1] ?? '', code: match[2]! }));
}

/** Shell lines standing in for `npm install`: link the checkout's copies of the dependencies. */
function linkDependenciesScript(): string {
  const links: Record<string, string> = {
    '@ply/core': join(REPO, 'core'),
    zod: realpathSync(join(REPO, 'core/node_modules/zod')),
    hono: realpathSync(join(REPO, 'kit/node_modules/hono')),
    '@ply/kit': join(REPO, 'kit'),
    '@types/node': realpathSync(join(REPO, 'node_modules/@types/node')),
    typescript: realpathSync(join(REPO, 'node_modules/typescript')),
    vitest: realpathSync(join(REPO, 'node_modules/vitest')),
  };
  const lines = ['mkdir -p node_modules/@ply node_modules/@types node_modules/.bin'];
  for (const [name, target] of Object.entries(links)) lines.push(`ln -s '${target}' 'node_modules/${name}'`);
  lines.push('ln -s ../typescript/bin/tsc node_modules/.bin/tsc', 'ln -s ../vitest/vitest.mjs node_modules/.bin/vitest');
  return lines.join('\n');
}

/** Starts `ply registry serve` on a free port; resolves with its URL once it listens. */
function startRegistry(storage: string, env: NodeJS.ProcessEnv): Promise<{ child: ChildProcess; url: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, 'registry', 'serve', '--port', '0', '--storage', storage, '--json'], { env });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const match = /"url":\s*"([^"]+)"/.exec(stdout);
      if (match) resolve({ child, url: match[1]! });
    });
    child.on('error', reject);
    child.on('exit', (code) => reject(new Error(`registry exited with ${code}: ${stdout}`)));
  });
}

describe('docs/authoring.md', () => {
  let registry: ChildProcess | undefined;
  afterAll(() => {
    registry?.kill('SIGTERM');
  });

  it('runs every tested command of the tutorial, from `ply plugin new` to `ply install`', async () => {
    const blocks = testedBlocks(readFileSync(TUTORIAL, 'utf8'));
    expect(blocks.map((block) => block.standIn)).toEqual(['', 'install', '', '', 'registry', '']);

    const sandbox = mkdtempSync(join(tmpdir(), 'ply-tutorial-'));
    const bin = join(sandbox, 'bin');
    mkdirSync(bin);
    writeFileSync(join(bin, 'ply'), `#!/bin/sh\nexec '${process.execPath}' '${CLI}' "$@"\n`);
    chmodSync(join(bin, 'ply'), 0o755);
    const env = { ...process.env, PATH: `${bin}:${process.env['PATH']}`, PLY_HOME: join(sandbox, 'home'), PLY_WORKSPACE: '', CI: '1', NO_COLOR: '1' };

    const storage = join(sandbox, 'registry-data');
    // The tutorial's registry block, with the password on stdin instead of the terminal.
    const ply = (args: string[], input?: string) => execFileSync(process.execPath, [CLI, ...args, '--storage', storage], { env, encoding: 'utf8', ...(input ? { input } : {}) });
    ply(['registry', 'user', 'add', 'me', '--password-stdin'], 'a tutorial password\n');
    ply(['registry', 'org', 'create', 'ply', '--member', 'me']);
    const { token } = JSON.parse(ply(['--json', 'registry', 'token', 'create', '--user', 'me', '--role', 'publish'])) as { token: string };
    const started = await startRegistry(storage, env);
    registry = started.child;

    const script = blocks
      .map((block) => {
        if (block.standIn === 'install') return linkDependenciesScript();
        if (block.standIn === 'registry') return `export PLY_REGISTRY='${started.url}' PLY_REGISTRY_TOKEN='${token}'`;
        return block.code;
      })
      .join('\n');
    const result = await run('sh', ['-e', '-c', script], { cwd: sandbox, env, maxBuffer: 16 * 1024 * 1024 }).catch((error: { stdout: string; stderr: string; code: number }) => {
      throw new Error(`tutorial failed (exit ${error.code}):\n${error.stdout}\n${error.stderr}`);
    });

    expect(result.stdout).toContain('installed @ply/plugin-acme-edr');
    expect(result.stdout).toContain('Get Item');
    expect(readFileSync(join(sandbox, 'actions-library/index.md'), 'utf8')).toContain('[Acme Edr](modules/acme-edr.md)');
    expect(existsSync(join(sandbox, 'home/modules/acme-edr/0.1.0'))).toBe(true);
  }, 180_000);
});
