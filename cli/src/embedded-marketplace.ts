import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PinoLogger } from '@ply/core';

/** The local publisher of the built-in marketplace: a member of the `ply` organisation, which owns `@ply/*`. */
const PUBLISHER = 'ply-local';
const ORG = 'ply';

/** How far the built-in marketplace is: what the Marketplace page says while it fills. */
export interface MarketplaceProgress {
  state: 'starting' | 'packing' | 'ready' | 'failed';
  done: number;
  total: number;
  current?: string;
  error?: string;
}

/** The built-in marketplace of `ply serve`: a registry on a loopback port, in `$PLY_HOME/registry`. */
export interface EmbeddedMarketplace {
  /** Where the registry listens (after {@link start}). */
  url(): Promise<string>;
  progress(): MarketplaceProgress;
  /** Starts the registry (once), then packs and publishes the workspace plugins it lacks (once), in the background. */
  fill(): void;
  close(): Promise<void>;
}

/** Workspace plugin folders (`plugins/<slug>` with a package.json) with their name and version. */
function workspacePlugins(workspaceRoot: string | undefined): Array<{ dir: string; name: string; version: string }> {
  const root = workspaceRoot ? join(workspaceRoot, 'plugins') : undefined;
  if (!root || !existsSync(root)) return [];
  return readdirSync(root)
    .filter((name) => existsSync(join(root, name, 'package.json')))
    .map((name) => {
      const pkg = JSON.parse(readFileSync(join(root, name, 'package.json'), 'utf8')) as { name?: string; version?: string };
      return { dir: join(root, name), name: pkg.name ?? '', version: pkg.version ?? '' };
    })
    .filter((plugin) => plugin.name.startsWith(`@${ORG}/`) && plugin.version !== '');
}

/**
 * The marketplace a fresh `ply serve` shows when no `PLY_REGISTRY` is set: Ply's own registry,
 * on 127.0.0.1 (a port of its own, so its tarball URLs are its origin's), stored in
 * `$PLY_HOME/registry`. Each workspace plugin that the registry lacks (by name and version) is
 * packed with the kit's packer and published by a local publisher, a member of the `ply`
 * organisation, with a publish token that lives only in this process and is revoked after. The
 * registry starts with the console (its first request) and is filled on the first visit of the
 * Marketplace page, in the background: a `ply serve` that only runs playbooks never pays for it.
 */
export function embeddedMarketplace(options: { home: string; workspaceRoot?: string; logger: PinoLogger }): EmbeddedMarketplace {
  const storage = join(options.home, 'registry');
  const status: MarketplaceProgress = { state: 'starting', done: 0, total: 0 };
  let running: Promise<{ url: string; close(): Promise<void> }> | undefined;
  const log = options.logger.child({ component: 'marketplace' });

  const fill = async (url: string) => {
    const [{ RegistryAccounts, RegistryStorage }, { packPlugin }, { publishTarball }] = await Promise.all([import('@ply/registry'), import('@ply/kit'), import('@ply/installer')]);
    const stored = new RegistryStorage(storage);
    const missing = workspacePlugins(options.workspaceRoot).filter((plugin) => !stored.packument(plugin.name)?.versions[plugin.version]);
    status.total = missing.length;
    if (missing.length === 0) return;
    status.state = 'packing';
    const accounts = new RegistryAccounts(storage);
    if (!accounts.users.get(PUBLISHER)) await accounts.users.add(PUBLISHER, randomBytes(24).toString('base64url'));
    if (!accounts.orgs.get(ORG)) accounts.orgs.create(ORG, [PUBLISHER]);
    else if (!accounts.orgs.get(ORG)!.members.includes(PUBLISHER)) accounts.orgs.addMember(ORG, PUBLISHER);
    const { token, record } = accounts.tokens.create({ user: PUBLISHER, role: 'publish', scope: ORG, createdBy: 'cli' });
    const out = mkdtempSync(join(tmpdir(), 'ply-marketplace-'));
    try {
      for (const plugin of missing) {
        status.current = plugin.name;
        const packed = await packPlugin(plugin.dir, out);
        await publishTarball(packed.file, url, token);
        status.done += 1;
        log.info('published to the built-in marketplace', { name: plugin.name, version: plugin.version });
      }
    } finally {
      accounts.tokens.revoke(record.id);
      rmSync(out, { recursive: true, force: true });
      delete status.current;
    }
  };

  let filling: Promise<void> | undefined;
  const start = () =>
    (running ??= (async () => {
      const { startRegistry } = await import('@ply/registry');
      return startRegistry({ storage, host: '127.0.0.1', port: 0, logger: options.logger });
    })());
  const failed = (error: Error) => {
    status.state = 'failed';
    status.error = error.message;
    log.error('the built-in marketplace could not be filled', { error: error.message });
  };

  return {
    url: async () => (await start()).url,
    progress: () => ({ ...status }),
    fill: () => {
      filling ??= start()
        .then((registry) => fill(registry.url))
        .then(() => {
          status.state = 'ready';
        }, failed);
    },
    close: async () => {
      const closing = running;
      running = undefined;
      if (closing) await (await closing).close();
    },
  };
}

/** What the Marketplace page says while the built-in marketplace fills (nothing once it is ready). */
export function describeProgress(progress: MarketplaceProgress): string | undefined {
  if (progress.state === 'packing') return `The built-in marketplace is being filled with the modules Ply ships: ${progress.done} of ${progress.total} published${progress.current ? ` (packing ${progress.current})` : ''}. Reload to see more.`;
  if (progress.state === 'starting') return 'The built-in marketplace is starting.';
  if (progress.state === 'failed') return `The built-in marketplace could not be filled: ${progress.error ?? 'unknown error'} (see the server log).`;
  return undefined;
}
