import { PlyError } from '@ply/core/errors';
import type { AccessPolicy } from './access-policy.js';
import type { StoredPackument } from './registry-storage.js';

/** The body `npm owner add|rm` sends to `PUT /<name>/-rev/<rev>`. */
interface OwnersBody {
  _id?: unknown;
  _rev?: unknown;
  maintainers?: unknown;
}

const OWNER_KEYS = new Set(['_id', '_rev', 'maintainers']);

/**
 * `npm owner add|rm`: the client reads the packument, edits `maintainers` and writes it back
 * against the revision it read (CouchDB style). Only the owners change; every owner must be a
 * registry user the package's scope admits, and one must remain (an owner may remove itself).
 * The caller's right to change them is checked before. Returns the new packument.
 */
export function changeOwners(packument: StoredPackument, rev: string, body: unknown, policy: AccessPolicy): StoredPackument {
  const name = packument.name;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new PlyError('PLY_REGISTRY_BODY_INVALID', 'the owner change is not a JSON object');
  const change = body as OwnersBody;
  const rewritten = Object.keys(change).filter((key) => !OWNER_KEYS.has(key));
  if (rewritten.length > 0 || change.maintainers === undefined) {
    throw new PlyError('PLY_REGISTRY_IMMUTABLE', `published versions are immutable: only the owners (maintainers) of ${name} can change, not ${rewritten.join(', ') || 'nothing'} (unpublishing and metadata rewrites are not supported)`);
  }
  if (change._id !== undefined && change._id !== name) throw new PlyError('PLY_REGISTRY_BODY_INVALID', `the owner change names ${String(change._id)}, but the URL names ${name}`);
  if (rev !== packument._rev) throw new PlyError('PLY_REGISTRY_REVISION_CONFLICT', `${name} changed since revision ${rev} (now ${packument._rev}): read it again and retry`);
  if (!Array.isArray(change.maintainers)) throw new PlyError('PLY_REGISTRY_BODY_INVALID', 'maintainers must be a list of { "name" }');
  const names = change.maintainers.map((entry: unknown) => {
    const owner = typeof entry === 'object' && entry !== null ? (entry as { name?: unknown }).name : undefined;
    if (typeof owner !== 'string') throw new PlyError('PLY_REGISTRY_BODY_INVALID', 'each maintainer needs a "name"');
    return owner;
  });
  const next = structuredClone(packument);
  next.maintainers = policy.maintainersFor(name, names);
  next.time['modified'] = new Date().toISOString();
  return next;
}
