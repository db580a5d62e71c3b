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
  },
});
