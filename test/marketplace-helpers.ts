import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CLI, REPO_ROOT, runProcess, type CliResult } from './cli-helpers.js';

/** The environment without the npm_config_* variables pnpm sets, so npm reads only our .npmrc. */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_config_/i.test(key)));
  return { ...env, ...extra };
}

export type RunResult = CliResult;

/** A command run to completion; by default without pnpm's npm_config_* variables. */
export function run(command: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<RunResult> {
  return runProcess(command, args, { ...options, env: options.env ?? cleanEnv() });
}

/** `ply registry serve --port 0` as a subprocess; resolves with its URL once it prints it. */
export function serveRegistry(storage: string, env: NodeJS.ProcessEnv): Promise<{ url: string; child: ChildProcess }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, 'registry', 'serve', '--port', '0', '--storage', storage], { cwd: REPO_ROOT, env });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const url = /listening on (http:\/\/\S+\/)/.exec(output)?.[1];
      if (url) resolve({ url, child });
    });
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
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
