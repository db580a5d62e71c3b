import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './cli-helpers.js';

/**
 * The YAML block of docs/playbooks.md that follows `<!-- tested: <testFile> ... -->`: an example
 * is run as the document shows it, so the document cannot drift from what is tested.
 */
export function documentedPlaybook(testFile: string): string {
  const docs = readFileSync(join(REPO_ROOT, 'docs/playbooks.md'), 'utf8');
  const marker = docs.indexOf(`<!-- tested: ${testFile}`);
  const block = marker < 0 ? null : /```yaml\n([\s\S]*?)```/.exec(docs.slice(marker));
  if (!block) throw new Error(`docs/playbooks.md has no example marked as tested by ${testFile}`);
  return block[1]!;
}
