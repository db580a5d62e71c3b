import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PlyStore } from '@ply/runtime';
import { describe, expect, it } from 'vitest';
import { runCli } from '../cli-helpers.js';

describe('ply token', () => {
  it('creates a token printed on its last line, lists it without the token, and revokes it', async () => {
    const env = { PLY_HOME: mkdtempSync(join(tmpdir(), 'ply-token-')) };
    const created = await runCli(['token', 'create', 'ci-bot', '--role', 'operator'], { env });
    expect(created.code).toBe(0);
    const token = created.stdout.trim().split('\n').at(-1)!;
    expect(token).toMatch(/^ply_[\w-]{40,}$/);
    const store = await PlyStore.open({ home: env.PLY_HOME });
    expect(await store.tokens.verify(token)).toMatchObject({ name: 'ci-bot', role: 'operator' });
    store.close();
    const listed = await runCli(['token', 'list'], { env });
    expect(listed.stdout).toContain('ci-bot\toperator');
    expect(listed.stdout).not.toContain(token);
    expect((await runCli(['token', 'revoke', 'ci-bot'], { env })).code).toBe(0);
    const again = await runCli(['token', 'revoke', 'ci-bot'], { env });
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('no API token named "ci-bot"');
  });

  it('refuses an unknown role with a usage error', async () => {
    const env = { PLY_HOME: mkdtempSync(join(tmpdir(), 'ply-token-')) };
    const result = await runCli(['token', 'create', 'x', '--role', 'root'], { env });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('PLY_INVALID_INPUT');
  });
});
