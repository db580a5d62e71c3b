import { randomUUID } from 'node:crypto';

/** The file name a Content-Disposition header gives (RFC 6266: `filename*` in RFC 8187 form first, then `filename`). */
export function dispositionFileName(header: string | null): string | undefined {
  if (!header) return undefined;
  const extended = /filename\*\s*=\s*([^']*)'[^']*'([^;]+)/i.exec(header);
  if (extended) {
    try {
      return decodeURIComponent(extended[2]!.trim());
    } catch {
      // A malformed percent-encoding: fall back to the plain parameter.
    }
  }
  const plain = /filename\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;\s]+))/i.exec(header);
  return plain ? (plain[1] ?? plain[2])!.replace(/\\(.)/g, '$1') : undefined;
}

/** The last segment of the URL's path, decoded, when there is one. */
export function urlFileName(url: string): string | undefined {
  const segment = new URL(url).pathname.split('/').pop();
  if (!segment) return undefined;
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/**
 * A name safe to create in the run's data folder: no folder part (a server's `../../x` or
 * `C:\x` keeps only `x`), no control or reserved characters, no leading dot, at most 200
 * characters; a random name when nothing is left.
 */
export function safeFileName(name: string | undefined): string {
  const base = (name ?? '').split(/[/\\]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is removed
  const cleaned = base.replace(/[\u0000-\u001f\u007f<>:"|?*]+/g, '_').replace(/^[.\s]+/, '').trim().slice(0, 200);
  return cleaned === '' || cleaned === '.' || cleaned === '..' ? randomUUID() : cleaned;
}
