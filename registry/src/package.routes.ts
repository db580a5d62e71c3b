import { createReadStream, statSync } from 'node:fs';
import { Readable } from 'node:stream';
import { PlyError } from '@ply/core/errors';
import type { Caller } from './access-policy.js';
import { changeOwners } from './owner-change.js';
import { parsePackagePath, tarballFileName } from './package-path.js';
import { preparePublish, type PublishBody } from './publish.js';
import { plainResponse, route, type RegistryApp, type RegistryContext, type RegistryServices } from './registry-context.js';
import { publishBodyLimit, readJsonBody, SMALL_BODY_LIMIT } from './request-body.js';

/** The origin clients reached us at (tarball URLs point back to it); Host is cheaper than parsing the URL. */
function origin(c: RegistryContext): string {
  const host = c.req.header('host');
  return host ? `http://${host}` : new URL(c.req.url).origin;
}

const immutable = () => new PlyError('PLY_REGISTRY_IMMUTABLE', 'published versions are immutable: unpublishing and metadata rewrites are not supported');

/**
 * Packuments and tarballs (public), publishing (`PUT /<name>`) and owner changes
 * (`PUT /<name>/-rev/<rev>`). A write is authorised from its token and the package's owners
 * before its body is read, and the body is read with a byte limit.
 */
export function packageRoutes(app: RegistryApp, services: RegistryServices): void {
  const { storage, policy, cache, lock } = services;

  route(app, 'GET', '/*', (c) => {
    const { name, rest } = parsePackagePath(c.req.path);
    if (rest.length === 0) {
      const served = cache.get(name, origin(c));
      if (!served) throw new PlyError('PLY_REGISTRY_PACKAGE_NOT_FOUND', `no package ${name}`);
      if (c.req.header('if-none-match') === served.etag) return plainResponse(c, null, 304, { etag: served.etag });
      return plainResponse(c, served.body, 200, { 'content-type': 'application/json', etag: served.etag });
    }
    if (rest.length === 2 && rest[0] === '-') {
      const packument = storage.packument(name);
      const known = packument && Object.keys(packument.versions).some((v) => tarballFileName(name, v) === rest[1]);
      const path = known ? storage.tarballPath(name, rest[1]!) : undefined;
      if (!path) throw new PlyError('PLY_REGISTRY_PACKAGE_NOT_FOUND', `no tarball ${rest[1]} for ${name}`);
      const stream = Readable.toWeb(createReadStream(path)) as ReadableStream;
      return plainResponse(c, stream, 200, { 'content-type': 'application/octet-stream', 'content-length': String(statSync(path).size) });
    }
    throw new PlyError('PLY_REGISTRY_ROUTE_NOT_FOUND', 'not found');
  });

  route(app, 'PUT', '/*', async (c) => {
    const caller = policy.caller(c.req.header('authorization'));
    const { name, rest } = parsePackagePath(new URL(c.req.url).pathname);
    if (rest.length === 2 && rest[0] === '-rev') return c.json(await putOwners(c, services, caller, name, rest[1]!));
    if (rest.length > 0) throw immutable();
    policy.checkPackageWrite(caller, name, storage.packument(name));
    const body = await readJsonBody(c.req.raw, publishBodyLimit(services.limits), 'the publish body');
    if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new PlyError('PLY_REGISTRY_PUBLISH_INVALID', 'the publish body is not a JSON object');
    const version = await lock.run(name, () => publish(services, caller, name, body as PublishBody));
    c.env.log.info('published', { package: name, version, user: caller.user });
    return c.json({ ok: true, id: name, version }, 201);
  });

  route(app, 'DELETE', '/*', () => {
    throw immutable();
  });
}

/** One publish, under the package's lock: its owners are checked again (a first publish may have raced another). */
async function publish(services: RegistryServices, caller: Caller, name: string, body: PublishBody): Promise<string> {
  const { storage, policy, slugs, lock, cache } = services;
  policy.checkPackageWrite(caller, name, storage.packument(name));
  const prepared = await preparePublish(name, body, { ...services, publisher: policy.maintainerOf(caller.user) });
  await lock.run(`slug:${prepared.slug.toLowerCase()}`, async () => {
    const held = slugs.packagesOf(prepared.slug).filter((other) => other !== name);
    const foreign = held.map((other) => storage.packument(other)!).find((other) => !policy.owns(caller.user, other));
    if (foreign) {
      const owners = foreign.maintainers.map((owner) => owner.name).join(', ');
      throw new PlyError(
        'PLY_REGISTRY_SLUG_OWNED',
        `the module slug "${prepared.slug}" is already published by ${foreign.name} (owners: ${owners}): only an owner of ${foreign.name} can publish another package with that slug; choose another slug, or ask an owner to add you with \`npm owner add ${caller.user} ${foreign.name}\``,
      );
    }
    prepared.commit();
    slugs.record(name, prepared.slug);
    cache.invalidate(name);
  });
  return prepared.version;
}

/** `npm owner add|rm`: only an owner, with a publish token allowed on the package, changes the owners. */
async function putOwners(c: RegistryContext, services: RegistryServices, caller: Caller, name: string, rev: string): Promise<{ ok: true; id: string; rev: string }> {
  const { storage, policy, lock, cache } = services;
  const current = storage.packument(name);
  if (!current) throw new PlyError('PLY_REGISTRY_PACKAGE_NOT_FOUND', `no package ${name}`);
  policy.checkPackageWrite(caller, name, current);
  const body = await readJsonBody(c.req.raw, SMALL_BODY_LIMIT, 'the owner change');
  return lock.run(name, async () => {
    const packument = storage.packument(name)!;
    policy.checkPackageWrite(caller, name, packument);
    const next = changeOwners(packument, rev, body, policy);
    storage.writePackument(next);
    cache.invalidate(name);
    return { ok: true as const, id: name, rev: next._rev };
  });
}
