import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { bundlePlugin, formatFinding, lintModule, lintTree } from '@ply/kit';
import { corpusModuleDirs, sekoiaCorpusDir } from '@ply/kit/testing';
import mattermostPlugin from '@ply/plugin-mattermost';
import { linkedScaffold } from '../kit/test/linked-plugin.js';

const CORPUS_DIR = sekoiaCorpusDir();

const CORE = '0.1.0';
const MATTERMOST = fileURLToPath(new URL('../plugins/mattermost', import.meta.url));

function copyCorpusModule(name: string): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'ply-lint-')), name);
  cpSync(join(CORPUS_DIR, name), dir, { recursive: true });
  return dir;
}

/** A copy of plugins/mattermost with a CHANGELOG.md at its version (its own may not exist yet). */
function copyPlugin(): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'ply-lint-plugin-')), 'mattermost');
  cpSync(MATTERMOST, dir, { recursive: true, filter: (src) => !src.includes('node_modules') });
  const { version } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string };
  writeFileSync(join(dir, 'CHANGELOG.md'), `# Changelog\n\n## [${version}] - 2026-11-29\n\n### Added\n- Post Message\n`);
  return dir;
}

const editJson = (file: string, edit: (data: Record<string, unknown>) => void) => {
  const data = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  edit(data);
  writeFileSync(file, JSON.stringify(data));
};

describe('ply lint over the Sekoia.io corpus', () => {
  it('lints all 170 reference modules without crashing, reporting their defects as warnings only', async () => {
    const reports = await lintTree(CORPUS_DIR, { coreVersion: CORE });
    expect(reports).toHaveLength(corpusModuleDirs().length);
    const findings = reports.flatMap((report) => report.findings);
    expect(findings.filter((finding) => finding.severity === 'error')).toEqual([]);
    const rules = new Set(findings.map((finding) => finding.rule));
    // Defects the reference is known to carry: Kubernetes' "1.0" version, dangling $refs, items without slug.
    expect([...rules]).toEqual(expect.arrayContaining(['version-match', 'schema-refs', 'slug-format']));
    const kubernetes = findings.find((finding) => finding.file.includes('Kubernetes') && finding.pointer === '/version');
    expect(kubernetes && formatFinding(kubernetes, CORPUS_DIR)).toMatch(/^Kubernetes\/manifest\.json:\/version: warning: "1\.0" is not semver/);
  });
});

describe('ply lint on a broken module folder', () => {
  it('reports each rule at its file and JSON pointer', async () => {
    const dir = copyCorpusModule('Mattermost');
    editJson(join(dir, 'manifest.json'), (m) => {
      m['uuid'] = 'not-a-uuid';
      m['slug'] = 'Matter Most';
      m['description'] = ' ';
      (m['configuration'] as Record<string, unknown>)['secrets'] = ['hook_url', 'missing_key'];
      (m['configuration'] as Record<string, unknown>)['required'] = ['hook_url', 'ghost'];
    });
    writeFileSync(join(dir, 'CHANGELOG.md'), '# Changelog\n\n## [Unreleased]\n\n## [9.9.9] - 2026-01-01\n');
    const { findings } = await lintModule(dir, { coreVersion: CORE });
    const at = findings.map((f) => `${f.file.slice(dir.length + 1)}:${f.pointer} ${f.rule}`);
    expect(at).toEqual(
      expect.arrayContaining([
        'manifest.json:/uuid uuid-format',
        'manifest.json:/slug slug-format',
        'manifest.json:/description text-present',
        'manifest.json:/configuration/secrets/1 secrets-exist',
        'manifest.json:/configuration/required/1 required-declared',
        'CHANGELOG.md: version-match',
      ]),
    );
    expect(findings.every((f) => f.severity === 'warning')).toBe(true);
  });

  it('makes a schema that does not compile and an unreadable file errors', async () => {
    const dir = copyCorpusModule('Mattermost');
    editJson(join(dir, 'action_mattermost_postmessage.json'), (a) => {
      (a['arguments'] as Record<string, unknown>)['type'] = 'not-a-type';
    });
    const broken = await lintModule(dir, { coreVersion: CORE });
    expect(broken.findings).toContainEqual(expect.objectContaining({ severity: 'error', rule: 'schema-compiles', pointer: '/arguments' }));
    writeFileSync(join(dir, 'manifest.json'), '{ "uuid": ');
    const unreadable = await lintModule(dir, { coreVersion: CORE });
    expect(unreadable.findings).toEqual([expect.objectContaining({ severity: 'error', rule: 'loads' })]);
  });

  it('warns about duplicated uuids and docker_parameters through the loader', async () => {
    const dir = copyCorpusModule('Mattermost');
    const message = JSON.parse(readFileSync(join(dir, 'action_mattermost_postmessage.json'), 'utf8')) as Record<string, unknown>;
    writeFileSync(join(dir, 'action_zz_copy.json'), JSON.stringify({ ...message, slug: 'copy' }));
    const { findings } = await lintModule(dir, { coreVersion: CORE });
    const duplicates = findings.filter((f) => f.rule === 'unique' && f.file.endsWith('action_zz_copy.json'));
    expect(duplicates.map((f) => f.pointer).sort()).toEqual(['/docker_parameters', '/uuid']);
  });
});

describe('ply lint on a plugin package', () => {
  it('finds a copy of the Mattermost plugin with a changelog clean (code bound to every JSON, versions equal)', async () => {
    const dir = copyPlugin();
    const report = await lintModule(dir, { coreVersion: CORE, plugin: mattermostPlugin });
    expect(report.kind).toBe('plugin');
    expect(report.findings).toEqual([]);
  });

  it('turns defects into errors and checks the code binding both ways', async () => {
    const dir = copyPlugin();
    editJson(join(dir, 'module', 'action_post_message.json'), (a) => {
      a['docker_parameters'] = 'renamed';
    });
    editJson(join(dir, 'package.json'), (p) => {
      // A version the module JSON does not carry.
      p['version'] = '9.9.9';
    });
    const plugin = mattermostPlugin;
    const { findings } = await lintModule(dir, { coreVersion: CORE, plugin });
    const lines = findings.map((f) => `${f.severity} ${f.file.slice(dir.length + 1)}:${f.pointer} ${f.rule}`);
    expect(lines).toEqual(
      expect.arrayContaining([
        'error module/action_post_message.json:/docker_parameters code-bound',
        'error src/index.ts: code-bound',
        'error package.json:/version version-match',
      ]),
    );
  });

  it('binds the JSON to the code of the TypeScript sources, not to a stale dist/', async () => {
    const dir = linkedScaffold('acme-lint');
    await bundlePlugin(join(dir, 'src/index.ts'), join(dir, 'dist/index.js'), { minify: false });
    expect((await lintModule(dir, { coreVersion: CORE })).findings).toEqual([]);
    const action = join(dir, 'src/get-item.action.ts');
    writeFileSync(action, readFileSync(action, 'utf8').replace("docker_parameters: 'acme_lint_get_item'", "docker_parameters: 'acme_lint_fetch_item'"));
    const { findings } = await lintModule(dir, { coreVersion: CORE });
    expect(findings.map((f) => `${f.file.slice(dir.length + 1)}:${f.pointer} ${f.message}`)).toEqual([
      'module/action_get_item.json:/docker_parameters no code is bound to "acme_lint_get_item" (the plugin\'s actions are: acme_lint_fetch_item)',
      'src/index.ts: action "acme_lint_fetch_item" has no action_*.json file; run `ply manifest build`',
    ]);
  });
});
