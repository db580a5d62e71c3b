import { createHash } from 'node:crypto';
import type { RegistryStorage, StoredPackument } from './registry-storage.js';

interface Served {
  origin: string;
  body: string;
  etag: string;
}

/** A packument as sent: tarball URLs made absolute against the registry's origin. */
function render(packument: StoredPackument, origin: string): string {
  const versions = Object.fromEntries(
    Object.entries(packument.versions).map(([version, entry]) => [version, { ...entry, dist: { ...entry.dist, tarball: `${origin}/${String(entry.dist['tarball'])}` } }]),
  );
  return JSON.stringify({ ...packument, versions });
}

/**
 * Serialised packuments, kept until the package changes: the packument is what npm, pnpm and
 * `ply install` request most, so it is served from memory with an ETag.
 */
export class PackumentCache {
  private readonly served = new Map<string, Served>();

  constructor(private readonly storage: RegistryStorage) {}

  get(name: string, origin: string): Served | undefined {
    const cached = this.served.get(name);
    if (cached && cached.origin === origin) return cached;
    const packument = this.storage.packument(name);
    if (!packument) return undefined;
    const body = render(packument, origin);
    const entry = { origin, body, etag: `"${createHash('sha1').update(body).digest('base64url')}"` };
    this.served.set(name, entry);
    return entry;
  }

  invalidate(name: string): void {
    this.served.delete(name);
  }
}
