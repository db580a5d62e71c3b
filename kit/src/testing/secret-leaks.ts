/** The forms a secret travels in: as is, URL-encoded (query strings), JSON-escaped, base64 (Basic auth, tokens). */
export function secretForms(secret: string): Array<{ form: string; text: string }> {
  const forms = [
    { form: 'raw', text: secret },
    { form: 'URL-encoded', text: encodeURIComponent(secret) },
    { form: 'form-encoded', text: new URLSearchParams({ s: secret }).toString().slice(2) },
    { form: 'JSON-escaped', text: JSON.stringify(secret).slice(1, -1) },
    { form: 'base64', text: Buffer.from(secret).toString('base64') },
  ];
  return forms.filter((entry, index) => forms.findIndex((other) => other.text === entry.text) === index);
}

/**
 * Where a secret canary shows through: each `{ where: text }` entry (results, error, log lines,
 * records) is searched for every form of the secret. An empty list means no leak.
 */
export function secretLeaks(secret: string, places: Record<string, unknown>): string[] {
  const leaks: string[] = [];
  for (const [where, value] of Object.entries(places)) {
    const text = typeof value === 'string' ? value : JSON.stringify(value) ?? '';
    for (const { form, text: needle } of secretForms(secret)) if (text.includes(needle)) leaks.push(`${where}: the ${form} secret`);
  }
  return leaks;
}
