import { readFileSync, rmSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { PlyError, writeFileAtomic } from '@ply/core';
import { storeWriteError } from './store-write-error.js';
import type { RecordSealer } from './record-sealer.js';

/** Stands in a record for a value too large for the database: a file under the execution's folder. */
export interface FileReference {
  $file: string;
  bytes: number;
}

export function isFileReference(value: unknown): value is FileReference {
  return typeof value === 'object' && value !== null && typeof (value as FileReference).$file === 'string' && typeof (value as FileReference).bytes === 'number';
}

/**
 * Encodes values for the execution tables: JSON text, or, past `thresholdBytes`, a file under
 * `<root>/<execution id>/` and a {@link FileReference} in the column.
 */
export class StoredValues {
  constructor(
    /** `$PLY_HOME/executions` */
    readonly root: string,
    readonly thresholdBytes: number,
    /** Seals what goes to files (the columns are sealed by the execution repository). */
    private readonly sealer: RecordSealer,
  ) {}

  encode(executionId: string, name: string, value: unknown): string | null {
    if (value === undefined) return null;
    const text = JSON.stringify(value);
    if (text === undefined) return null;
    // A UTF-16 unit is at most 3 bytes of UTF-8: most values need no byte count.
    if (text.length * 3 <= this.thresholdBytes || Buffer.byteLength(text) <= this.thresholdBytes) return text;
    const file = `${name.replace(/[^A-Za-z0-9._-]+/g, '_')}.json`;
    try {
      // Through a temp file and a rename, removed on failure: a full disk leaves no half file.
      writeFileAtomic(join(this.root, executionId, file), this.sealer.seal(text, `${executionId}/${file}`));
    } catch (error) {
      throw storeWriteError(error, `value file "${file}" of execution ${executionId}`);
    }
    return JSON.stringify({ $file: file, bytes: Buffer.byteLength(text) } satisfies FileReference);
  }

  /** Removes the value files of an execution whose row could not be written. */
  discard(executionId: string): void {
    rmSync(join(this.root, executionId), { recursive: true, force: true });
  }

  decode(text: string | null): unknown {
    return text === null ? undefined : JSON.parse(text);
  }

  /** Reads the value a {@link FileReference} of this execution points to. */
  load(executionId: string, reference: FileReference): unknown {
    const dir = resolve(this.root, executionId);
    const file = resolve(dir, reference.$file);
    if (relative(dir, file).split(sep).includes('..')) throw new PlyError('PLY_FILE_REFERENCE_INVALID', `value file "${reference.$file}" escapes the execution folder`);
    try {
      return JSON.parse(this.sealer.open(readFileSync(file, 'utf8'), `${executionId}/${reference.$file}`));
    } catch (error) {
      if (error instanceof PlyError) throw error;
      throw new PlyError('PLY_STORE_ERROR', `value file "${reference.$file}" of execution ${executionId} cannot be read: ${(error as Error).message}`, { cause: error });
    }
  }
}
