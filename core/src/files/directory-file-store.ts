import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { FileStore } from '../contracts/file-store.js';
import { PlyError } from '../errors/ply-error.js';

function safeName(name: string): string {
  const cleaned = name.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^\.+/, '');
  return cleaned.slice(0, 80) || 'value';
}

/** A run's data folder on disk. Writes go through a temp file and a rename: never half a file. */
export class DirectoryFileStore implements FileStore {
  readonly root: string;

  constructor(root: string) {
    this.root = resolve(root);
  }

  resolve(relativePath: string): string {
    if (typeof relativePath !== 'string' || relativePath.length === 0 || isAbsolute(relativePath) || relativePath.includes('\0')) {
      throw new PlyError('PLY_FILE_REFERENCE_INVALID', `file reference "${String(relativePath)}" must be a relative path inside the run's data folder`);
    }
    const absolute = resolve(this.root, relativePath);
    const inside = relative(this.root, absolute);
    if (inside.startsWith('..') || isAbsolute(inside) || inside.split(sep).includes('..')) {
      throw new PlyError('PLY_FILE_REFERENCE_INVALID', `file reference "${relativePath}" escapes the run's data folder`);
    }
    return absolute;
  }

  async readText(relativePath: string): Promise<string> {
    const file = this.resolve(relativePath);
    try {
      return await readFile(file, 'utf8');
    } catch (error) {
      throw new PlyError('PLY_FILE_REFERENCE_INVALID', `file reference "${relativePath}" cannot be read (${(error as NodeJS.ErrnoException).code})`, { cause: error });
    }
  }

  async readJson<T = unknown>(relativePath: string): Promise<T> {
    const text = await this.readText(relativePath);
    try {
      return JSON.parse(text) as T;
    } catch (error) {
      throw new PlyError('PLY_FILE_REFERENCE_INVALID', `file reference "${relativePath}" is not valid JSON: ${(error as Error).message}`, { cause: error });
    }
  }

  writeText(name: string, text: string): Promise<string> {
    return this.write(name, text);
  }

  writeBytes(name: string, bytes: Uint8Array): Promise<string> {
    return this.write(name, bytes);
  }

  private async write(name: string, content: string | Uint8Array): Promise<string> {
    await mkdir(this.root, { recursive: true, mode: 0o700 });
    const safe = safeName(name);
    const dot = safe.lastIndexOf('.');
    // `<name>-<uuid>.<ext>`, as Sekoia's SDK names result files.
    const fileName = dot > 0 ? `${safe.slice(0, dot)}-${randomUUID()}${safe.slice(dot)}` : `${safe}-${randomUUID()}`;
    const temp = join(this.root, `.${fileName}.tmp`);
    try {
      await writeFile(temp, content, { mode: 0o600 });
      await rename(temp, join(this.root, fileName));
    } catch (error) {
      // A full disk leaves no partial temp file behind.
      await rm(temp, { force: true });
      throw error;
    }
    return fileName;
  }

  async writeJson(name: string, value: unknown): Promise<string> {
    return this.writeText(name.endsWith('.json') ? name : `${name}.json`, JSON.stringify(value));
  }
}
