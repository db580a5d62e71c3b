import { readFileSync } from 'node:fs';
import { PlyError } from '../errors/ply-error.js';

/** Line and column (1-based) of a character offset. */
function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

/** Reads and parses a strict JSON file; a syntax error names the file, line and column. */
export function readJsonFile(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new PlyError('PLY_MANIFEST_INVALID', `${file}: cannot be read (${(error as NodeJS.ErrnoException).code ?? error})`, {
      cause: error,
      details: { issues: [{ file, pointer: '', message: 'cannot be read' }] },
    });
  }
  try {
    return JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (error) {
    const reason = (error as Error).message;
    const position = /position (\d+)/.exec(reason);
    const where = position ? lineAndColumn(text, Number(position[1])) : undefined;
    const message = where ? `invalid JSON at line ${where.line}, column ${where.column}: ${reason}` : `invalid JSON: ${reason}`;
    throw new PlyError('PLY_MANIFEST_INVALID', `${file}: ${message}`, {
      cause: error,
      details: { issues: [{ file, pointer: '', message, ...where }] },
    });
  }
}

/** RFC 6901 JSON pointer of a path. */
export function toJsonPointer(path: ReadonlyArray<PropertyKey>): string {
  return path.map((part) => '/' + String(part).replace(/~/g, '~0').replace(/\//g, '~1')).join('');
}
