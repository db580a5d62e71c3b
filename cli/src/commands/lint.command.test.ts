import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { PlyError } from '@ply/core';
import { exitCodeOf } from '../exit-codes.js';
import { captureOutput } from '../../test/captured-output.js';
import { lintCommand } from './lint.command.js';

const CORPUS = fileURLToPath(new URL('../../../../shared/corpus/automation-library', import.meta.url));


describe('ply lint (command)', () => {
  it('prints the corpus defects as file:pointer: warning lines and succeeds (warnings only)', async () => {
    const output = captureOutput(false);
    await expect(lintCommand(output, CORPUS)).resolves.toBeUndefined();
    expect(output.stdout.length).toBeGreaterThan(0);
    for (const line of output.stdout) expect(line).toMatch(/^[^:]+\.(json|md):(\/[^:]*)?: warning: .+ \[[a-z-]+\]$/);
    expect(output.stderr.at(-1)).toMatch(/^170 modules linted: 0 errors, \d+ warnings$/);
  });

  it('fails with the bad-module exit code when a finding is an error', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'ply-lint-cmd-')), 'Mattermost');
    cpSync(join(CORPUS, 'Mattermost'), dir, { recursive: true });
    const file = join(dir, 'action_mattermost_postmessage.json');
    const action = JSON.parse(readFileSync(file, 'utf8')) as { arguments: Record<string, unknown> };
    action.arguments['type'] = 42;
    writeFileSync(file, JSON.stringify(action));
    const output = captureOutput(true);
    const failure = await lintCommand(output, dir).then(() => undefined, (error: PlyError) => error);
    expect(failure?.code).toBe('PLY_MANIFEST_INVALID');
    expect(exitCodeOf(failure!.code)).toBe(4);
    const report = JSON.parse(output.stdout[0]!) as { errors: number; reports: Array<{ findings: Array<{ rule: string; pointer: string }> }> };
    expect(report.errors).toBe(1);
    expect(report.reports[0]!.findings).toContainEqual(expect.objectContaining({ rule: 'schema-compiles', pointer: '/arguments' }));
  });
});
