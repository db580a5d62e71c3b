import semver from 'semver';
import { PlyError } from '@ply/core/errors';
import { isDistTag, parsePackagePath } from './package-path.js';
import { route, type RegistryApp, type RegistryServices } from './registry-context.js';
import { readJsonBody, SMALL_BODY_LIMIT } from './request-body.js';

const PREFIX = '/-/package';

/** `npm dist-tag ls|add|rm`: tags are public to read; an owner with a publish token moves them. */
export function distTagRoutes(app: RegistryApp, { storage, policy, lock, cache }: RegistryServices): void {
  route(app, 'GET', `${PREFIX}/*`, (c) => {
    const { name, rest } = parsePackagePath(new URL(c.req.url).pathname.slice(PREFIX.length));
    const packument = storage.packument(name);
    if (!packument || rest[0] !== 'dist-tags') throw new PlyError('PLY_REGISTRY_PACKAGE_NOT_FOUND', `no package ${name}`);
    return rest[1] ? c.json(packument['dist-tags'][rest[1]] ?? null) : c.json(packument['dist-tags']);
  });

  route(app, ['PUT', 'DELETE'], `${PREFIX}/*`, async (c) => {
    const caller = policy.caller(c.req.header('authorization'));
    const { name, rest } = parsePackagePath(new URL(c.req.url).pathname.slice(PREFIX.length));
    const tag = rest[1];
    if (rest[0] !== 'dist-tags' || !tag) throw new PlyError('PLY_REGISTRY_ROUTE_NOT_FOUND', 'expected /-/package/<name>/dist-tags/<tag>');
    if (!storage.packument(name)) throw new PlyError('PLY_REGISTRY_PACKAGE_NOT_FOUND', `no package ${name}`);
    policy.checkPackageWrite(caller, name, storage.packument(name));
    const version = c.req.method === 'PUT' ? await readJsonBody(c.req.raw, SMALL_BODY_LIMIT, 'the dist-tag body') : undefined;
    await lock.run(name, async () => {
      const packument = structuredClone(storage.packument(name)!);
      policy.checkPackageWrite(caller, name, packument);
      if (c.req.method === 'DELETE') {
        if (tag === 'latest') throw new PlyError('PLY_REGISTRY_TAG_INVALID', 'the latest tag cannot be removed');
        delete packument['dist-tags'][tag];
      } else {
        if (typeof version !== 'string' || !packument.versions[version]) throw new PlyError('PLY_REGISTRY_TAG_INVALID', `cannot tag ${String(version)}: no such version of ${name}`);
        if (semver.valid(tag)) throw new PlyError('PLY_REGISTRY_TAG_INVALID', 'a tag cannot be a version');
        if (!isDistTag(tag)) throw new PlyError('PLY_REGISTRY_TAG_INVALID', `"${tag}" is not a tag: letters, digits, ".", "_" and "-"`);
        packument['dist-tags'][tag] = version;
      }
      packument.time['modified'] = new Date().toISOString();
      storage.writePackument(packument);
      cache.invalidate(name);
    });
    return c.json({ ok: true, user: caller.user });
  });
}
