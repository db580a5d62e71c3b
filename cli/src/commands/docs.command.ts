import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { existsSync } from 'node:fs';
import { actionsLibraryFiles } from '@ply/kit';
import { isPluginPackage, PlyError } from '@ply/core';
import { openPly } from '../open-ply.js';
import { printJson, type Output } from '../output.js';
import { progressOf, statusLine } from '../progress.js';

export interface DocsOptions {
  out?: string;
}

/**
 * `ply docs [folders...] [--out DIR]`: writes the Actions Library (Markdown and HTML) for every
 * module Ply knows (workspace plugins, installed and imported modules; highest version of each),
 * plus the plugin packages or module folders given.
 */
export function docsCommand(output: Output, folders: string[], options: DocsOptions): void {
  const ply = openPly(output);
  for (const folder of folders) {
    if (isPluginPackage(folder)) ply.addPackage(folder);
    else if (existsSync(join(folder, 'manifest.json'))) ply.addModuleFolder(folder);
    else throw new PlyError('PLY_INVALID_INPUT', `${folder} is neither a plugin package nor a module folder (manifest.json)`);
  }
  const out = resolve(options.out ?? 'actions-library');
  const modules = ply.catalog.modules().map((module) => ({ module, runnable: ply.code.hasCode(module) && !module.engineMismatch }));
  const rendering = statusLine(output, `rendering the Actions Library of ${modules.length} modules`);
  const files = actionsLibraryFiles(modules);
  rendering.done();
  const progress = progressOf(output, 'docs', files.size);
  for (const [path, text] of files) {
    progress.next(path);
    const file = join(out, path);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text);
  }
  progress.stop();
  if (output.json) return printJson(output, { out, modules: modules.length, files: [...files.keys()] });
  output.out(`wrote the Actions Library of ${modules.length} modules to ${out} (index.md, index.html and ${files.size - 2} module pages)`);
}
