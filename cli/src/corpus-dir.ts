import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * The Sekoia.io automation-library corpus to browse as metadata-only modules: `$PLY_CORPUS_DIR`,
 * else `../shared/corpus/automation-library` beside the workspace, when it exists.
 */
export function corpusDirOf(workspaceRoot: string | undefined): string | undefined {
  const fromEnv = process.env['PLY_CORPUS_DIR'];
  const dir = fromEnv ? resolve(fromEnv) : workspaceRoot ? join(workspaceRoot, '..', 'shared', 'corpus', 'automation-library') : undefined;
  return dir && existsSync(dir) ? dir : undefined;
}
