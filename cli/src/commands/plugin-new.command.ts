import { relative } from 'node:path';
import { scaffoldPlugin } from '@ply/kit';
import { printJson, type Output } from '../output.js';
import { findWorkspaceRoot } from '../workspace.js';

export interface PluginNewOptions {
  dir?: string;
  name?: string;
  package?: string;
}

/**
 * `ply plugin new <slug> [--dir D]`: scaffolds a plugin package that builds, lints and passes its
 * tests, and prints the commands to run next: a checkout's (pnpm, workspace packages) when it is
 * created in the checkout's `plugins/`, else a standalone package's (npm, `ply build`, `ply test`).
 */
export function pluginNewCommand(output: Output, slug: string, options: PluginNewOptions): void {
  const workspaceRoot = findWorkspaceRoot();
  const result = scaffoldPlugin(slug, { ...options, ...(workspaceRoot ? { workspaceRoot } : {}) });
  if (output.json) return printJson(output, result);
  const where = relative(process.cwd(), result.dir) || '.';
  output.out(`created ${where} (${result.files.length} files, ${result.place === 'workspace' ? 'a workspace package of this checkout' : 'a standalone package'})`);
  output.out('next:');
  for (const step of result.next) output.out(`  ${step.command}${step.what ? `\n      ${step.what}` : ''}`);
}
