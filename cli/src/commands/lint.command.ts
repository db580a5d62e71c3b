import { join } from 'node:path';
import { formatFinding, isLintTarget, lintTree } from '@ply/kit';
import { PLY_CORE_VERSION, PlyError } from '@ply/core';
import { printJson, type Output } from '../output.js';
import { findWorkspaceRoot } from '../workspace.js';

/** Without a path: the current folder when it is a module, else the checkout's plugins/. */
function defaultPath(cwd: string): string {
  if (isLintTarget(cwd)) return cwd;
  const root = findWorkspaceRoot();
  return root && cwd === root ? join(root, 'plugins') : cwd;
}

/**
 * `ply lint [path]`: lints a plugin package, a module folder, or every module folder inside
 * `path` (default: the current folder, or `plugins/` at the root of a checkout). Prints one line
 * per finding; fails (PLY_MANIFEST_INVALID) only when there are errors.
 */
export async function lintCommand(output: Output, path: string | undefined): Promise<void> {
  const cwd = process.cwd();
  const reports = await lintTree(path ?? defaultPath(cwd), { coreVersion: PLY_CORE_VERSION });
  const findings = reports.flatMap((report) => report.findings);
  const errors = findings.filter((finding) => finding.severity === 'error').length;
  const warnings = findings.length - errors;
  if (output.json) {
    printJson(output, { modules: reports.length, errors, warnings, reports });
  } else {
    for (const finding of findings) output.out(formatFinding(finding, cwd));
    output.err(`${reports.length} module${reports.length === 1 ? '' : 's'} linted: ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`);
  }
  if (reports.length === 0) throw new PlyError('PLY_INVALID_INPUT', `${path ?? cwd} holds no plugin package nor module folder (manifest.json)`);
  if (errors > 0) throw new PlyError('PLY_MANIFEST_INVALID', `lint found ${errors} error${errors === 1 ? '' : 's'}`, { details: { errors, warnings } });
}
