import { defineConfig } from 'vitest/config';

// Workspace packages resolve to their TypeScript sources through the `@ply/source` export
// condition, so tests never run against a stale dist/.
export default defineConfig({
  resolve: { conditions: ['@ply/source'] },
  ssr: { resolve: { conditions: ['@ply/source'] } },
  test: {
    include: ['{jinja,core,runtime,installer,kit,console,cli,registry}/{src,test}/**/*.test.{ts,tsx}', 'plugins/*/{src,test}/**/*.test.ts', 'test/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    // `ply manifest` and `ply lint` bundle a plugin's sources under its node_modules/.cache/ply/
    // and import that file: run it through vite like the sources, so its `@ply/core` is the
    // TypeScript source the tests use (Node, given the `@ply/source` condition, cannot load .ts).
    server: { deps: { inline: [/node_modules\/\.cache\/ply\//] } },
  },
});
