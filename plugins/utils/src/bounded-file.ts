import { open } from 'node:fs/promises';
import { PlyError, type FileStore } from '@ply/core';

/** The largest file the readers load: they parse whole documents (JSONPath and XPath need the tree). */
export const MAX_FILE_BYTES = 256 * 1024 * 1024;

/**
 * The text of a file of the run's data folder, refused past `maxBytes` before it is read (the size
 * is checked on the open file, so a file that grows while read is cut off there too).
 */
export async function readBoundedText(files: FileStore, relativePath: string, maxBytes = MAX_FILE_BYTES): Promise<string> {
  const absolute = files.resolve(relativePath);
  let handle;
  try {
    handle = await open(absolute, 'r');
  } catch (error) {
    throw new PlyError('PLY_FILE_REFERENCE_INVALID', `file_path "${relativePath}" cannot be read (${(error as NodeJS.ErrnoException).code})`, { cause: error });
  }
  try {
    const { size } = await handle.stat();
    if (size > maxBytes) throw new PlyError('PLY_INVALID_INPUT', `file_path "${relativePath}" is ${size} bytes, more than the ${maxBytes} bytes this action reads`, { details: { size, maxBytes } });
    const buffer = Buffer.allocUnsafe(size);
    let read = 0;
    while (read < size) {
      const { bytesRead } = await handle.read(buffer, read, size - read, read);
      if (bytesRead === 0) break;
      read += bytesRead;
    }
    return buffer.toString('utf8', 0, read);
  } finally {
    await handle.close();
  }
}
