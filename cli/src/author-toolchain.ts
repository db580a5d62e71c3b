import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { AuthorToolchain } from '@ply/kit';

const require = createRequire(import.meta.url);

/** The declaration file a package.json's `types` names. */
export function declarationFileOf(packageJson: string): string {
  const { types } = JSON.parse(readFileSync(packageJson, 'utf8')) as { types?: string };
  return join(dirname(packageJson), types ?? 'index.d.ts');
}

/**
 * The CLI's own TypeScript, vitest and @types/node (dependencies of @ply/cli), loaded on first use:
 * `ply build` and `ply test` work on a plugin that installed only `@ply/core`, `zod` and `@ply/kit`.
 */
export async function cliToolchain(): Promise<AuthorToolchain> {
  const [typescript, { startVitest }] = await Promise.all([import('typescript'), import('vitest/node')]);
  return {
    typescript: typescript.default,
    typesRoot: dirname(dirname(require.resolve('@types/node/package.json'))),
    vitestTypes: declarationFileOf(require.resolve('vitest/package.json')),
    startVitest,
  };
}
