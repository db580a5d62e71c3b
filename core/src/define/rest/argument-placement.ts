import type { z } from 'zod';
import type { ArgumentLocation, RestActionDeclaration } from '../../contracts/rest.js';
import type { QueryValue } from '../../contracts/http.js';
import { PlyError } from '../../errors/ply-error.js';
import { toManifestSchema } from '../../manifest/manifest-builder.js';

/** Where one argument goes and under which name. */
interface Placement {
  location: ArgumentLocation;
  /** The name on the wire (the `name` meta), the argument's key otherwise. */
  wireName: string;
  /** OpenAPI's `explode: false`: a list goes in the query as one comma-separated value (`ips=a,b`). */
  joined: boolean;
}

/** The parts of one request built from an action's arguments. */
export interface PlacedArguments {
  /** The path with its `{name}` placeholders filled (URL-encoded). */
  path: string;
  query: Record<string, QueryValue>;
  headers: Record<string, string>;
  /** A JSON body (`body` arguments), a form (`form` arguments), or nothing. */
  body: { json: Record<string, unknown> } | { form: URLSearchParams } | undefined;
}

const BODYLESS = new Set(['GET', 'HEAD', 'DELETE']);
const LOCATIONS = new Set<ArgumentLocation>(['path', 'query', 'header', 'body', 'form', 'none']);
const PLACEHOLDER = /\{(\w+)\}/g;

/**
 * Reads, once, where each argument of a REST declaration goes: its `.meta({ in, name })` as the
 * generated JSON shows it (Sekoia's `"in"` convention), else the default (the path when the path
 * names it, the query for GET, HEAD and DELETE, the JSON body otherwise).
 */
export class ArgumentPlacement {
  private readonly placements = new Map<string, Placement>();

  constructor(declaration: Pick<RestActionDeclaration<z.ZodObject, z.ZodType>, 'method' | 'path' | 'slug' | 'arguments'>) {
    const schema = toManifestSchema(declaration.arguments, 'input');
    const properties = (schema['properties'] ?? {}) as Record<string, { in?: unknown; name?: unknown; explode?: unknown }>;
    const inPath = new Set([...declaration.path.matchAll(PLACEHOLDER)].map((match) => match[1]!));
    const fallback: ArgumentLocation = BODYLESS.has(declaration.method) ? 'query' : 'body';
    for (const [key, property] of Object.entries(properties)) {
      const declared = property.in;
      if (declared !== undefined && !LOCATIONS.has(declared as ArgumentLocation)) {
        throw new PlyError('PLY_MANIFEST_INVALID', `${declaration.slug}: argument "${key}" has "in": ${JSON.stringify(declared)} (expected path, query, header, body, form or none)`);
      }
      const location = (declared as ArgumentLocation | undefined) ?? (inPath.has(key) ? 'path' : fallback);
      this.placements.set(key, { location, wireName: typeof property.name === 'string' ? property.name : key, joined: property.explode === false });
    }
    for (const name of inPath) {
      if (this.placements.get(name)?.location !== 'path') throw new PlyError('PLY_MANIFEST_INVALID', `${declaration.slug}: the path names {${name}}, which is not a path argument`);
    }
    const locations = new Set([...this.placements.values()].map((placement) => placement.location));
    if (locations.has('body') && locations.has('form')) throw new PlyError('PLY_MANIFEST_INVALID', `${declaration.slug}: arguments go both to a JSON body and to a form body`);
    if (BODYLESS.has(declaration.method) && (locations.has('body') || locations.has('form')) && declaration.method !== 'DELETE') {
      throw new PlyError('PLY_MANIFEST_INVALID', `${declaration.slug}: a ${declaration.method} request cannot carry body arguments`);
    }
  }

  /** The request parts for these (validated) arguments; undefined values are left out, null kept in a JSON body. */
  place(path: string, args: Record<string, unknown>): PlacedArguments {
    const query: Record<string, QueryValue> = {};
    const headers: Record<string, string> = {};
    const json: Record<string, unknown> = {};
    // Made for a form argument only: most calls have none (a URLSearchParams costs about 1 µs).
    let form: URLSearchParams | undefined;
    let hasJson = false;
    // Most paths have no placeholder: a replace with a callback is a call into the runtime.
    const filled = !path.includes('{') ? path : path.replace(PLACEHOLDER, (_match, name: string) => {
      const value = args[name];
      if (value === undefined || value === null || value === '') throw new PlyError('PLY_ARGUMENTS_INVALID', `argument "${name}" is needed for the request path ${path}`, { details: { issues: [{ pointer: `/${name}`, message: 'is required' }] } });
      return encodeURIComponent(String(value));
    });
    // Keys, not entries: no pair array made per argument.
    for (const key of Object.keys(args)) {
      const value = args[key];
      const placement = this.placements.get(key);
      if (!placement || value === undefined) continue;
      switch (placement.location) {
        case 'path':
        case 'none':
          break;
        case 'query':
          if (value === null) break;
          if (Array.isArray(value) && placement.joined) query[placement.wireName] = value.map(String).join(',');
          else query[placement.wireName] = typeof value === 'object' && !Array.isArray(value) ? JSON.stringify(value) : (value as QueryValue);
          break;
        case 'header':
          if (value !== null) headers[placement.wireName.toLowerCase()] = String(value);
          break;
        case 'form':
          form ??= new URLSearchParams();
          for (const item of Array.isArray(value) ? value : [value]) if (item !== null) form.append(placement.wireName, typeof item === 'object' ? JSON.stringify(item) : String(item));
          break;
        case 'body':
          hasJson = true;
          json[placement.wireName] = value;
          break;
      }
    }
    return { path: filled, query, headers, body: hasJson ? { json } : form ? { form } : undefined };
  }
}
