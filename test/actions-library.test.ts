import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadModuleFolder, loadPluginPackage, type LoadedModule } from '@ply/core';
import { actionsLibraryFiles } from '@ply/kit';
import { corpusModuleDirs } from '@ply/kit/testing';

const MATTERMOST = fileURLToPath(new URL('../plugins/mattermost', import.meta.url));
const mattermost = (): LoadedModule => loadPluginPackage(MATTERMOST, 'workspace', '0.1.0');

describe('the Actions Library', () => {
  it('groups the index as Sekoia.io does: modules under their group, items with their own group too', () => {
    const files = actionsLibraryFiles([{ module: mattermost(), runnable: true }]);
    const index = files.get('index.md')!;
    const notifications = index.slice(index.indexOf('## Notifications'), index.indexOf('## Third-party applications'));
    expect(notifications).toContain('| [Post Message](modules/mattermost.md#action-post_message) | Post message to Mattermost (Mattermost) |');
    expect(index.slice(index.indexOf('## Third-party applications'))).toContain('| [Mattermost](modules/mattermost.md) |');
    expect(index.indexOf('## Notifications')).toBeLessThan(index.indexOf('## Third-party applications'));
  });

  it('documents a module page: configuration with secrets marked, arguments and results per action', () => {
    const page = actionsLibraryFiles([{ module: mattermost(), runnable: true }]).get('modules/mattermost.md')!;
    expect(page).toContain('| hook_url (secret) | string (uri) | yes | URL of the mattermost incoming webhook |');
    const postMessage = page.slice(page.indexOf('### Post Message'));
    expect(postMessage).toContain('#### Arguments');
    expect(postMessage).toMatch(/\| message \| string \| yes \| The message to post \|/);
    expect(postMessage).toContain('#### Results');
  });

  it('renders the same pages as HTML with links to .html and every text escaped', () => {
    const module = mattermost();
    const hostile = { ...module, manifest: { ...module.manifest, description: '<script>alert(1)</script>' } };
    const files = actionsLibraryFiles([{ module: hostile, runnable: false }]);
    const html = files.get('index.html')!;
    expect(html).toContain('<a href="modules/mattermost.html">Mattermost</a>');
    expect(html).not.toContain('<script>');
    expect(files.get('modules/mattermost.html')).toContain('metadata only');
  });

  it('documents the 170 corpus modules, each with a page, all under a known group', () => {
    const modules = corpusModuleDirs().map((dir) => ({ module: loadModuleFolder(dir, { coreVersion: '0.1.0' }), runnable: false }));
    const files = actionsLibraryFiles(modules);
    expect(files.size).toBe(2 + 2 * 170);
    const index = files.get('index.md')!;
    expect(index.match(/^## .+$/gm)).toEqual(['## Third-party applications']);
    expect(index.match(/^\| \[/gm)).toHaveLength(170);
  });
});
