/** The `key: value` lines of a WHOIS answer, keys in lower case, values in order (repeated keys kept). */
export function whoisFields(text: string): Map<string, string[]> {
  const fields = new Map<string, string[]>();
  for (const line of text.split(/\r?\n/)) {
    const match = /^\s*([A-Za-z][A-Za-z0-9 /_.()-]*?)\s*:\s*(.*?)\s*$/.exec(line);
    if (!match || match[2] === '' || line.trimStart().startsWith('%') || line.trimStart().startsWith('#')) continue;
    const key = match[1]!.toLowerCase();
    fields.set(key, [...(fields.get(key) ?? []), match[2]!]);
  }
  return fields;
}

export function first(fields: Map<string, string[]>, ...keys: string[]): string | undefined {
  for (const key of keys) {
    const value = fields.get(key)?.[0];
    if (value) return value;
  }
  return undefined;
}

export function all(fields: Map<string, string[]>, ...keys: string[]): string[] {
  return keys.flatMap((key) => fields.get(key) ?? []);
}

/** A referral of the answer: IANA's `refer:`, a registry's `Registrar WHOIS Server:`, ARIN's `ReferralServer: whois://host:port`. */
export function referralOf(text: string): string | undefined {
  const fields = whoisFields(text);
  const value = first(fields, 'refer', 'whois', 'registrar whois server', 'whois server', 'referralserver');
  if (!value) return undefined;
  const match = /^(?:r?whois:\/\/)?([A-Za-z0-9.-]+(?::\d{1,5})?)\/?$/.exec(value.trim());
  return match?.[1];
}

const NOT_FOUND = /^\s*(no match( for)?|not found|no data found|no entries found|domain not found|the queried object does not exist|no object found|status:\s*free)\b/im;

/** True when the answer says there is no such object. */
export function saysNotFound(text: string): boolean {
  return NOT_FOUND.test(text);
}

/** A date as the reference printed Python's datetime (`1997-09-15 04:00:00`, UTC), else the text as given. */
export function referenceDate(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const parsed = new Date(value);
  return Number.isNaN(parsed.getTime()) ? value : parsed.toISOString().slice(0, 19).replace('T', ' ');
}
