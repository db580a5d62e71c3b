import { execFile } from 'node:child_process';
import { mkdtempSync, readlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { CLI, REPO_ROOT } from './cli-helpers.js';

const run = promisify(execFile);

describe('pnpm link-cli', () => {
  it("puts `ply` in npm's global bin folder, linked to the built CLI, and the link runs", async () => {
    const prefix = mkdtempSync(join(tmpdir(), 'ply-prefix-'));
    const env = { ...process.env, npm_config_prefix: prefix };
    const linked = await run(process.execPath, [join(REPO_ROOT, 'scripts/link-cli.mjs')], { env });
    expect(linked.stdout).toContain(`linked ${join(prefix, 'bin', 'ply')}`);
    expect(readlinkSync(join(prefix, 'bin', 'ply'))).toBe(CLI);
    // Run twice: the link is replaced, not refused.
    await run(process.execPath, [join(REPO_ROOT, 'scripts/link-cli.mjs')], { env });
    const version = await run(join(prefix, 'bin', 'ply'), ['--version'], { env });
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });
});
