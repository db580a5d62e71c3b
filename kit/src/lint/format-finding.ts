import { relative } from 'node:path';
import type { LintFinding } from './lint-finding.js';

/** `file:json-pointer: severity: message [rule]`, the file relative to `cwd` (`/` for the whole file). */
export function formatFinding(finding: LintFinding, cwd: string): string {
  const file = relative(cwd, finding.file) || finding.file;
  return `${file}:${finding.pointer || '/'}: ${finding.severity}: ${finding.message} [${finding.rule}]`;
}
