import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sekoiaCorpusDir } from '@ply/kit/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { setupConsole } from './console-fixture.js';

/** A corpus of two real Sekoia.io module folders and one whose manifest is broken. */
function smallCorpus(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ply-corpus-'));
  for (const folder of ['Shodan', 'Whois']) cpSync(join(sekoiaCorpusDir(), folder), join(dir, folder), { recursive: true });
  mkdirSync(join(dir, 'Broken'));
  writeFileSync(join(dir, 'Broken', 'manifest.json'), '{ not json');
  return dir;
}

describe('console: the Sekoia.io corpus as metadata-only modules', () => {
  let fixture: Awaited<ReturnType<typeof setupConsole>> | undefined;
  let corpus: string | undefined;
  afterEach(async () => {
    await fixture?.close();
    if (corpus) rmSync(corpus, { recursive: true, force: true });
  });

  it('lists the corpus modules marked metadata only, searches them, and shows what each action takes', async () => {
    corpus = smallCorpus();
    fixture = await setupConsole({ corpusDir: corpus });
    const viewer = await fixture.client('viewer');
    expect(await viewer.text('/marketplace')).toContain('href="/marketplace/corpus"');
    const list = await viewer.text('/marketplace/corpus');
    expect(list).toContain('2 modules in');
    expect(list).toContain('(1 unreadable folder(s) left out)');
    expect(list).toContain('<span class="tag">metadata only</span>');
    expect(list).toContain('href="/marketplace/corpus/Shodan"');
    const found = await viewer.text('/marketplace/corpus?q=whois');
    expect(found).toContain('1 module in');
    expect(found).not.toContain('href="/marketplace/corpus/Shodan"');
    const shodan = await viewer.text('/marketplace/corpus/Shodan');
    expect(shodan).toContain('from the Sekoia.io corpus, not installable');
    expect(shodan).toMatch(/<code>api_key<\/code><\/td><td>string<\/td><td>yes<\/td>/);
    expect(shodan).not.toContain('>Install<');
    expect((await viewer.request('/marketplace/corpus/Nope')).status).toBe(404);
  });

  it('shows how far the built-in marketplace is while it fills', async () => {
    fixture = await setupConsole({ registry: 'http://127.0.0.1:9/', marketplaceProgress: () => 'The built-in marketplace is being filled: 3 of 12 published.' });
    const viewer = await fixture.client('viewer');
    expect(await viewer.text('/marketplace')).toContain('The built-in marketplace is being filled: 3 of 12 published.');
  });
});
