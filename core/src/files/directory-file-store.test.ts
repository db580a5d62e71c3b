import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DirectoryFileStore } from './directory-file-store.js';

describe('DirectoryFileStore', () => {
  const store = () => new DirectoryFileStore(join(mkdtempSync(join(tmpdir(), 'ply-files-')), 'run'));

  it('writes bytes as they are, under a new name that keeps the extension, with no temporary file left', async () => {
    const files = store();
    const bytes = new Uint8Array([0x25, 0x50, 0x44, 0x46, 0xff, 0x00, 0xfe]);
    const name = await files.writeBytes('export.pdf', bytes);
    expect(name).toMatch(/^export-[0-9a-f-]{36}\.pdf$/);
    expect(new Uint8Array(readFileSync(files.resolve(name)))).toEqual(bytes);
    expect(readdirSync(files.root)).toEqual([name]);
  });

  it('writes text and JSON the same way, each under a name of its own', async () => {
    const files = store();
    const text = await files.writeText('notes.txt', 'héllo');
    const json = await files.writeJson('result', { a: 1 });
    expect(await files.readText(text)).toBe('héllo');
    expect(await files.readJson(json)).toEqual({ a: 1 });
    expect(json).toMatch(/^result-.+\.json$/);
  });

  it('refuses a name that leaves the run folder', () => {
    expect(() => store().resolve('../elsewhere.txt')).toThrow("escapes the run's data folder");
  });
});
