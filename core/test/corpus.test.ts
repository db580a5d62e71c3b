import { describe, expect, it } from 'vitest';
import { loadModuleFolder } from '../src/manifest/module-loader.js';
import { SchemaCompiler } from '../src/manifest/schema-compiler.js';
import { corpusModuleDirs } from '@ply/kit/testing';

describe('the Sekoia.io corpus (683 files)', () => {
  const modules = corpusModuleDirs().map((dir) => loadModuleFolder(dir, { coreVersion: '0.1.0' }));

  it('loads every module folder with the counts of the reference', () => {
    expect(modules).toHaveLength(170);
    const count = (kind: string) => modules.reduce((n, m) => n + m.items.filter((i) => i.kind === kind).length, 0);
    expect([count('action'), count('trigger'), count('connector')]).toEqual([310, 109, 94]);
  });

  it('keys items by (module, kind, uuid): the 80 trigger/connector twins stay distinct', () => {
    const keys = new Set(modules.flatMap((m) => m.items.map((i) => `${m.manifest.slug}/${i.kind}/${i.uuid}`)));
    expect(keys.size).toBe(513);
    const bareUuids = new Set(modules.flatMap((m) => m.items.map((i) => i.uuid)));
    expect(bareUuids.size).toBeLessThan(513);
  });

  it('compiles all 1,105 embedded schemas (draft-07 and 2020-12, non-standard keywords tolerated)', () => {
    const compiler = new SchemaCompiler();
    let compiled = 0;
    for (const module of modules) {
      compiler.validator(module.manifest.configuration, { file: `${module.dir}/manifest.json`, pointer: '/configuration' });
      compiled++;
      for (const item of module.items) {
        compiler.validator(item.arguments, { file: item.file, pointer: '/arguments' });
        compiled++;
        if (item.raw['results'] !== undefined) {
          compiler.validator(item.results, { file: item.file, pointer: '/results' });
          compiled++;
        }
      }
    }
    expect(compiled).toBe(1105);
  });

  it('derives a slug from the file name when the item has none (Glimps, JIRA, NewRelic)', () => {
    const jira = modules.find((m) => m.manifest.slug === 'atlassian-jira')!;
    expect(jira.items.map((item) => item.slug).sort()).toEqual(['change_issue_status', 'comment_issue', 'create_issue', 'get_issue', 'search_issues']);
  });

  it('reads the non-semver Kubernetes version and keeps a warning about it', () => {
    const kubernetes = modules.find((m) => m.manifest.name === 'Kubernetes')!;
    expect(kubernetes.manifest.version).toBe('1.0.0');
    expect(kubernetes.warnings.map((w) => w.pointer)).toContain('/version');
  });
});
