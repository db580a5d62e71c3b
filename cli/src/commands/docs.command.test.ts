import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Output } from '../output.js';
import { docsCommand } from './docs.command.js';
import { importModuleFolder } from './import.command.js';

const CORPUS = fileURLToPath(new URL('../../../../shared/corpus/automation-library', import.meta.url));
const REPO = fileURLToPath(new URL('../../..', import.meta.url));

describe('ply docs', () => {
  const saved = { home: process.env['PLY_HOME'], workspace: process.env['PLY_WORKSPACE'] };
  beforeAll(() => {
    process.env['PLY_HOME'] = mkdtempSync(join(tmpdir(), 'ply-docs-home-'));
    process.env['PLY_WORKSPACE'] = REPO;
    // Modules no workspace plugin reimplements: those are documented from their code, not as metadata only.
    importModuleFolder(join(CORPUS, 'IPInfo'), process.env['PLY_HOME']);
  });
  afterAll(() => {
    for (const [key, value] of [['PLY_HOME', saved.home], ['PLY_WORKSPACE', saved.workspace]] as const) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  });

  it('writes index and module pages (Markdown and HTML) for workspace plugins and imported modules', () => {
    const out = mkdtempSync(join(tmpdir(), 'ply-docs-out-'));
    const lines: string[] = [];
    const output: Output = { json: false, out: (text) => void lines.push(text), err: () => undefined };
    docsCommand(output, [], { out });
    expect(lines.join('\n')).toMatch(/wrote the Actions Library of \d+ modules/);
    const index = readFileSync(join(out, 'index.md'), 'utf8');
    expect(index).toContain('[Mattermost](modules/mattermost.md)');
    expect(index).toContain('[IPInfo](modules/ipinfo.io.md)');
    expect(readFileSync(join(out, 'modules', 'ipinfo.io.md'), 'utf8')).toContain('metadata only');
    expect(readFileSync(join(out, 'index.html'), 'utf8')).toContain('<h2>Notifications</h2>');
  });

  it('also documents the module folders it is given', () => {
    const out = mkdtempSync(join(tmpdir(), 'ply-docs-out-'));
    docsCommand({ json: true, out: () => undefined, err: () => undefined }, [join(CORPUS, 'Triage')], { out });
    expect(readFileSync(join(out, 'index.md'), 'utf8')).toContain('[Triage](modules/triage.md)');
    expect(() => docsCommand({ json: true, out: () => undefined, err: () => undefined }, [REPO], { out })).toThrow(/neither a plugin package/);
  });
});
