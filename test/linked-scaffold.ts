import { mkdirSync, mkdtempSync, realpathSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { scaffoldPlugin } from '@ply/kit';

const REPO = fileURLToPath(new URL('..', import.meta.url));

/**
 * A scaffolded plugin in a temp folder outside the checkout, its run-time dependencies linked to
 * this checkout's copies (what `npm install` would put there): enough to bundle and import it.
 */
export function linkedScaffold(slug: string): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'ply-plugin-')), slug);
  scaffoldPlugin(slug, { dir });
  const links: Record<string, string> = { '@ply/core': join(REPO, 'core'), zod: realpathSync(join(REPO, 'core/node_modules/zod')) };
  for (const [name, target] of Object.entries(links)) {
    mkdirSync(dirname(join(dir, 'node_modules', name)), { recursive: true });
    symlinkSync(target, join(dir, 'node_modules', name), 'dir');
  }
  return dir;
}
