import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from './cli-helpers.js';

describe('the README demo (`pnpm demo`)', () => {
  it('lists the modules and shows the message the webhook receiver got', async () => {
    const output = await new Promise<{ code: number; text: string }>((resolve) => {
      const child = spawn(process.execPath, [join(REPO_ROOT, 'scripts/demo.mjs')], { cwd: REPO_ROOT, env: { ...process.env, PLY_HOME: mkdtempSync(join(tmpdir(), 'ply-demo-')) } });
      let text = '';
      child.stdout.on('data', (chunk: Buffer) => (text += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (text += chunk.toString()));
      child.on('close', (code) => resolve({ code: code ?? -1, text }));
    });
    expect(output.code).toBe(0);
    expect(output.text).toContain('mattermost');
    expect(output.text).toContain('[webhook receiver] got POST /hooks/demo-hook');
    expect(output.text).toContain('"text":"Hello from Ply: alert ALxyz123 needs a look"');
  });
});
