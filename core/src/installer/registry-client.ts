import { PlyError } from '../errors/ply-error.js';
import type { PackageSignature, RegistryKey } from './package-signature.js';

/** One version in a packument (the keys the installer reads). */
export interface PackumentVersion {
  name: string;
  version: string;
  description?: string;
  engines?: Record<string, string>;
  deprecated?: string;
  dist: { tarball: string; integrity?: string; shasum?: string; signatures?: PackageSignature[] };
  [key: string]: unknown;
}

/** npm's package document: every version of one package. */
export interface Packument {
  name: string;
  'dist-tags': Record<string, string>;
  versions: Record<string, PackumentVersion>;
  time?: Record<string, string>;
  description?: string;
}

/** One hit of npm's search API. */
export interface SearchHit {
  name: string;
  version: string;
  description?: string;
  keywords?: string[];
}

/** Download progress: bytes received so far and the announced total, if any. */
export type ProgressListener = (received: number, total: number | undefined) => void;

/** `@scope/name` becomes `@scope%2fname`, the form npm puts in registry URLs. */
export function encodePackageName(name: string): string {
  return name.startsWith('@') ? `@${encodeURIComponent(name.slice(1))}` : encodeURIComponent(name);
}

/** Normalises a registry URL to end with one slash (also the key of its trusted keys). */
export function normaliseRegistryUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new PlyError('PLY_INVALID_INPUT', `"${url}" is not a registry URL (expected http(s)://host[:port]/)`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new PlyError('PLY_INVALID_INPUT', `registry URL must be http or https, got ${url}`);
  return parsed.href.endsWith('/') ? parsed.href : `${parsed.href}/`;
}

/** A read-only client of an npm-compatible registry: packuments, keys, tarballs, search. */
export class RegistryClient {
  readonly url: string;

  constructor(url: string, private readonly timeoutMs = 30_000) {
    this.url = normaliseRegistryUrl(url);
  }

  async packument(name: string): Promise<Packument> {
    const response = await this.request(`${this.url}${encodePackageName(name)}`, 'application/json');
    if (response.status === 404) throw new PlyError('PLY_MODULE_NOT_FOUND', `package "${name}" is not in the registry ${this.url}`, { details: { package: name } });
    await this.expectOk(response, `GET ${name}`);
    return (await response.json()) as Packument;
  }

  async keys(): Promise<RegistryKey[]> {
    const response = await this.request(`${this.url}-/npm/v1/keys`, 'application/json');
    if (response.status === 404) return [];
    await this.expectOk(response, 'GET /-/npm/v1/keys');
    const body = (await response.json()) as { keys?: RegistryKey[] };
    return Array.isArray(body.keys) ? body.keys : [];
  }

  async search(text: string, size = 20): Promise<SearchHit[]> {
    const query = new URLSearchParams({ text, size: String(size) });
    const response = await this.request(`${this.url}-/v1/search?${query}`, 'application/json');
    await this.expectOk(response, 'search');
    const body = (await response.json()) as { objects?: Array<{ package: SearchHit }> };
    return (body.objects ?? []).map((hit) => hit.package);
  }

  /**
   * Downloads a tarball, refusing it as soon as it grows past `maxBytes`, and failing when the
   * connection ends before the announced length (a cut download never reaches the disk).
   */
  async tarball(url: string, maxBytes: number, onProgress?: ProgressListener): Promise<Buffer> {
    const response = await this.request(url, 'application/octet-stream');
    await this.expectOk(response, `GET ${url}`);
    const announced = Number(response.headers.get('content-length') ?? NaN);
    const total = Number.isFinite(announced) ? announced : undefined;
    if (total !== undefined && total > maxBytes) {
      await response.body?.cancel();
      throw new PlyError('PLY_PACKAGE_REJECTED', `tarball is ${total} bytes, over the limit of ${maxBytes}`, { details: { limit: 'compressed' } });
    }
    const chunks: Buffer[] = [];
    let received = 0;
    try {
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
        received += chunk.byteLength;
        if (received > maxBytes) throw new PlyError('PLY_PACKAGE_REJECTED', `tarball grows past the limit of ${maxBytes} bytes`, { details: { limit: 'compressed' } });
        chunks.push(Buffer.from(chunk));
        onProgress?.(received, total);
      }
    } catch (error) {
      if (error instanceof PlyError) throw error;
      throw new PlyError('PLY_REGISTRY_ERROR', `download of ${url} was cut off after ${received} bytes: ${(error as Error).message}`, { cause: error });
    }
    if (total !== undefined && received !== total) {
      throw new PlyError('PLY_REGISTRY_ERROR', `download of ${url} was cut off: ${received} of ${total} bytes`, { details: { received, total } });
    }
    return Buffer.concat(chunks);
  }

  private async request(url: string, accept: string): Promise<Response> {
    try {
      return await fetch(url, { headers: { accept }, signal: AbortSignal.timeout(this.timeoutMs) });
    } catch (error) {
      throw new PlyError('PLY_REGISTRY_ERROR', `cannot reach the registry at ${url}: ${(error as Error).message}`, { cause: error });
    }
  }

  private async expectOk(response: Response, what: string): Promise<void> {
    if (response.ok) return;
    let message = response.statusText;
    try {
      const body = (await response.json()) as { error?: string };
      if (body.error) message = body.error;
    } catch {
      // not JSON: keep the status text
    }
    throw new PlyError('PLY_REGISTRY_ERROR', `${what}: the registry answered ${response.status}: ${message}`, { details: { status: response.status } });
  }
}
