import { relative } from 'node:path';
import { scaffoldPlugin } from '@ply/kit';
import { printJson, type Output } from '../output.js';
import { findWorkspaceRoot } from '../workspace.js';

export interface PluginNewOptions {
  dir?: string;
  name?: string;
  package?: string;
}

/** `ply plugin new <slug> [--dir D]`: scaffolds a plugin package that builds, lints and passes its tests. */
export function pluginNewCommand(output: Output, slug: string, options: PluginNewOptions): void {
  const workspaceRoot = findWorkspaceRoot();
  const { dir, files } = scaffoldPlugin(slug, { ...options, ...(workspaceRoot ? { workspaceRoot } : {}) });
  if (output.json) return printJson(output, { dir, files });
  const where = relative(process.cwd(), dir) || '.';
  output.out(`created ${where} (${files.length} files)`);
  output.out(`next: install dependencies (pnpm install), then in ${where}: npm run build && npm test && ply lint .`);
}
