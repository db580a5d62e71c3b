import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { startFakeServer, sekoiaCorpusDir } from '@ply/kit/testing';
import { CLI, runCli } from './cli-helpers.js';

interface ModuleRow {
  slug: string;
  version: string;
  source: string;
  runs: boolean;
  status: string;
}

/** A fresh $PLY_HOME holding Sekoia's reference Sekoia.io module (2.70.x, metadata only), imported as a user would. */
async function homeWithImportedSekoia(): Promise<string> {
  const home = mkdtempSync(join(tmpdir(), 'ply-precedence-'));
  const imported = await runCli(['import', join(sekoiaCorpusDir(), 'Sekoia.io')], { env: { PLY_HOME: home } });
  expect(imported.code, imported.stderr).toBe(0);
  return home;
}

async function modules(home: string, args: string[] = [], env: Record<string, string> = {}): Promise<ModuleRow[]> {
  const listed = await runCli([...args, 'modules', '--json'], { env: { PLY_HOME: home, ...env } });
  expect(listed.code, listed.stderr).toBe(0);
  return (JSON.parse(listed.stdout) as { modules: ModuleRow[] }).modules;
}

describe('which module version runs (built CLI)', () => {
  it('runs the workspace plugin over a higher imported metadata-only version, and lists both', async () => {
    const home = await homeWithImportedSekoia();
    const rows = (await modules(home)).filter((row) => row.slug === 'sekoia.io');
    expect(rows).toEqual([
      expect.objectContaining({ source: 'workspace', version: expect.stringMatching(/^1\./), runs: true, status: 'runs' }),
      expect.objectContaining({ source: 'installed', version: expect.stringMatching(/^2\./), runs: false, status: 'metadata only' }),
    ]);

    // The plugin's code runs: it calls the Sekoia.io API (here a local server that knows no alert).
    const paths: string[] = [];
    const app = new Hono();
    app.all('*', (c) => {
      paths.push(c.req.path);
      return c.json({ message: 'Alert not found' }, 404);
    });
    const api = await startFakeServer(app.fetch);
    try {
      const run = await runCli(['run', 'sekoia.io.get_alert', '--arg', 'uuid=ALabc', '--config', `base_url=${api.url}`, '--config', 'api_key=k-123456'], { env: { PLY_HOME: home } });
      expect(run.stderr).not.toContain('PLY_NO_IMPLEMENTATION');
      expect(run.stderr).toContain('PLY_VENDOR_HTTP_ERROR');
      expect(paths).toEqual(['/api/v1/sic/alerts/ALabc']);
    } finally {
      await api.close();
    }

    const out = join(home, 'library');
    const docs = await runCli(['docs', '--out', out], { env: { PLY_HOME: home } });
    expect(docs.code, docs.stderr).toBe(0);
    const index = readFileSync(join(out, 'index.md'), 'utf8');
    expect(index).toContain('## Getters');
    expect(index).toContain('## Setters');
  });

  it('ignores the checkout with PLY_WORKSPACE=off or --no-workspace', async () => {
    const home = await homeWithImportedSekoia();
    for (const rows of [await modules(home, [], { PLY_WORKSPACE: 'off' }), await modules(home, ['--no-workspace'])]) {
      expect(rows.map((row) => `${row.slug}@${row.source}`)).toEqual(['sekoia.io@installed']);
    }
  });
});

describe('a closed pipe', () => {
  it('ends `ply describe` quietly when the reader goes away (as `| head -2` does)', async () => {
    expect(existsSync(CLI)).toBe(true);
    const child = spawn(process.execPath, [CLI, 'describe', 'sekoia.io'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    // Read the first chunk, then close our end as `head` does once it has its lines.
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });
});
