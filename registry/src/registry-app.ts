import { createReadStream, statSync } from 'node:fs';
import { Readable } from 'node:stream';
import { Hono, type Context } from 'hono';
import semver from 'semver';
import { DEFAULT_TARBALL_LIMITS, type TarballLimits } from '@ply/installer/package-format';
import { PLY_CORE_VERSION } from '@ply/core/version';
import { KeyedLock } from './keyed-lock.js';
import { ModuleBrowser } from './module-browsing.js';
import { parsePackagePath, tarballFileName } from './package-path.js';
import { PackumentCache } from './packument-cache.js';
import { publishVersion, type PublishBody } from './publish.js';
import { RegistryError } from './registry-error.js';
import { RegistryStorage } from './registry-storage.js';
import { searchPackages } from './search.js';
import { SigningKeys } from './signing-keys.js';
import { TokenStore } from './token-store.js';

export interface RegistryOptions {
  /** Folder holding packages, keys and tokens (created if missing). */
  storage: string;
  limits?: Partial<TarballLimits>;
  /** Core version used to load published manifests (their `engines.ply` is not enforced here). */
  coreVersion?: string;
}

/** The registry as a Hono app, with the services it owns. */
export interface Registry {
  app: Hono;
  storage: RegistryStorage;
  keys: SigningKeys;
  tokens: TokenStore;
}

/** The origin clients reached us at (tarball URLs point back to it); Host is cheaper than parsing the URL. */
function origin(c: Context): string {
  const host = c.req.header('host');
  return host ? `http://${host}` : new URL(c.req.url).origin;
}

/**
 * Builds the registry: the npm protocol subset npm and pnpm use (packument, tarball, publish,
 * dist-tags, search, whoami, keys) and Ply's module browsing under `/-/ply/v1/`. Reads are
 * public; writes need a token from `ply registry token create`.
 */
export function createRegistry(options: RegistryOptions): Registry {
  const storage = new RegistryStorage(options.storage);
  const keys = new SigningKeys(options.storage);
  const tokens = new TokenStore(options.storage);
  const limits = { ...DEFAULT_TARBALL_LIMITS, ...options.limits };
  const coreVersion = options.coreVersion ?? PLY_CORE_VERSION;
  const cache = new PackumentCache(storage);
  const browser = new ModuleBrowser(storage);
  const lock = new KeyedLock();
  const app = new Hono();

  const userOf = (c: Context): string => {
    const header = c.req.header('authorization') ?? '';
    const token = /^Bearer\s+(\S+)$/i.exec(header)?.[1];
    const user = token ? tokens.userOf(token) : undefined;
    if (!user) throw new RegistryError(401, token ? 'this token is not valid for this registry' : 'authentication required: create a token with `ply registry token create` and pass it as a Bearer token');
    return user;
  };

  app.onError((error, c) => {
    if (error instanceof RegistryError) return c.json({ error: error.message }, error.status);
    return c.json({ error: `internal error: ${error.message}` }, 500);
  });

  app.get('/-/ping', (c) => c.json({}));
  app.get('/-/whoami', (c) => c.json({ username: userOf(c) }));
  app.get('/-/npm/v1/keys', (c) => c.json({ keys: [keys.publicKey()] }));
  app.get('/-/v1/search', (c) => {
    const size = Math.min(Math.max(Number(c.req.query('size') ?? 20) || 20, 1), 250);
    const from = Math.max(Number(c.req.query('from') ?? 0) || 0, 0);
    return c.json(searchPackages(storage.all(), c.req.query('text') ?? '', size, from));
  });
  app.get('/-/ply/v1/modules', (c) => c.json(browser.list(c.req.query('q') ?? '', c.req.query('category') ?? '')));
  app.get('/-/ply/v1/modules/*', (c) => {
    const { name, rest } = parsePackagePath(new URL(c.req.url).pathname.slice('/-/ply/v1/modules'.length));
    if (rest.length !== 1) throw new RegistryError(404, 'expected /-/ply/v1/modules/<name>/<version>');
    return c.json(browser.details(name, rest[0]!));
  });

  // `npm login` (couch style): the user name of a token and the token as password give the
  // client a fresh token of its own. Web login is declined so npm falls back to this.
  app.post('/-/v1/login', (c) => c.json({ error: 'web login is not supported here: npm falls back to username and password' }, 404));
  app.put('/-/user/*', async (c) => {
    const body = (await c.req.json().catch(() => ({}))) as { name?: unknown; password?: unknown };
    const name = typeof body.name === 'string' ? body.name : '';
    const user = typeof body.password === 'string' ? tokens.userOf(body.password) : undefined;
    if (!name || user !== name) throw new RegistryError(401, 'unknown user or wrong password: log in with the user of a token from `ply registry token create` and that token as password');
    return c.json({ ok: true, id: `org.couchdb.user:${name}`, token: tokens.create(name) }, 201);
  });

  app.get('/-/package/*', (c) => {
    const { name, rest } = parsePackagePath(new URL(c.req.url).pathname.slice('/-/package'.length));
    const packument = storage.packument(name);
    if (!packument || rest[0] !== 'dist-tags') throw new RegistryError(404, `no package ${name}`);
    return rest[1] ? c.json(packument['dist-tags'][rest[1]] ?? null) : c.json(packument['dist-tags']);
  });
  app.on(['PUT', 'DELETE'], '/-/package/*', async (c) => {
    const user = userOf(c);
    const { name, rest } = parsePackagePath(new URL(c.req.url).pathname.slice('/-/package'.length));
    const tag = rest[1];
    if (rest[0] !== 'dist-tags' || !tag) throw new RegistryError(404, 'expected /-/package/<name>/dist-tags/<tag>');
    const version = c.req.method === 'PUT' ? ((await c.req.json()) as unknown) : undefined;
    await lock.run(name, async () => {
      const packument = structuredClone(storage.packument(name));
      if (!packument) throw new RegistryError(404, `no package ${name}`);
      if (c.req.method === 'DELETE') {
        if (tag === 'latest') throw new RegistryError(400, 'the latest tag cannot be removed');
        delete packument['dist-tags'][tag];
      } else {
        if (typeof version !== 'string' || !packument.versions[version]) throw new RegistryError(400, `cannot tag ${String(version)}: no such version of ${name}`);
        if (semver.valid(tag)) throw new RegistryError(400, 'a tag cannot be a version');
        packument['dist-tags'][tag] = version;
      }
      packument.time['modified'] = new Date().toISOString();
      storage.writePackument(packument);
      cache.invalidate(name);
    });
    return c.json({ ok: true, user });
  });

  app.get('/*', (c) => {
    const { name, rest } = parsePackagePath(c.req.path);
    if (rest.length === 0) {
      const served = cache.get(name, origin(c));
      if (!served) throw new RegistryError(404, `no package ${name}`);
      if (c.req.header('if-none-match') === served.etag) return c.body(null, 304, { etag: served.etag });
      return c.body(served.body, 200, { 'content-type': 'application/json', etag: served.etag });
    }
    if (rest.length === 2 && rest[0] === '-') {
      const packument = storage.packument(name);
      const known = packument && Object.keys(packument.versions).some((v) => tarballFileName(name, v) === rest[1]);
      const path = known ? storage.tarballPath(name, rest[1]!) : undefined;
      if (!path) throw new RegistryError(404, `no tarball ${rest[1]} for ${name}`);
      const stream = Readable.toWeb(createReadStream(path)) as ReadableStream;
      return c.body(stream, 200, { 'content-type': 'application/octet-stream', 'content-length': String(statSync(path).size) });
    }
    throw new RegistryError(404, 'not found');
  });

  app.put('/*', async (c) => {
    const user = userOf(c);
    const { name, rest } = parsePackagePath(new URL(c.req.url).pathname);
    if (rest.length > 0) throw new RegistryError(405, 'published versions are immutable: unpublishing and metadata rewrites are not supported');
    const declared = Number(c.req.header('content-length') ?? 0);
    const maxBody = Math.ceil(limits.maxCompressedBytes * 1.4) + 1024 * 1024;
    if (declared > maxBody) throw new RegistryError(413, `publish body is ${declared} bytes, over the limit of ${maxBody}`);
    const raw = await c.req.arrayBuffer();
    if (raw.byteLength > maxBody) throw new RegistryError(413, `publish body is over the limit of ${maxBody} bytes`);
    let body: PublishBody;
    try {
      body = JSON.parse(Buffer.from(raw).toString('utf8')) as PublishBody;
    } catch {
      throw new RegistryError(400, 'publish body is not JSON');
    }
    const result = await lock.run(name, async () => {
      const published = await publishVersion(name, body, { storage, keys, limits, coreVersion, user });
      cache.invalidate(name);
      return published;
    });
    return c.json({ ok: true, id: name, version: result.version }, 201);
  });

  app.delete('/*', () => {
    throw new RegistryError(405, 'published versions are immutable: unpublishing is not supported');
  });

  return { app, storage, keys, tokens };
}
