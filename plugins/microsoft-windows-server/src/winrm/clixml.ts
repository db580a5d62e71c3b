import { xmlDecode } from './wsman-envelopes.js';

/**
 * The readable text of PowerShell's stderr: PowerShell writes its error records as CLIXML
 * (`#< CLIXML` then `<Objs>` with `<S S="Error">` lines, control characters as `_x000D_`);
 * other text is kept as it is.
 */
export function readableError(stderr: string): string {
  if (!stderr.trimStart().startsWith('#< CLIXML')) return stderr.trim();
  const lines = [...stderr.matchAll(/<S S="Error">([^<]*)<\/S>/g)].map((match) => xmlDecode(match[1]!).replace(/_x([0-9A-Fa-f]{4})_/g, (_m, code: string) => String.fromCharCode(parseInt(code, 16))));
  return lines.join('').replace(/\s+$/g, '').trim();
}
