import type { IncomingMessage } from 'node:http';
import { PlyError } from '@ply/core';
import { requestFunction } from '@ply/core';
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
    if (response.statusCode === 404) {
      response.resume();
      throw new PlyError('PLY_MODULE_NOT_FOUND', `package "${name}" is not in the registry ${this.url}`, { details: { package: name } });
    }
    await this.expectOk(response, `GET ${name}`);
    return (await readJson(response)) as Packument;
  }

  async keys(): Promise<RegistryKey[]> {
    const response = await this.request(`${this.url}-/npm/v1/keys`, 'application/json');
    if (response.statusCode === 404) {
      response.resume();
      return [];
    }
    await this.expectOk(response, 'GET /-/npm/v1/keys');
    const body = (await readJson(response)) as { keys?: RegistryKey[] };
    return Array.isArray(body.keys) ? body.keys : [];
  }

  async search(text: string, size = 20): Promise<SearchHit[]> {
    const query = new URLSearchParams({ text, size: String(size) });
    const response = await this.request(`${this.url}-/v1/search?${query}`, 'application/json');
    await this.expectOk(response, 'search');
    const body = (await readJson(response)) as { objects?: Array<{ package: SearchHit }> };
    return (body.objects ?? []).map((hit) => hit.package);
  }

  /**
   * Downloads a tarball, refusing it as soon as it grows past `maxBytes`, and failing when the
   * connection ends before the announced length (a cut download never reaches the disk).
   */
  async tarball(url: string, maxBytes: number, onProgress?: ProgressListener): Promise<Buffer> {
    const response = await this.request(url, 'application/octet-stream');
    await this.expectOk(response, `GET ${url}`);
    const announced = Number(response.headers['content-length'] ?? NaN);
    const total = Number.isFinite(announced) ? announced : undefined;
    if (total !== undefined && total > maxBytes) {
      response.destroy();
      throw new PlyError('PLY_PACKAGE_REJECTED', `tarball is ${total} bytes, over the limit of ${maxBytes}`, { details: { limit: 'compressed' } });
    }
    const chunks: Buffer[] = [];
    let received = 0;
    try {
      for await (const chunk of response as AsyncIterable<Buffer>) {
        received += chunk.byteLength;
        if (received > maxBytes) {
          response.destroy();
          throw new PlyError('PLY_PACKAGE_REJECTED', `tarball grows past the limit of ${maxBytes} bytes`, { details: { limit: 'compressed' } });
        }
        chunks.push(chunk);
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

  /**
   * One GET over node:http(s) rather than fetch: loading fetch costs a CLI process tens of
   * milliseconds, and the agent's idle keep-alive sockets do not hold the process open.
   */
  private async request(url: string, accept: string): Promise<IncomingMessage> {
    try {
      const get = requestFunction(new URL(url));
      return await new Promise<IncomingMessage>((resolve, reject) => {
        get(url, { headers: { accept }, signal: AbortSignal.timeout(this.timeoutMs) }, resolve)
          .on('error', reject)
          .end();
      });
    } catch (error) {
      throw new PlyError('PLY_REGISTRY_ERROR', `cannot reach the registry at ${url}: ${(error as Error).message}`, { cause: error });
    }
  }

  private async expectOk(response: IncomingMessage, what: string): Promise<void> {
    const status = response.statusCode ?? 0;
    if (status >= 200 && status < 300) return;
    let message = response.statusMessage ?? '';
    try {
      const body = (await readJson(response)) as { error?: string };
      if (body.error) message = body.error;
    } catch {
      // not JSON: keep the status text
    }
    throw new PlyError('PLY_REGISTRY_ERROR', `${what}: the registry answered ${status}: ${message}`, { details: { status } });
  }
}

/** The whole body of a response parsed as JSON. */
async function readJson(response: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  try {
    for await (const chunk of response as AsyncIterable<Buffer>) chunks.push(chunk);
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch (error) {
    throw new PlyError('PLY_REGISTRY_ERROR', `the registry's answer is not complete JSON: ${(error as Error).message}`, { cause: error });
  }
}
