import { mkdirSync, mkdtempSync, realpathSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { scaffoldPlugin } from '../src/scaffold/plugin-scaffold.js';

const REPO = fileURLToPath(new URL('../..', import.meta.url));

/**
 * Links what a standalone scaffold declares, and nothing else (no TypeScript, vitest nor
 * @types/node), to this checkout's built copies: what `npm install` from a Ply registry puts there
 * (the tutorial test runs the real one).
 */
export function linkPluginDependencies(dir: string): void {
  const links: Record<string, string> = {
    '@ply/core': join(REPO, 'core'),
    '@ply/kit': join(REPO, 'kit'),
    zod: realpathSync(join(REPO, 'core/node_modules/zod')),
    hono: realpathSync(join(REPO, 'kit/node_modules/hono')),
  };
  for (const [name, target] of Object.entries(links)) {
    mkdirSync(dirname(join(dir, 'node_modules', name)), { recursive: true });
    symlinkSync(target, join(dir, 'node_modules', name), 'dir');
  }
}

/** A scaffolded plugin in a temp folder outside the checkout, its dependencies linked. */
export function linkedScaffold(slug: string): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'ply-plugin-')), slug);
  scaffoldPlugin(slug, { dir });
  linkPluginDependencies(dir);
  return dir;
}
