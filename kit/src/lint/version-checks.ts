import { existsSync, readFileSync } from 'node:fs';
import type { LintDefect } from './lint-finding.js';

/** The first released entry of a Keep-a-Changelog file (`## [1.2.0] - 2026-11-29`), skipping Unreleased. */
export function topChangelogVersion(text: string): { version: string; line: number } | undefined {
  const lines = text.split('\n');
  for (const [index, line] of lines.entries()) {
    const match = /^##\s+\[?([^\]\s]+)\]?/.exec(line);
    if (!match || match[1]!.toLowerCase() === 'unreleased') continue;
    return { version: match[1]!, line: index + 1 };
  }
  return undefined;
}

/**
 * The top CHANGELOG.md entry must be the manifest's version. A plugin package must have a
 * changelog; a bare module folder is checked only when it has one.
 */
export function changelogDefects(changelog: string, version: string, required: boolean): LintDefect[] {
  if (!existsSync(changelog)) {
    return required ? [{ rule: 'version-match', file: changelog, pointer: '', message: `missing: a plugin keeps a CHANGELOG.md whose top entry is ${version}` }] : [];
  }
  const top = topChangelogVersion(readFileSync(changelog, 'utf8'));
  if (!top) return [{ rule: 'version-match', file: changelog, pointer: '', message: `no released entry (## [${version}] - YYYY-MM-DD)` }];
  if (top.version === version) return [];
  return [{ rule: 'version-match', file: changelog, pointer: '', message: `top entry (line ${top.line}) is ${top.version} but manifest.json says ${version}` }];
}
