import { gzipSync } from 'node:zlib';

/** One raw tar entry; `type` is the ustar typeflag ('0' file, '1' hard link, '2' symlink, '3' char device, '5' folder). */
export interface RawEntry {
  path: string;
  type?: '0' | '1' | '2' | '3' | '4' | '5' | '6';
  data?: Buffer | string;
  linkname?: string;
  /** Size to declare in the header when it must differ from the data (lying headers). */
  declaredSize?: number;
}

function octal(value: number, width: number): string {
  return `${value.toString(8).padStart(width - 1, '0')}\0`;
}

/** A ustar header written byte by byte, so tests can build what no well-behaved tar tool would. */
function header(entry: RawEntry, size: number): Buffer {
  const block = Buffer.alloc(512);
  block.write(entry.path, 0, 100, 'utf8');
  block.write(octal(entry.type === '5' ? 0o755 : 0o644, 8), 100, 'ascii');
  block.write(octal(0, 8), 108, 'ascii');
  block.write(octal(0, 8), 116, 'ascii');
  block.write(octal(size, 12), 124, 'ascii');
  block.write(octal(499162500, 12), 136, 'ascii');
  block.write('        ', 148, 'ascii');
  block.write(entry.type ?? '0', 156, 'ascii');
  if (entry.linkname) block.write(entry.linkname, 157, 100, 'utf8');
  block.write('ustar\u000000', 257, 'ascii');
  let sum = 0;
  for (const byte of block) sum += byte;
  block.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'ascii');
  return block;
}

/** A gzipped tarball of raw entries. */
export function rawTarball(entries: RawEntry[]): Buffer {
  const blocks: Buffer[] = [];
  for (const entry of entries) {
    const data = Buffer.from(entry.data ?? '');
    const size = entry.declaredSize ?? (entry.type === undefined || entry.type === '0' ? data.byteLength : 0);
    blocks.push(header(entry, size));
    // Padding follows the real data, so a header that lies about its size makes a truncated archive.
    const stored = entry.declaredSize === undefined ? size : data.byteLength;
    if (stored > 0) {
      const padded = Buffer.alloc(Math.ceil(stored / 512) * 512);
      data.copy(padded);
      blocks.push(padded);
    }
  }
  blocks.push(Buffer.alloc(1024));
  return gzipSync(Buffer.concat(blocks));
}
