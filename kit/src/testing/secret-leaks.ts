import { secretForms } from '@ply/core';

/**
 * Where a secret canary shows through: each `{ where: value }` entry (results, error, log lines,
 * records) is searched for every form the redactor masks (the secret as it is, URL-encoded,
 * JSON-escaped, base64, its meaningful parts). An empty list means no leak.
 */
export function secretLeaks(secret: string, places: Record<string, unknown>): string[] {
  const leaks: string[] = [];
  for (const [where, value] of Object.entries(places)) {
    const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? '');
    const found = secretForms(secret).filter((form) => text.includes(form));
    if (found.length > 0) leaks.push(`${where}: ${found.map((form) => (form === secret ? 'the secret' : JSON.stringify(form))).join(', ')}`);
  }
  return leaks;
}
