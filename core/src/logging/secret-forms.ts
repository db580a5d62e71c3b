/** Shortest encoded core worth hunting: shorter fragments would match ordinary text. */
const MIN_FORM_LENGTH = 8;

/** `%2b` and `%2B` are the same byte: servers echo either. */
function withLowerHex(encoded: string): string {
  return encoded.replace(/%[0-9A-F]{2}/g, (escape) => escape.toLowerCase());
}

/**
 * The base64 characters that depend on `value` alone, wherever it sits in a longer base64 text:
 * for each of the three alignments, the encoding of the value after 0, 1 or 2 unknown bytes, less
 * the characters that also depend on those bytes or on the ones after it. Finds a password inside
 * `Basic dXNlcjpwYXNz...` as well as a value encoded on its own.
 */
function base64Cores(bytes: Buffer): string[] {
  const cores: string[] = [];
  for (const offset of [0, 1, 2]) {
    const total = offset + bytes.length;
    let encoded = Buffer.concat([Buffer.alloc(offset), bytes]).toString('base64').replace(/=+$/, '');
    encoded = encoded.slice([0, 2, 3][offset], total % 3 === 0 ? undefined : -1);
    if (encoded.length >= MIN_FORM_LENGTH) cores.push(encoded, encoded.replace(/\+/g, '-').replace(/\//g, '_'));
  }
  return cores;
}

/**
 * The parts of a secret that are secret on their own: the path and query of a URL that carries
 * its own token (a Mattermost or Slack hook, a presigned link), its password; the token of an
 * `Authorization` value without its scheme. A 404 page quoting the path leaks the hook as surely
 * as the whole URL would.
 */
function meaningfulParts(value: string): string[] {
  const parts: string[] = [];
  const scheme = /^(?:bearer|basic|token|apikey|sso-key)\s+(\S+)$/i.exec(value.trim());
  if (scheme) parts.push(scheme[1]!);
  if (/^https?:\/\//i.test(value)) {
    try {
      const url = new URL(value);
      for (const part of [`${url.pathname}${url.search}`, url.pathname, url.search.slice(1), decodeURIComponent(url.password)]) if (part.length >= MIN_FORM_LENGTH && part !== '/') parts.push(part);
    } catch {
      // not a URL after all: the whole value is masked as it is
    }
  }
  return parts;
}

/**
 * Every form a secret may take once it left our hands: as it is, URL-encoded (path, query or form
 * style, upper or lower hex), JSON-escaped, and base64 (standard and URL-safe, at any alignment).
 * The redactor masks each of them.
 */
export function secretForms(value: string): string[] {
  const forms = new Set<string>();
  for (const part of [value, ...meaningfulParts(value)]) for (const form of encodedForms(part)) forms.add(form);
  return [...forms].filter((form) => form === value || form.length >= MIN_FORM_LENGTH);
}

/** A value as it is, URL-encoded, JSON-escaped and base64-encoded. */
function encodedForms(value: string): Set<string> {
  const forms = new Set<string>([value]);
  const component = encodeURIComponent(value);
  for (const encoded of [component, encodeURI(value), new URLSearchParams({ v: value }).toString().slice(2)]) {
    forms.add(encoded);
    forms.add(withLowerHex(encoded));
  }
  forms.add(JSON.stringify(value).slice(1, -1));
  for (const core of base64Cores(Buffer.from(value, 'utf8'))) forms.add(core);
  return forms;
}
