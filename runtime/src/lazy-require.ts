import { createRequire } from 'node:module';

const requireHere = createRequire(import.meta.url);

/**
 * A CommonJS dependency loaded the first time it is used, through a synchronous call, so that
 * start-up does not pay for a library few processes need (YAML playbooks, cron schedules). The
 * name is not a literal on purpose: the bundler leaves the package out of the core bundle and
 * Node loads it from node_modules on first use.
 */
export function lazyRequire<T>(id: string): () => T {
  let loaded: T | undefined;
  return () => (loaded ??= requireHere(id) as T);
}
