import { mkdirSync, mkdtempSync, realpathSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { scaffoldPlugin } from '@ply/kit';

const REPO = fileURLToPath(new URL('..', import.meta.url));

/**
 * A scaffolded plugin in a temp folder outside the checkout, its run-time dependencies linked to
 * this checkout's copies (what `npm install` would put there; the built ones, as from a registry).
 */
export function linkedScaffold(slug: string): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'ply-plugin-')), slug);
  scaffoldPlugin(slug, { dir });
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
  return dir;
}
