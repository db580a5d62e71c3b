import { Ply, type PlySettings } from '@ply/core';
import type { Output } from './output.js';
import { findWorkspaceRoot } from './workspace.js';

/** A Ply runtime with the workspace's plugins and `$PLY_HOME`'s modules; load failures become warnings. */
export function openPly(output: Output, settings: Partial<PlySettings> = {}): Ply {
  const ply = new Ply({ settings });
  const report = ply.discover(findWorkspaceRoot());
  for (const { dir, error } of report.errors) {
    output.err(`warning: module at ${dir} was not loaded: ${error.code}: ${error.message}`);
  }
  return ply;
}
