import { join } from 'node:path';
import { settingsFromEnvironment } from '@ply/core/settings';
import { printJson, type Output } from '../output.js';

export interface RegistryServeOptions {
  host?: string;
  port?: string;
  storage?: string;
  /** `--no-seed`: do not offer the packages plugin authors install. */
  seed?: boolean;
}

/** `--storage`, else `$PLY_HOME/registry`. */
export function registryStorageOf(storage: string | undefined): string {
  return storage ?? join(settingsFromEnvironment().home, 'registry');
}

/**
 * `ply registry serve`: runs the marketplace until SIGINT or SIGTERM, logging to stderr at
 * `PLY_LOG_LEVEL`. Unless `--no-seed`, it first offers the packages a scaffolded plugin installs
 * (`@ply/core`, `@ply/kit`, `zod`, `hono`, `@hono/node-server`, from this Ply), so `npm install`
 * against it works with no other registry.
 */
export async function registryServeCommand(output: Output, options: RegistryServeOptions): Promise<void> {
  const storage = registryStorageOf(options.storage);
  // Loaded on demand: the registry's modules would otherwise slow every `ply` start.
  const [{ startRegistry, seedPackages }, { createRootLogger }] = await Promise.all([import('@ply/registry'), import('@ply/core/logging')]);
  const logger = createRootLogger().child({ service: 'registry' });
  let seeded: string[] = [];
  if (options.seed !== false) {
    const { authorPackages } = await import('@ply/kit');
    seeded = (await seedPackages(storage, authorPackages())).seeded;
    // A log line like the registry's others: its stderr stays one JSON object a line.
    if (seeded.length > 0) logger.info('registry seeded with what `ply plugin new` packages install', { packages: seeded });
  }
  const running = await startRegistry({ storage, logger, host: options.host ?? '127.0.0.1', port: options.port === undefined ? 4873 : Number(options.port) });
  logger.info('registry listening', { url: running.url, storage });
  if (output.json) printJson(output, { url: running.url, storage, seeded });
  else output.out(`Ply registry listening on ${running.url} (storage ${storage})`);
  await new Promise<void>((resolve) => {
    const stop = () => void running.close().then(resolve, resolve);
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}
