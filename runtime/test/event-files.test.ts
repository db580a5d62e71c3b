import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { enabled, setupEngine } from './playbook-fixture.js';

/** A trigger's event folder with one file, as a trigger writes it before `ctx.emit(event, { directory })`. */
function eventFolder(): string {
  const folder = join(mkdtempSync(join(tmpdir(), 'ply-trigger-')), 'results', '1');
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, 'raw.json'), '{"n": 1}');
  return folder;
}

describe('PlaybookEngine: the files of a trigger event', () => {
  it('moves the event folder to be the data folder of the run it starts, before the run', async () => {
    const { engine } = await setupEngine();
    const id = await enabled(engine, { name: 'Files', trigger: { type: 'manual', next: ['keep'] }, nodes: { keep: { type: 'store', set: { path: '{{ trigger.file_path }}' } } } });
    const folder = eventFolder();
    const { executionId, done } = await engine.start(id, { file_path: 'raw.json' }, { files: folder });
    expect((await done).status).toBe('succeeded');
    expect(readFileSync(join(engine.runDataDir(executionId), 'raw.json'), 'utf8')).toBe('{"n": 1}');
    expect(existsSync(folder)).toBe(false);
  });

  it('moves them on submit too (the path a supervised trigger takes)', async () => {
    const { engine } = await setupEngine();
    const id = await enabled(engine, { name: 'Files', trigger: { type: 'manual', next: ['keep'] }, nodes: { keep: { type: 'store', set: { ok: true } } } });
    const folder = eventFolder();
    const { executionId } = await engine.submit(id, { file_path: 'raw.json' }, { files: folder });
    expect(existsSync(join(engine.runDataDir(executionId), 'raw.json'))).toBe(true);
    expect(existsSync(folder)).toBe(false);
  });
});
