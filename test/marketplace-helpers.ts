import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CLI, REPO_ROOT, runProcess, type CliResult } from './cli-helpers.js';

/** The environment without the npm_config_* variables pnpm sets, so npm reads only our .npmrc. */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_config_/i.test(key)));
  return { ...env, ...extra };
}

export type RunResult = CliResult;

/** A password good enough for `ply registry user add` (10 characters or more). */
export const PUBLISHER_PASSWORD = 'correct horse battery staple';

/** A command run to completion; by default without pnpm's npm_config_* variables. */
export function run(command: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv; input?: string } = {}): Promise<RunResult> {
  return runProcess(command, args, { ...options, env: options.env ?? cleanEnv() });
}

/**
 * What a publisher needs on a registry, made with the CLI as an admin would: a user with a
 * password (read from stdin), the organisation owning the scope with that user as member, and a
 * publish token of that user (returned).
 */
export async function createPublisher(storage: string, env: NodeJS.ProcessEnv, options: { user?: string; org?: string; email?: string } = {}): Promise<string> {
  const user = options.user ?? 'admin';
  const ply = (args: string[], input?: string) => run(process.execPath, [CLI, ...args, '--storage', storage], { env, ...(input === undefined ? {} : { input }) });
  const steps = [
    await ply(['registry', 'user', 'add', user, ...(options.email ? ['--email', options.email] : []), '--password-stdin'], `${PUBLISHER_PASSWORD}\n`),
    ...(options.org === undefined ? [] : [await ply(['registry', 'org', 'create', options.org, '--member', user])]),
  ];
  const token = await ply(['registry', 'token', 'create', '--user', user, '--role', 'publish']);
  for (const step of [...steps, token]) if (step.code !== 0) throw new Error(`creating publisher ${user} failed: ${step.stderr}`);
  return token.stdout.trim().split('\n').at(-1)!;
}

/**
 * `npm login` as a person types it: the user name and password are written when npm prompts for
 * them (npm reads each prompt from a fresh stream, so piping both lines at once loses the second).
 */
export function npmLogin(args: string[], user: string, password: string, env: NodeJS.ProcessEnv): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['login', ...args], { env });
    let stdout = '';
    let stderr = '';
    const prompts = [
      { prompt: 'Username:', reply: user },
      { prompt: 'Password:', reply: password },
    ];
    const answer = () => {
      while (prompts[0] && (stdout + stderr).includes(prompts[0].prompt)) child.stdin.write(`${prompts.shift()!.reply}\n`);
    };
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      answer();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      answer();
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

/** `ply registry serve --port 0` as a subprocess; resolves with its URL once it prints it, and `logs()` gives its stderr so far. */
export function serveRegistry(storage: string, env: NodeJS.ProcessEnv, options: { seed?: boolean } = {}): Promise<{ url: string; child: ChildProcess; logs: () => string }> {
  return new Promise((resolve, reject) => {
    // Seeding packs @ply/core and @ply/kit: only a test that npm-installs them asks for it.
    const child = spawn(process.execPath, [CLI, 'registry', 'serve', '--port', '0', '--storage', storage, ...(options.seed ? [] : ['--no-seed'])], { cwd: REPO_ROOT, env });
    let output = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const url = /listening on (http:\/\/\S+\/)/.exec(output)?.[1];
      if (url) resolve({ url, child, logs: () => stderr });
    });
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      stderr += chunk.toString();
    });
    child.on('exit', (code) => reject(new Error(`registry exited with ${code}: ${output}`)));
  });
}

/**
 * `npm audit signatures` first asks Sigstore's TUF repository (on the internet) for the
 * registry's keys and, when the registry is not listed there, falls back to `/-/npm/v1/keys`.
 * Tests run offline, so this preload answers "not listed" the way the TUF client does
 * (TUF_FIND_TARGET_ERROR); the signature check itself is npm's, unchanged.
 */
export function writeTufOfflineShim(dir: string): string {
  const file = join(dir, 'tuf-offline.cjs');
  writeFileSync(
    file,
    `const Module = require('module');
const load = Module.prototype.require;
Module.prototype.require = function (id) {
  const loaded = load.apply(this, arguments);
  if (id !== '@sigstore/tuf') return loaded;
  const notListed = async () => { const e = new Error('target not found'); e.code = 'TUF_FIND_TARGET_ERROR'; throw e; };
  return { ...loaded, initTUF: async () => ({ getTarget: notListed }) };
};
`,
  );
  return file;
}

/** The packed Mattermost plugin's version, and the patch release after it (for {@link bumpedTarball}). */
export const MATTERMOST_VERSION = (JSON.parse(readFileSync(join(REPO_ROOT, 'plugins/mattermost/package.json'), 'utf8')) as { version: string }).version;
export const MATTERMOST_NEXT_PATCH = MATTERMOST_VERSION.replace(/\d+$/, (patch) => String(Number(patch) + 1));

/** A copy of a packed tarball with another version in package.json and manifest.json (a new release to publish). */
export function bumpedTarball(tarball: string, work: string, version: string): string {
  const unpacked = join(work, `bump-${version}`);
  mkdirSync(unpacked);
  execFileSync('tar', ['xzf', tarball, '-C', unpacked]);
  for (const file of ['package/package.json', 'package/module/manifest.json']) {
    const path = join(unpacked, file);
    writeFileSync(path, readFileSync(path, 'utf8').replace(/"version": "[^"]+"/, `"version": "${version}"`));
  }
  const bumped = join(work, `ply-plugin-mattermost-${version}.tgz`);
  execFileSync('tar', ['czf', bumped, '-C', unpacked, 'package']);
  return bumped;
}
