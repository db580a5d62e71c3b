import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** What is under `$PLY_HOME/modules`: an install that failed must leave no version folder and no staging leftovers. */
export function modulesLeft(home: string): string[] {
  const root = join(home, 'modules');
  return existsSync(root) ? readdirSync(root) : [];
}
