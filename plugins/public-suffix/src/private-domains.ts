import { PlyError } from '@ply/core';

/** The section markers of the list (https://github.com/publicsuffix/list/wiki/Format). */
export const BEGIN_PRIVATE = '// ===BEGIN PRIVATE DOMAINS===';
export const END_PRIVATE = '// ===END PRIVATE DOMAINS===';

/**
 * The rules of the list's private section, as the reference extracts them: one per line, comments
 * (`//`) and blank lines skipped, a wildcard rule's `*.` removed (`*.dev.adobeaemcloud.com` gives
 * `dev.adobeaemcloud.com`). As the format says, a rule is read up to the first whitespace.
 * A text without the private section is not the list: that is a malformed answer.
 */
export function privateDomains(list: string, source: string): string[] {
  const start = list.indexOf(BEGIN_PRIVATE);
  if (start < 0) throw new PlyError('PLY_VENDOR_RESPONSE_INVALID', `${source} answered a text without the "${BEGIN_PRIVATE}" section: not the Public Suffix List`);
  const end = list.indexOf(END_PRIVATE, start);
  const section = list.slice(start + BEGIN_PRIVATE.length, end < 0 ? undefined : end);
  const domains: string[] = [];
  for (const line of section.split(/\r?\n/)) {
    const rule = line.trim().split(/\s/, 1)[0] ?? '';
    if (rule === '' || rule.startsWith('//')) continue;
    domains.push(rule.replace(/^\*\./, ''));
  }
  return domains;
}
