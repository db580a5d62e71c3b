import { PlyError } from '@ply/core/errors';
import type { SlugHolders } from '@ply/installer/package-format';
import { parsePackagePath } from './package-path.js';
import { route, type RegistryApp, type RegistryServices } from './registry-context.js';
import { searchPackages } from './search.js';

/**
 * Public reads beside the packuments: npm's ping, signing keys and search, and Ply's module
 * browsing under `/-/ply/v1/` (modules with their schemas, and which package holds a module slug).
 */
export function browseRoutes(app: RegistryApp, { storage, keys, browser, slugs }: RegistryServices): void {
  route(app, 'GET', '/-/ping', (c) => c.json({}));
  route(app, 'GET', '/-/npm/v1/keys', (c) => c.json({ keys: [keys.publicKey()] }));
  route(app, 'GET', '/-/v1/search', (c) => {
    const size = Math.min(Math.max(Number(c.req.query('size') ?? 20) || 20, 1), 250);
    const from = Math.max(Number(c.req.query('from') ?? 0) || 0, 0);
    return c.json(searchPackages(storage.all(), c.req.query('text') ?? '', size, from));
  });
  route(app, 'GET', '/-/ply/v1/modules', (c) => c.json(browser.list(c.req.query('q') ?? '', c.req.query('category') ?? '')));
  route(app, 'GET', '/-/ply/v1/modules/*', (c) => {
    const { name, rest } = parsePackagePath(new URL(c.req.url).pathname.slice('/-/ply/v1/modules'.length));
    if (rest.length !== 1) throw new PlyError('PLY_REGISTRY_ROUTE_NOT_FOUND', 'expected /-/ply/v1/modules/<name>/<version>');
    return c.json(browser.details(name, rest[0]!));
  });
  route(app, 'GET', '/-/ply/v1/slugs/:slug', (c) => {
    const slug = c.req.param('slug') ?? '';
    const packages: SlugHolders['packages'] = slugs.packagesOf(slug).flatMap((name) => {
      const packument = storage.packument(name);
      if (!packument) return [];
      const versions = Object.entries(storage.moduleSlugs(name)).filter(([, s]) => s.toLowerCase() === slug.toLowerCase()).map(([version]) => version);
      return [{ name, owners: packument.maintainers.map((owner) => owner.name), versions }];
    });
    if (packages.length === 0) throw new PlyError('PLY_REGISTRY_PACKAGE_NOT_FOUND', `no package publishes the module slug ${slug}`);
    // The first package to publish a slug holds it; any other one was published by an owner of it.
    const holders: SlugHolders = { slug, package: packages[0]!.name, packages };
    return c.json(holders);
  });
}
