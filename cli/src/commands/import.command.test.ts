import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PlyError } from '@ply/core';
import { captureOutput } from '../../test/captured-output.js';
import { importCommand, importModuleFolder } from './import.command.js';
import { modulesCommand } from './modules.command.js';
import { runCommand } from './run.command.js';

const CORPUS = fileURLToPath(new URL('../../../../shared/corpus/automation-library', import.meta.url));


describe('ply import', () => {
  let home: string;
  const saved = { home: process.env['PLY_HOME'], workspace: process.env['PLY_WORKSPACE'] };
  beforeEach(() => {
    home = mkdtempSync(join(tmpdir(), 'ply-import-'));
    process.env['PLY_HOME'] = home;
    process.env['PLY_WORKSPACE'] = ''; // only what is imported into this home
  });
  afterEach(() => {
    for (const [key, value] of [['PLY_HOME', saved.home], ['PLY_WORKSPACE', saved.workspace]] as const) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  });

  it('imports all 170 corpus modules, which `ply modules --json` then lists as metadata only', () => {
    const imported = captureOutput(true);
    importCommand(imported, [CORPUS], {});
    expect((JSON.parse(imported.stdout[0]!) as { imported: unknown[] }).imported).toHaveLength(170);
    const listed = captureOutput(true);
    modulesCommand(listed);
    expect(listed.stderr).toEqual([]); // every imported folder loads again from $PLY_HOME
    const { modules } = JSON.parse(listed.stdout[0]!) as { modules: Array<{ slug: string; status: string; runnable: boolean; source: string }> };
    expect(modules).toHaveLength(170);
    expect(modules.every((m) => m.status === 'metadata only' && !m.runnable && m.source === 'installed')).toBe(true);
    expect(readdirSync(join(home, 'modules')).filter((name) => name.startsWith('.'))).toEqual([]);
  });

  it('copies only the JSON metadata under <slug>/<version>/ with a generated package.json', () => {
    const { dir } = importModuleFolder(join(CORPUS, 'Kubernetes'), home);
    expect(dir).toBe(join(home, 'modules', 'kubernetes', '1.0.0'));
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Record<string, unknown>;
    expect(pkg).toMatchObject({ version: '1.0.0', ply: { module: 'module' } });
    expect(pkg['exports']).toBeUndefined(); // no entry: metadata only
    expect(readdirSync(join(dir, 'module')).every((name) => name.endsWith('.json'))).toBe(true);
  });

  it('refuses to run an imported action with PLY_NO_IMPLEMENTATION', async () => {
    importModuleFolder(join(CORPUS, 'Mattermost'), home);
    const failure = await runCommand(captureOutput(false), 'mattermost.post_message', { arg: ['message=hi'], config: ['hook_url=http://127.0.0.1:9/x'] }).then(
      () => undefined,
      (error: PlyError) => error,
    );
    expect(failure?.code).toBe('PLY_NO_IMPLEMENTATION');
    expect(failure?.message).toMatch(/metadata only/);
  });

  it('refuses to overwrite an imported version unless forced, and leaves no temp folder when a copy fails', () => {
    const source = join(mkdtempSync(join(tmpdir(), 'ply-src-')), 'Mattermost');
    cpSync(join(CORPUS, 'Mattermost'), source, { recursive: true });
    importModuleFolder(source, home);
    expect(() => importModuleFolder(source, home)).toThrow(/already/);
    writeFileSync(join(source, 'README.md'), 'new readme');
    const { dir } = importModuleFolder(source, home, { force: true });
    expect(readFileSync(join(dir, 'module', 'README.md'), 'utf8')).toBe('new readme');
    expect(readdirSync(join(home, 'modules', 'mattermost'))).toEqual(['1.21.0']);
  });

  it('rejects a folder that is not a valid module without touching $PLY_HOME', () => {
    const broken = mkdtempSync(join(tmpdir(), 'ply-broken-'));
    writeFileSync(join(broken, 'manifest.json'), '{"uuid": 1}');
    expect(() => importModuleFolder(broken, home)).toThrow(expect.objectContaining({ code: 'PLY_MANIFEST_INVALID' }));
    expect(existsSync(join(home, 'modules'))).toBe(false);
  });
});
