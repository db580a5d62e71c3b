import type TypeScript from 'typescript';
import type { startVitest } from 'vitest/node';

/**
 * The TypeScript compiler and the test runner a plugin is built and tested with. The `ply` CLI
 * provides its own (so a plugin outside a checkout needs neither installed: its package.json
 * depends on `@ply/core` and `zod` only, and dev-depends on `@ply/kit` and `hono`); a plugin that
 * installs its own `typescript`, `vitest` or `@types/node` has them used instead.
 */
export interface AuthorToolchain {
  typescript: typeof TypeScript;
  /** A `node_modules/@types` folder holding `@types/node`. */
  typesRoot: string;
  /** The declaration file of `vitest` (its package's `types`), for test files' `import ... from 'vitest'`. */
  vitestTypes: string;
  startVitest: typeof startVitest;
}
