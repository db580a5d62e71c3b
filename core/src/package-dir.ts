import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The folder of the package named `name` that holds `moduleUrl`, found by walking up to its
 * package.json. Code reaches its package's files this way rather than by a fixed `../..`: the
 * same module runs from src/ (tests), dist/ (tsc) and dist/bundle/ (esbuild chunks).
 */
export function packageDirOf(moduleUrl: string, name: string): string {
  const start = dirname(fileURLToPath(moduleUrl));
  for (let dir = start; ; dir = dirname(dir)) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: unknown };
      if (pkg.name === name) return dir;
    } catch {
      // no package.json here (or not JSON): keep walking up
    }
    if (dirname(dir) === dir) throw new Error(`no package.json named ${name} above ${start}`);
  }
}
