import { resolve } from 'node:path';
import { PlyError } from '@ply/core';
import type { AuthorToolchain } from './author-toolchain.js';

/** What a test run counted. */
export interface TestOutcome {
  files: number;
  passed: number;
  failed: number;
}

/**
 * Runs a plugin's tests once with the toolchain's vitest (`root` the plugin folder, its own
 * `vitest.config.*` if it has one), printing vitest's usual report. Fails with PLY_TESTS_FAILED
 * when a test fails or when no test file matched.
 */
export async function testPlugin(dir: string, toolchain: AuthorToolchain, filters: string[] = []): Promise<TestOutcome> {
  const root = resolve(dir);
  const vitest = await toolchain.startVitest('test', filters, { root, run: true, watch: false });
  try {
    const files = vitest.state.getFiles();
    const tests = vitest.state.getCountOfFailedTests();
    const passed = files.flatMap((file) => collectTests(file)).filter((state) => state === 'pass').length;
    if (files.length === 0) throw new PlyError('PLY_TESTS_FAILED', `${root}: no test file found${filters.length > 0 ? ` matching ${filters.join(' ')}` : ''}`);
    const failedFiles = files.filter((file) => file.result?.state === 'fail').length;
    if (tests > 0 || failedFiles > 0) throw new PlyError('PLY_TESTS_FAILED', `${root}: ${tests} test${tests === 1 ? '' : 's'} failed${failedFiles > 0 ? ` in ${failedFiles} file${failedFiles === 1 ? '' : 's'}` : ''}`, { details: { failed: tests, passed } });
    return { files: files.length, passed, failed: 0 };
  } finally {
    await vitest.close();
  }
}

/** The end states of every test under a task (files and suites hold tasks). */
function collectTests(task: { type: string; result?: { state?: string }; tasks?: unknown[] }): string[] {
  if (task.type === 'test') return [task.result?.state ?? 'skip'];
  return (task.tasks ?? []).flatMap((child) => collectTests(child as typeof task));
}
